using System.Text.Json;
using Cdu.Firmware.Io;

namespace Cooling.Twin.Rig;

/// <summary>
/// Reads one HIL actuator message (CDU → rig, docs/hil-io.md) into <see cref="CduOutputs"/>: the valve command, each
/// pump's run command and speed, the isolation valves and the alarm relay. A message that is not what the contract
/// says — not JSON, a missing or mistyped field, <c>v</c> ≠ 1, arrays of the wrong length — gives the reason (the
/// field, a colon, what was wrong) and leaves the outputs untouched, so that the plant keeps the last good commands.
/// </summary>
public static class HilActuatorReader
{
    /// <summary>Largest actuator message read, bytes.</summary>
    public const int MaximumMessageBytes = 4096;

    /// <summary>Null when <paramref name="payload"/> was read into <paramref name="into"/> (and its <c>seq</c>), else why it was refused.</summary>
    public static string? Read(ReadOnlySpan<byte> payload, CduOutputs into, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(into);
        sequence = -1;
        if (payload.Length > MaximumMessageBytes) return $"oversize message: larger than {MaximumMessageBytes} bytes";
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null) return "malformed JSON: the message is empty";
            document = parsed;
        }
        catch (JsonException ex)
        {
            return "malformed JSON: " + ex.Message;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return "malformed JSON: the message is not an object";
            if (!root.TryGetProperty("v", out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var version) || version != 1) return "v: must be 1";
            if (!root.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out sequence) || sequence < 0)
            {
                sequence = -1;
                return "seq: a non-negative integer is required";
            }

            if (!Number(root, "valveCommandPercent", out var valve)) return "valveCommandPercent: a number is required";
            if (!root.TryGetProperty("pumpRun", out var run) || run.ValueKind != JsonValueKind.Array || run.GetArrayLength() is < 1 or > CduInputs.MaximumPumps)
                return $"pumpRun: an array of 1 … {CduInputs.MaximumPumps} booleans is required";
            if (!root.TryGetProperty("pumpSpeedPercent", out var speed) || speed.ValueKind != JsonValueKind.Array || speed.GetArrayLength() != run.GetArrayLength())
                return "pumpSpeedPercent: an array of numbers as long as pumpRun is required";
            if (!Boolean(root, "isolationValvesOpen", out var isolation)) return "isolationValvesOpen: must be true or false";
            if (!Boolean(root, "alarmRelay", out var alarm)) return "alarmRelay: must be true or false";
            for (var i = 0; i < run.GetArrayLength(); i++)
            {
                if (run[i].ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return $"pumpRun[{i}]: must be true or false";
                if (speed[i].ValueKind != JsonValueKind.Number || !speed[i].TryGetDouble(out var s) || !double.IsFinite(s)) return $"pumpSpeedPercent[{i}]: must be a number";
            }

            into.ValveCommandPercent = valve;
            into.IsolationValvesOpen = isolation;
            into.AlarmRelay = alarm;
            for (var i = 0; i < CduInputs.MaximumPumps; i++)
            {
                var listed = i < run.GetArrayLength();
                into.PumpRunCommand[i] = listed && run[i].GetBoolean();
                into.PumpSpeedCommandPercent[i] = listed ? speed[i].GetDouble() : 0;
            }

            return null;
        }
    }

    private static bool Number(JsonElement root, string name, out double value)
    {
        value = double.NaN;
        return root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static bool Boolean(JsonElement root, string name, out bool value)
    {
        value = false;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return false;
        value = element.GetBoolean();
        return true;
    }

    /// <summary>
    /// The <c>uptimeMilliseconds</c> of an actuator message (the CDU's clock when it wrote the commands), −1 when missing,
    /// and its <c>sensorsFresh</c> (false while the CDU treats the rig's scans as stale).
    /// </summary>
    public static long UptimeMilliseconds(ReadOnlySpan<byte> payload, out bool sensorsFresh)
    {
        sensorsFresh = true;
        long uptime = -1;
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
                if (reader.ValueTextEquals("uptimeMilliseconds"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var u) && u >= 0) uptime = u;
                else if (reader.ValueTextEquals("sensorsFresh"u8) && reader.Read() && reader.TokenType == JsonTokenType.False) sensorsFresh = false;
            }
        }
        catch (JsonException)
        {
            return -1;
        }

        return uptime;
    }
}
