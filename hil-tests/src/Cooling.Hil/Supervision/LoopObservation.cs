namespace Cooling.Hil.Supervision;

/// <summary>
/// What the supervisor knows of one CDU loop at a telemetry instant: the CDU's telemetry and its racks' telemetry
/// (per rack: power and hottest GPU), as contract v1 carries them.
/// </summary>
public sealed record LoopObservation(
    double Seconds,
    double SupplyTemperatureCelsius,
    double ReturnTemperatureCelsius,
    double FacilitySupplyTemperatureCelsius,
    double FlowLitersPerMinute,
    double DeltaPressureKpa,
    double ValvePositionPercent,
    double DewPointCelsius,
    double AppliedSetpointCelsius,
    IReadOnlyList<double> RackPowerKilowatts,
    IReadOnlyList<double> RackHottestGpuCelsius)
{
    public double ItPowerKilowatts => RackPowerKilowatts.Sum();

    public double HottestGpuCelsius => RackHottestGpuCelsius.Count > 0 ? RackHottestGpuCelsius.Max() : double.NaN;
}
