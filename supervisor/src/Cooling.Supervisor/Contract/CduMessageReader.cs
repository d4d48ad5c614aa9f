using System.Text.Json;

namespace Cooling.Supervisor.Contract;

/// <summary>
/// Reads the CDU's messages of contract v1 (low rate: a DOM is fine here). Every required field is checked for
/// presence, type and range; a refusal names the field. Unknown fields are ignored (additive changes within v1).
/// </summary>
public static class CduMessageReader
{
    public const int MaximumBytes = 16 * 1024;

    public static ParseResult<CduTelemetry> ReadTelemetry(ReadOnlySpan<byte> payload) => Read(payload, f => new CduTelemetry(
        f.Integer("seq", 0),
        f.Integer("uptimeMilliseconds", 0),
        f.Text("mode"),
        f.Text("setpointSource"),
        f.Sensor("supplyTemperatureCelsius", -20, 150),
        f.Sensor("returnTemperatureCelsius", -20, 150),
        f.Number("supplyTemperatureSetpointCelsius", -20, 150),
        f.Number("supplyTemperatureTargetCelsius", -20, 150),
        f.Sensor("facilitySupplyTemperatureCelsius", -20, 150),
        f.Sensor("facilityReturnTemperatureCelsius", -20, 150),
        f.Sensor("flowLitersPerMinute", 0, 100_000),
        f.Sensor("deltaPressureKpa", -100, 2000),
        f.Sensor("valvePositionPercent", 0, 100),
        f.Number("valveCommandPercent", 0, 100),
        f.Number("pumpSpeedPercent", 0, 100),
        f.Number("dewPointCelsius", -80, 80),
        f.Integer("lastRequestSeq", 0),
        f.Number("leaseRemainingSeconds", 0, 100_000),
        f.Integer("rejectedMessages", 0),
        f.Text("firmwareVersion"))
    {
        ActiveAlarms = f.Alarms(out var critical),
        CriticalAlarmCount = critical,
        DeltaPressureSetpointKpa = f.Optional("deltaPressureSetpointKpa", 0, 2000),
        DeltaPressureTargetKpa = f.Optional("deltaPressureTargetKpa", 0, 2000),
    });

    public static ParseResult<SetpointAcknowledgement> ReadAcknowledgement(ReadOnlySpan<byte> payload) => Read(payload, f => new SetpointAcknowledgement(
        f.Integer("seq", -1),
        f.OneOf("status", "accepted", "clamped", "rejected"),
        f.Text("reason"),
        f.Sensor("requestedSupplyTemperatureCelsius", -1000, 1000),
        f.Number("appliedSupplyTemperatureCelsius", -20, 150),
        (int)f.Integer("leaseSeconds", 0))
    {
        RequestedDeltaPressureKpa = f.Optional("requestedDeltaPressureKpa", -100_000, 100_000),
        AppliedDeltaPressureKpa = f.Optional("appliedDeltaPressureKpa", 0, 2000),
        DeltaPressureReason = f.OptionalText("deltaPressureReason"),
        Epoch = f.OptionalInteger("epoch", 0),
        LastSequence = f.OptionalInteger("lastSeq", 0),
    });

    public static ParseResult<CduState> ReadState(ReadOnlySpan<byte> payload) => Read(payload, f =>
    {
        var online = f.Boolean("online");
        return new CduState(online, online ? f.Text("firmwareVersion") : null, online ? f.Text("mode") : null);
    });

    public static ParseResult<CduEvent> ReadEvent(ReadOnlySpan<byte> payload) => Read(payload, f => new CduEvent(
        f.Integer("seq", 0), f.Text("name"), f.OneOf("severity", "OK", "Warning", "Critical"), f.Text("reason")));

    private static ParseResult<T> Read<T>(ReadOnlySpan<byte> payload, Func<Fields, T> build) where T : class
    {
        if (payload.Length > MaximumBytes)
        {
            return ParseResult<T>.Fail($"oversize: {payload.Length} bytes > {MaximumBytes}");
        }

        try
        {
            using var document = JsonDocument.Parse(payload.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ParseResult<T>.Fail("malformed: the message is not a JSON object");
            }

            var fields = new Fields(document.RootElement);
            if (fields.Integer("v", 0) != 1)
            {
                return ParseResult<T>.Fail("v: must be 1");
            }

            return ParseResult<T>.Ok(build(fields));
        }
        catch (JsonException ex)
        {
            return ParseResult<T>.Fail($"malformed JSON: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // Names and strings are unescaped and transcoded only when read: invalid UTF-8 or an escaped lone surrogate
            // (grammatical JSON, but no text) throws then.
            return ParseResult<T>.Fail($"malformed JSON: {ex.Message}");
        }
        catch (FieldException ex)
        {
            return ParseResult<T>.Fail(ex.Message);
        }
    }

    private sealed class FieldException(string message) : Exception(message);

    private sealed class Fields(JsonElement root)
    {
        public long Integer(string name, long minimum)
        {
            if (!root.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out var value) || value < minimum)
            {
                throw new FieldException($"{name}: must be an integer ≥ {minimum}");
            }

            return value;
        }

        public double Number(string name, double minimum, double maximum) =>
            Sensor(name, minimum, maximum) ?? throw new FieldException($"{name}: must be a number {minimum} … {maximum}");

        public double? Sensor(string name, double minimum, double maximum)
        {
            if (!root.TryGetProperty(name, out var e))
            {
                throw new FieldException($"{name}: missing");
            }

            if (e.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out var value) || !(value >= minimum && value <= maximum))
            {
                throw new FieldException($"{name}: must be a number {minimum} … {maximum} or null");
            }

            return value;
        }

        /// <summary>A number that may be absent or null (fields added within v1); present, it must be in range.</summary>
        public double? Optional(string name, double minimum, double maximum) =>
            root.TryGetProperty(name, out _) ? Sensor(name, minimum, maximum) : null;

        /// <summary>An integer that may be absent (fields added within v1); present, it must be ≥ <paramref name="minimum"/>.</summary>
        public long? OptionalInteger(string name, long minimum) => root.TryGetProperty(name, out _) ? Integer(name, minimum) : null;

        /// <summary>A string that may be absent (fields added within v1); present, it must be 1 … 256 characters.</summary>
        public string? OptionalText(string name) => root.TryGetProperty(name, out _) ? Text(name) : null;

        public string Text(string name)
        {
            if (!root.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.String || e.GetString() is not { Length: > 0 and <= 256 } text)
            {
                throw new FieldException($"{name}: must be a string of 1 … 256 characters");
            }

            return text;
        }

        public string OneOf(string name, params string[] allowed)
        {
            var text = root.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            return Array.IndexOf(allowed, text) >= 0 ? text! : throw new FieldException($"{name}: must be one of {string.Join(", ", allowed)}");
        }

        /// <summary>The optional "alarms" array of {code, source, severity}; an entry without a code is refused.</summary>
        public List<string> Alarms(out int critical)
        {
            critical = 0;
            if (!root.TryGetProperty("alarms", out var array))
            {
                return [];
            }

            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() > 256)
            {
                throw new FieldException("alarms: must be an array of at most 256 alarms");
            }

            var alarms = new List<string>(array.GetArrayLength());
            foreach (var alarm in array.EnumerateArray())
            {
                if (alarm.ValueKind != JsonValueKind.Object || !alarm.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.String
                    || code.GetString() is not { Length: > 0 and <= 64 } text)
                {
                    throw new FieldException("alarms: every alarm needs a code of 1 … 64 characters");
                }

                var source = alarm.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                alarms.Add(string.IsNullOrEmpty(source) ? text : $"{text}@{source}");
                if (alarm.TryGetProperty("severity", out var severity) && severity.ValueKind == JsonValueKind.String && severity.GetString() == "Critical")
                {
                    critical++;
                }
            }

            return alarms;
        }

        public bool Boolean(string name) =>
            root.TryGetProperty(name, out var e) && e.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? e.GetBoolean()
                : throw new FieldException($"{name}: must be true or false");
    }
}
