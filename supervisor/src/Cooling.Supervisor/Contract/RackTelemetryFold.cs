using System.Runtime.CompilerServices;

namespace Cooling.Supervisor.Contract;

/// <summary>
/// The rack message's rules, shared by both readers: validates each GPU's fields as they are read and folds them
/// into the summary, then validates the rack's fields. A refusal names the field (and the GPU's position).
/// Each GPU that passes is also written, in message order, to this thread's <see cref="GpuReadingBuffer"/>.
/// </summary>
internal struct RackTelemetryFold
{
    private readonly GpuReading[] _readings;
    private SeenIndexes _seen;
    private double _hottest;
    private int _hottestIndex;
    private double _hottestMemory;
    private double _gpuPower;
    private int _throttled;

    public RackTelemetryFold()
    {
        _readings = GpuReadingBuffer.ForThisThread;
        _hottest = double.MinValue;
        _hottestIndex = -1;
        _hottestMemory = double.MinValue;
    }

    public int GpuCount { get; private set; }

    /// <summary>Counts a GPU entry; an error when there are too many.</summary>
    public string? StartGpu() => ++GpuCount > RackTelemetryReader.MaximumGpus ? $"gpus: more than {RackTelemetryReader.MaximumGpus} entries" : null;

    /// <summary>Validates and folds the fields of the GPU entry just counted (null: absent, NaN: not a number).</summary>
    public string? EndGpu(double? index, double? temperature, double? memory, double? watts, bool? throttled)
    {
        var n = GpuCount - 1;
        if (!InRange(index, 0, RackTelemetryReader.MaximumGpus - 1, out var i) || i != Math.Floor(i)) return Fail(n, "index", "an integer 0 … 1023");
        var slot = (int)i;
        ref var word = ref _seen[slot >> 6];
        var bit = 1UL << (slot & 63);
        if ((word & bit) != 0) return Fail(n, "index", "unique within the rack");
        word |= bit;
        if (!InRange(temperature, -20, 150, out var t)) return Fail(n, "temperatureCelsius", "a number −20 … 150");
        if (memory is not null && !InRange(memory, -20, 150, out _)) return Fail(n, "memoryTemperatureCelsius", "a number −20 … 150");
        if (!InRange(watts, 0, 5000, out var w)) return Fail(n, "powerWatts", "a number 0 … 5000");
        if (t > _hottest)
        {
            _hottest = t;
            _hottestIndex = slot;
        }

        if (memory is { } m && m > _hottestMemory) _hottestMemory = m;
        _gpuPower += w;
        if (throttled == true) _throttled++;
        _readings[n] = new GpuReading(slot, t, memory ?? double.NaN, w, throttled);
        return null;
    }

    /// <summary>Validates the rack's fields and returns the summary.</summary>
    public readonly ParseResult<RackTelemetry> Finish(double? version, double? sequence, double? timestamp, double? inlet, double? outlet, double? flow, double? power)
    {
        if (power is not null && !InRange(power, 0, 1e7, out _)) return ParseResult<RackTelemetry>.Fail("powerWatts: must be a number 0 … 10000000");
        if (version != 1) return ParseResult<RackTelemetry>.Fail("v: must be 1");
        if (!InRange(sequence, 0, 9e15, out var seq) || seq != Math.Floor(seq)) return ParseResult<RackTelemetry>.Fail("seq: must be a non-negative integer");
        if (!InRange(timestamp, 0, 9e15, out var ts)) return ParseResult<RackTelemetry>.Fail("timestampUnixMilliseconds: must be a non-negative integer");
        if (!OptionalInRange(inlet, -20, 150, out var tin)) return ParseResult<RackTelemetry>.Fail("inletTemperatureCelsius: must be a number −20 … 150");
        if (!OptionalInRange(outlet, -20, 150, out var tout)) return ParseResult<RackTelemetry>.Fail("outletTemperatureCelsius: must be a number −20 … 150");
        if (!OptionalInRange(flow, 0, 10_000, out var q)) return ParseResult<RackTelemetry>.Fail("flowLitersPerMinute: must be a number 0 … 10000");
        if (GpuCount == 0) return ParseResult<RackTelemetry>.Fail("gpus: at least one GPU is required");

        return ParseResult<RackTelemetry>.Ok(new RackTelemetry((long)seq, (long)ts, tin, tout, q, power ?? _gpuPower, GpuCount,
            _hottest, _hottestIndex, _hottestMemory == double.MinValue ? double.NaN : _hottestMemory, _gpuPower, _throttled));
    }

    /// <summary>True when the field is absent (<paramref name="number"/> NaN) or a number within [min, max].</summary>
    private static bool OptionalInRange(double? value, double minimum, double maximum, out double number)
    {
        number = double.NaN;
        return value is null || InRange(value, minimum, maximum, out number);
    }

    /// <summary>True when <paramref name="value"/> is a number within [min, max] (NaN and absence are not).</summary>
    private static bool InRange(double? value, double minimum, double maximum, out double number)
    {
        number = value ?? double.NaN;
        return number >= minimum && number <= maximum;
    }

    private static string Fail(int gpu, string field, string expected) => $"gpus[{gpu}].{field}: must be {expected}";

    /// <summary>One bit per GPU index 0 … 1023.</summary>
    [InlineArray(16)]
    private struct SeenIndexes
    {
        private ulong _word;
    }
}
