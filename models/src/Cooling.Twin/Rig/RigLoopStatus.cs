namespace Cooling.Twin.Rig;

/// <summary>One external CDU's loop at a moment of rig mode: the plant's state and the commands it runs under.</summary>
/// <param name="PumpSpeedCommandPercent">Pump 1's speed command, % (NaN while pump 1 is not commanded to run).</param>
public sealed record RigLoopStatus(
    string CduId,
    TimeSpan PlantTime,
    double SupplyCelsius,
    double SetpointCelsius,
    string Mode,
    double ValveCommandPercent,
    double ValvePositionPercent,
    double PumpSpeedCommandPercent,
    double FlowLitersPerMinute,
    double DeltaPressureKpa,
    double ItHeatWatts,
    double HeatRejectedWatts,
    bool IsolationValvesOpen,
    long AcceptedActuatorMessages,
    long RejectedActuatorMessages);
