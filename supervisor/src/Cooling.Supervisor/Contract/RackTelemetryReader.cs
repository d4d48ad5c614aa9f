using System.Text.Json;

namespace Cooling.Supervisor.Contract;

/// <summary>
/// Reads a rack telemetry message in one forward pass (no DOM): validates every field against the contract's
/// ranges and folds the GPU array into a summary. Any violation refuses the whole message with a reason that
/// names the field.
/// </summary>
public static class RackTelemetryReader
{
    /// <summary>Largest accepted message, bytes (144 GPUs ≈ 16 KiB; generous for vendor extensions).</summary>
    public const int MaximumBytes = 256 * 1024;

    public const int MaximumGpus = 1024;

    public static ParseResult<RackTelemetry> Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > MaximumBytes)
        {
            return ParseResult<RackTelemetry>.Fail($"oversize: {payload.Length} bytes > {MaximumBytes}");
        }

        try
        {
            return ReadCore(payload);
        }
        catch (JsonException ex)
        {
            return ParseResult<RackTelemetry>.Fail($"malformed JSON: {ex.Message}");
        }
    }

    private static ParseResult<RackTelemetry> ReadCore(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ParseResult<RackTelemetry>.Fail("malformed: the message is not a JSON object");
        }

        double? version = null, sequence = null, timestamp = null, inlet = null, outlet = null, flow = null, power = null;
        var gpuCount = 0;
        var hottest = double.MinValue;
        var hottestIndex = -1;
        var hottestMemory = double.MinValue;
        var gpuPower = 0.0;
        var throttled = 0;
        Span<bool> seen = stackalloc bool[MaximumGpus];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("gpus"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return ParseResult<RackTelemetry>.Fail("gpus: must be an array");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        return ParseResult<RackTelemetry>.Fail("gpus: every element must be an object");
                    }

                    if (++gpuCount > MaximumGpus)
                    {
                        return ParseResult<RackTelemetry>.Fail($"gpus: more than {MaximumGpus} entries");
                    }

                    double? index = null, temperature = null, memory = null, gpuWatts = null;
                    bool? isThrottled = null;
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        if (reader.ValueTextEquals("index"u8)) index = ReadNumber(ref reader);
                        else if (reader.ValueTextEquals("temperatureCelsius"u8)) temperature = ReadNumber(ref reader);
                        else if (reader.ValueTextEquals("memoryTemperatureCelsius"u8)) memory = ReadNumber(ref reader);
                        else if (reader.ValueTextEquals("powerWatts"u8)) gpuWatts = ReadNumber(ref reader);
                        else if (reader.ValueTextEquals("throttled"u8)) isThrottled = ReadBoolean(ref reader);
                        else SkipValue(ref reader);
                    }

                    var n = gpuCount - 1;
                    if (!InRange(index, 0, MaximumGpus - 1, out var i) || i != Math.Floor(i)) return Fail(n, "index", "an integer 0 … 1023");
                    if (seen[(int)i]) return Fail(n, "index", "unique within the rack");
                    seen[(int)i] = true;
                    if (!InRange(temperature, -20, 150, out var t)) return Fail(n, "temperatureCelsius", "a number −20 … 150");
                    if (memory is not null && !InRange(memory, -20, 150, out _)) return Fail(n, "memoryTemperatureCelsius", "a number −20 … 150");
                    if (!InRange(gpuWatts, 0, 5000, out var w)) return Fail(n, "powerWatts", "a number 0 … 5000");
                    if (t > hottest)
                    {
                        hottest = t;
                        hottestIndex = (int)i;
                    }

                    if (memory is { } m) hottestMemory = Math.Max(hottestMemory, m);
                    gpuPower += w;
                    if (isThrottled == true) throttled++;
                }

                continue;
            }

            if (reader.ValueTextEquals("v"u8)) version = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("seq"u8)) sequence = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("timestampUnixMilliseconds"u8)) timestamp = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("inletTemperatureCelsius"u8)) inlet = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("outletTemperatureCelsius"u8)) outlet = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("flowLitersPerMinute"u8)) flow = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("powerWatts"u8)) power = ReadNumber(ref reader);
            else SkipValue(ref reader);
        }

        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return ParseResult<RackTelemetry>.Fail("malformed: content after the object");
        }

        if (power is not null && !InRange(power, 0, 1e7, out _)) return ParseResult<RackTelemetry>.Fail("powerWatts: must be a number 0 … 10000000");
        if (version != 1) return ParseResult<RackTelemetry>.Fail("v: must be 1");
        if (!InRange(sequence, 0, 9e15, out var seq) || seq != Math.Floor(seq)) return ParseResult<RackTelemetry>.Fail("seq: must be a non-negative integer");
        if (!InRange(timestamp, 0, 9e15, out var ts)) return ParseResult<RackTelemetry>.Fail("timestampUnixMilliseconds: must be a non-negative integer");
        if (!OptionalInRange(inlet, -20, 150, out var tin)) return ParseResult<RackTelemetry>.Fail("inletTemperatureCelsius: must be a number −20 … 150");
        if (!OptionalInRange(outlet, -20, 150, out var tout)) return ParseResult<RackTelemetry>.Fail("outletTemperatureCelsius: must be a number −20 … 150");
        if (!OptionalInRange(flow, 0, 10_000, out var q)) return ParseResult<RackTelemetry>.Fail("flowLitersPerMinute: must be a number 0 … 10000");
        if (gpuCount == 0) return ParseResult<RackTelemetry>.Fail("gpus: at least one GPU is required");

        return ParseResult<RackTelemetry>.Ok(new RackTelemetry((long)seq, (long)ts, tin, tout, q, power ?? gpuPower, gpuCount,
            hottest, hottestIndex, hottestMemory == double.MinValue ? double.NaN : hottestMemory, gpuPower, throttled));
    }

    /// <summary>True when the field is absent (<paramref name="number"/> NaN) or a number within [min, max].</summary>
    private static bool OptionalInRange(double? value, double minimum, double maximum, out double number)
    {
        number = double.NaN;
        return value is null || InRange(value, minimum, maximum, out number);
    }

    /// <summary>True when <paramref name="value"/> is a number within [min, max] (NaN and absence are not).</summary>
    internal static bool InRange(double? value, double minimum, double maximum, out double number)
    {
        number = value ?? double.NaN;
        return number >= minimum && number <= maximum;
    }

    private static ParseResult<RackTelemetry> Fail(int gpu, string field, string expected) =>
        ParseResult<RackTelemetry>.Fail($"gpus[{gpu}].{field}: must be {expected}");

    // A number, or NaN for any other token (so that range checks refuse it with the field's name).
    private static double? ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value))
        {
            return value;
        }

        SkipCurrent(ref reader);
        return double.NaN;
    }

    private static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
        {
            return reader.GetBoolean();
        }

        SkipCurrent(ref reader);
        return null;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        SkipCurrent(ref reader);
    }

    private static void SkipCurrent(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }
    }
}
