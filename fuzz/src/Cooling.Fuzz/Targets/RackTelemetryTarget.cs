using Cooling.Supervisor.Contract;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The supervisor's rack telemetry reading: <see cref="RackTelemetryReader.Read(ReadOnlySpan{byte}, out ReadOnlySpan{GpuReading})"/>
/// (the <c>RackTelemetryScanner</c> fast path, falling back to the general contract reader). Invariants: the fast path and
/// the general reader agree on every message; what is accepted lies within the contract's bounds and its summary is
/// the fold of its GPU entries.
/// </summary>
public sealed class RackTelemetryTarget : FuzzTarget
{
    public override void Run(byte[] input)
    {
        var general = RackTelemetryReader.ReadWithoutFastPath(input);
        var fast = RackTelemetryReader.FastPathAccepts(input);
        var result = RackTelemetryReader.Read(input, out var gpus);
        InvariantViolationException.Check(!fast || general.IsSuccess, $"the scanner accepts what the general reader refuses: {general.Error}");
        InvariantViolationException.Check(result.IsSuccess == general.IsSuccess && result.Error == general.Error, $"the readers disagree: '{result.Error}' vs '{general.Error}'");
        if (!result.IsSuccess)
        {
            InvariantViolationException.Check(result.Error is { Length: > 0 }, "refused without a reason");
            return;
        }

        var t = result.Value;
        InvariantViolationException.Check(t.Equals(general.Value), $"the readers disagree: {t} vs {general.Value}");
        InvariantViolationException.Check(t.Sequence >= 0 && t.TimestampUnixMilliseconds >= 0, $"seq {t.Sequence}, timestamp {t.TimestampUnixMilliseconds}");
        InvariantViolationException.Check(t.GpuCount is >= 1 and <= RackTelemetryReader.MaximumGpus && gpus.Length == t.GpuCount, $"{t.GpuCount} GPUs, {gpus.Length} entries");
        InvariantViolationException.Check(Optional(t.InletTemperatureCelsius, -20, 150) && Optional(t.OutletTemperatureCelsius, -20, 150) && Optional(t.FlowLitersPerMinute, 0, 10_000), $"rack values out of range: {t}");
        InvariantViolationException.Check(t.PowerWatts is >= 0 and <= 1e7, $"power {t.PowerWatts} W");
        var hottest = double.MinValue;
        var hottestIndex = -1;
        var throttled = 0;
        var seen = new HashSet<int>();
        foreach (var gpu in gpus)
        {
            InvariantViolationException.Check(gpu.Index is >= 0 and < RackTelemetryReader.MaximumGpus && seen.Add(gpu.Index), $"GPU index {gpu.Index} invalid or repeated");
            InvariantViolationException.Check(gpu.TemperatureCelsius is >= -20 and <= 150 && Optional(gpu.MemoryTemperatureCelsius, -20, 150) && gpu.PowerWatts is >= 0 and <= 5000, $"GPU out of range: {gpu}");
            if (gpu.TemperatureCelsius > hottest)
            {
                hottest = gpu.TemperatureCelsius;
                hottestIndex = gpu.Index;
            }

            if (gpu.Throttled == true) throttled++;
        }

        InvariantViolationException.Check(t.HottestGpuTemperatureCelsius.Equals(hottest) && t.HottestGpuIndex == hottestIndex, $"hottest {t.HottestGpuIndex}: {t.HottestGpuTemperatureCelsius} °C, the entries say {hottestIndex}: {hottest} °C");
        InvariantViolationException.Check(t.ThrottledGpuCount == throttled, $"{t.ThrottledGpuCount} throttled, the entries say {throttled}");
    }

    private static bool Optional(double value, double minimum, double maximum) => double.IsNaN(value) || (value >= minimum && value <= maximum);
}
