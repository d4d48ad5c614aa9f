namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// What one dcgm-exporter scrape says of one GPU. A field is null when the exporter did not report it, reported
/// DCGM's "not supported", or reported a value outside the contract's range.
/// </summary>
public sealed record DcgmGpuReading(string Host, int Gpu, string? Uuid, string? ModelName)
{
    public double? TemperatureCelsius { get; set; }

    public double? MemoryTemperatureCelsius { get; set; }

    public double? PowerWatts { get; set; }

    /// <summary>The DCGM clock event (throttle) reasons bit mask.</summary>
    public ulong? ClockEventReasons { get; set; }

    /// <summary>True when any throttling reason is set; null when the reasons are not reported.</summary>
    public bool? Throttled => ClockEventReasons is { } reasons ? (reasons & DcgmFields.ThrottleMask) != 0 : null;
}
