namespace Cooling.Supervisor.Contract;

/// <summary>
/// What the supervisor keeps of one rack telemetry message (contract v1): the rack's coolant values and a
/// summary of its GPUs. Temperatures °C, flow L/min, power W. The rack's coolant values are NaN when the publisher
/// does not measure them (the dcgm-exporter bridge sees GPUs only). A value: kept in place in the hall state and the
/// store's queue, with no allocation per message.
/// </summary>
public readonly record struct RackTelemetry(
    long Sequence,
    long TimestampUnixMilliseconds,
    double InletTemperatureCelsius,
    double OutletTemperatureCelsius,
    double FlowLitersPerMinute,
    double PowerWatts,
    int GpuCount,
    double HottestGpuTemperatureCelsius,
    int HottestGpuIndex,
    double HottestMemoryTemperatureCelsius,
    double GpuPowerWatts,
    int ThrottledGpuCount);
