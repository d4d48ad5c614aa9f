namespace Cooling.Supervisor.Contract;

/// <summary>
/// One GPU entry of a rack telemetry message (contract v1), as validated: its index in the rack, die and memory
/// temperature °C (memory NaN when not reported), power W and throttle flag (null when not reported). Laid out by the
/// runtime (32 bytes instead of 40 in declaration order): 100,000 GPUs' tables and every message's buffer take less memory.
/// </summary>
[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Auto)]
public readonly record struct GpuReading(int Index, double TemperatureCelsius, double MemoryTemperatureCelsius, double PowerWatts, bool? Throttled);

/// <summary>
/// Where the rack readers leave the GPU entries of the message being read: one array per thread, as large as the
/// largest message, reused for every message (no allocation per message). Valid until the thread reads the next one.
/// </summary>
internal static class GpuReadingBuffer
{
    [ThreadStatic]
    private static GpuReading[]? t_readings;

    public static GpuReading[] ForThisThread => t_readings ??= new GpuReading[RackTelemetryReader.MaximumGpus];
}
