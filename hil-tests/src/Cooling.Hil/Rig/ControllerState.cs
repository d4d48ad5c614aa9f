namespace Cooling.Hil.Rig;

/// <summary>
/// What the KPIs read of the controller in one cycle: on SIL from the firmware core itself, on a rig from the CDU's
/// telemetry (contract v1). <see cref="DeltaPressureSetpointKpa"/> is NaN when the pumps do not control ΔP.
/// </summary>
public readonly record struct ControllerState(
    double SetpointCelsius,
    double TargetCelsius,
    double DewPointCelsius,
    double DeltaPressureSetpointKpa,
    int LeadPump,
    bool FlowProven,
    bool Fallback,
    bool Degraded,
    bool Shutdown);
