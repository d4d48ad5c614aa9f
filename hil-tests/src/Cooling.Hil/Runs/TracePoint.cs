namespace Cooling.Hil.Runs;

/// <summary>One point of a run's plotted trace (kept every few seconds of plant time).</summary>
public sealed record TracePoint(
    double Seconds,
    double SupplyCelsius,
    double SetpointCelsius,
    double ReturnCelsius,
    double FacilitySupplyCelsius,
    double HottestGpuCelsius,
    double DeltaPressureKpa,
    double FlowLitersPerMinute,
    double ValveCommandPercent,
    double ValvePositionPercent,
    double Pump1SpeedPercent,
    double Pump2SpeedPercent,
    double ItPowerKilowatts,
    double PumpPowerKilowatts,
    double FacilityPowerKilowatts,
    string Mode);
