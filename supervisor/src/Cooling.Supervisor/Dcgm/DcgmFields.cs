using System.Globalization;

namespace Cooling.Supervisor.Dcgm;

/// <summary>The dcgm-exporter metrics and labels the bridge reads, and how their values are judged.</summary>
public static class DcgmFields
{
    public const string GpuTemperature = "DCGM_FI_DEV_GPU_TEMP";
    public const string MemoryTemperature = "DCGM_FI_DEV_MEMORY_TEMP";
    public const string PowerUsage = "DCGM_FI_DEV_POWER_USAGE";
    public const string ClocksEventReasons = "DCGM_FI_DEV_CLOCKS_EVENT_REASONS";

    /// <summary>The name of <see cref="ClocksEventReasons"/> in DCGM before 3.3.</summary>
    public const string ClockThrottleReasons = "DCGM_FI_DEV_CLOCK_THROTTLE_REASONS";

    /// <summary>
    /// Values at or above this (DCGM's blank values: not supported, not found, not permissioned) carry no
    /// measurement and are dropped.
    /// </summary>
    public const ulong NotSupportedThreshold = 0x7ffffffffffffff0;

    /// <summary>
    /// Clock event reasons that are throttling (NVML nvmlClocksEventReasons): software power cap 0x4, hardware
    /// slowdown 0x8, software thermal slowdown 0x20, hardware thermal slowdown 0x40, hardware power brake 0x80.
    /// Idle 0x1, application clocks 0x2, sync boost 0x10 and display clock 0x100 are not.
    /// </summary>
    public const ulong ThrottleMask = 0x4 | 0x8 | 0x20 | 0x40 | 0x80;

    /// <summary>The host label: "Hostname" in dcgm-exporter before 3.3.5, "hostname" since.</summary>
    public static string? Host(IReadOnlyDictionary<string, string> labels) =>
        labels.TryGetValue("Hostname", out var host) || labels.TryGetValue("hostname", out host) ? host : null;

    /// <summary>True when the value as written is DCGM's "not supported" (≥ 0x7ffffffffffffff0).</summary>
    public static bool IsNotSupported(string valueText, double value)
    {
        if (ulong.TryParse(valueText, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
        {
            return integer >= NotSupportedThreshold;
        }

        return value >= NotSupportedThreshold; // a float at or above 2^63 − 16 (rounds to 2^63)
    }
}
