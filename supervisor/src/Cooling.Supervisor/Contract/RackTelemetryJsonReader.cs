using System.Text.Json;

namespace Cooling.Supervisor.Contract;

/// <summary>
/// The general reader of rack messages on <see cref="Utf8JsonReader"/>: any valid JSON (escapes, whitespace, any
/// number format, nesting up to 8), and the exact error for any invalid JSON. Used when the
/// <see cref="RackTelemetryScanner"/> meets something outside its fast subset.
/// </summary>
internal static class RackTelemetryJsonReader
{
    public static ParseResult<RackTelemetry> Read(ReadOnlySpan<byte> payload)
    {
        try
        {
            return ReadCore(payload);
        }
        catch (JsonException ex)
        {
            return ParseResult<RackTelemetry>.Fail($"malformed JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // A name escaped as a lone surrogate is grammatical JSON, but comparing it unescapes it, and that throws.
            return ParseResult<RackTelemetry>.Fail($"malformed JSON: {ex.Message}");
        }
    }

    private static ParseResult<RackTelemetry> ReadCore(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = RackTelemetryScanner.MaximumDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return ParseResult<RackTelemetry>.Fail("malformed: the message is not a JSON object");
        }

        double? version = null, sequence = null, timestamp = null, inlet = null, outlet = null, flow = null, power = null;
        var fold = new RackTelemetryFold();
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

                    if (fold.StartGpu() is { } tooMany)
                    {
                        return ParseResult<RackTelemetry>.Fail(tooMany);
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

                    if (fold.EndGpu(index, temperature, memory, gpuWatts, isThrottled) is { } error)
                    {
                        return ParseResult<RackTelemetry>.Fail(error);
                    }
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

        return fold.Finish(version, sequence, timestamp, inlet, outlet, flow, power);
    }

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
