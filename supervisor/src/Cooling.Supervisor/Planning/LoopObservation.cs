namespace Cooling.Supervisor.Planning;

/// <summary>
/// What a planner sees of one cooling loop at one moment: the CDU's telemetry, the telemetry of the racks on its
/// loop, and the time. Built from the hall state by the supervisor (<see cref="LoopObservationBuilder"/>), or directly
/// by a test rig that plays the plant in process.
/// </summary>
/// <param name="CduId">The CDU whose loop this is.</param>
/// <param name="Time">When the observation was taken (the supervisor's clock).</param>
/// <param name="Cdu">The CDU's latest telemetry.</param>
/// <param name="Racks">The loop's racks, each with its latest telemetry (stale ones included; planners check the age).</param>
public sealed record LoopObservation(string CduId, DateTimeOffset Time, CduObservation Cdu, IReadOnlyList<RackObservation> Racks)
{
    /// <summary>Heat of all racks into the liquid, W.</summary>
    public double RackPowerWatts => Racks.Sum(r => r.PowerWatts);

    /// <summary>The hottest GPU of the loop, °C (NaN without racks).</summary>
    public double HottestGpuTemperatureCelsius => Racks.Count == 0 ? double.NaN : Racks.Max(r => r.HottestGpuTemperatureCelsius);
}

/// <summary>
/// A CDU's telemetry as planners need it (contract v1 names). Null: the CDU reported the sensor invalid.
/// </summary>
/// <param name="ReceivedAt">When the telemetry arrived.</param>
/// <param name="SupplyTemperatureCelsius">Secondary supply temperature, °C.</param>
/// <param name="ReturnTemperatureCelsius">Secondary return temperature, °C.</param>
/// <param name="SupplyTemperatureTargetCelsius">Supply target in force (leased or local), °C.</param>
/// <param name="DeltaPressureKpa">Secondary ΔP, kPa.</param>
/// <param name="DeltaPressureTargetKpa">ΔP target in force, kPa (null when the pumps hold flow or the CDU does not report it).</param>
/// <param name="FlowLitersPerMinute">Secondary flow, L/min.</param>
/// <param name="PumpSpeedPercent">Lead pump speed command, %.</param>
/// <param name="DewPointCelsius">Dew point at the CDU, °C.</param>
/// <param name="FacilitySupplyTemperatureCelsius">Facility water supply, °C.</param>
public sealed record CduObservation(
    DateTimeOffset ReceivedAt,
    double? SupplyTemperatureCelsius,
    double? ReturnTemperatureCelsius,
    double SupplyTemperatureTargetCelsius,
    double? DeltaPressureKpa,
    double? DeltaPressureTargetKpa,
    double? FlowLitersPerMinute,
    double PumpSpeedPercent,
    double DewPointCelsius,
    double? FacilitySupplyTemperatureCelsius);

/// <summary>
/// One rack's latest telemetry, summarized (contract v1 names). The coolant values are optional in the contract: NaN
/// when the rack's publisher does not measure them (the dcgm-exporter bridge); planners treat NaN as unknown.
/// </summary>
/// <param name="RackId">Rack id.</param>
/// <param name="SampledAt">The rack agent's timestamp of the sample.</param>
/// <param name="InletTemperatureCelsius">Coolant inlet, °C (NaN: not measured).</param>
/// <param name="FlowLitersPerMinute">Rack coolant flow, L/min (NaN: not measured).</param>
/// <param name="PowerWatts">Rack heat into the liquid, W.</param>
/// <param name="GpuPowerWatts">Sum of the rack's GPU power, W.</param>
/// <param name="GpuCount">GPUs reported.</param>
/// <param name="HottestGpuTemperatureCelsius">Hottest GPU die, °C.</param>
/// <param name="ThrottledGpuCount">GPUs reporting a throttle reason.</param>
public sealed record RackObservation(
    string RackId,
    DateTimeOffset SampledAt,
    double InletTemperatureCelsius,
    double FlowLitersPerMinute,
    double PowerWatts,
    double GpuPowerWatts,
    int GpuCount,
    double HottestGpuTemperatureCelsius,
    int ThrottledGpuCount);
