using System.Text.Json;

namespace Cooling.Hil.Virtual;

/// <summary>An alarm transition the CDU published as an event (contract v1, docs/mqtt.md "Alarms").</summary>
public sealed record AlarmEvent(long UptimeMilliseconds, string Code, string Source, bool Raised, bool Critical, string Reason);

/// <summary>
/// What the rig knows of a virtual CDU's state, from what the CDU publishes under contract v1 only: telemetry (mode,
/// setpoints, dew point, pumps, sensor faults, refused messages), events (alarms raised and cleared, mode changes)
/// and acknowledgements. This is all a certification rig can see of a real device, so the KPIs that need the
/// controller's state take it from here; the plant's state comes from the rig's own plant model.
/// </summary>
public sealed class CduView
{
    private readonly HashSet<string> _sensorFaults = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _sensorStatus = new(StringComparer.Ordinal);

    /// <summary>"unknown" before the first telemetry or mode change.</summary>
    public string Mode { get; private set; } = "unknown";

    /// <summary>The setpoint the valve loop works on (ramped), °C.</summary>
    public double SetpointCelsius { get; private set; } = double.NaN;

    /// <summary>The supply target in force, °C.</summary>
    public double TargetCelsius { get; private set; } = double.NaN;

    public double DewPointCelsius { get; private set; } = double.NaN;

    public double DeltaPressureSetpointKpa { get; private set; } = double.NaN;

    public double DeltaPressureTargetKpa { get; private set; } = double.NaN;

    /// <summary>Index (0-based) of the lead pump; 0 before the first telemetry.</summary>
    public int LeadPump { get; private set; }

    /// <summary>Messages the CDU refused since it started (its telemetry's counter).</summary>
    public long RejectedMessages { get; private set; }

    public long TelemetryMessages { get; private set; }

    /// <summary>Sequence number of the last setpoint request the CDU accepted since it started (its telemetry's <c>lastRequestSeq</c>; 0 before any).</summary>
    public long LastRequestSequence { get; private set; }

    /// <summary>The supervisor's session whose requests the CDU follows (its telemetry's <c>requestEpoch</c>; 0 before any).</summary>
    public long RequestEpoch { get; private set; }

    /// <summary>Sensors failing validation now (SensorFault alarms and telemetry).</summary>
    public bool SensorFaulty(string channel) => _sensorFaults.Contains(channel);

    /// <summary>Each sensor failing validation in the last telemetry, with its status ("supply1 open, flow stuck").</summary>
    public string SensorStatus => string.Join(", ", _sensorStatus.Select(p => $"{p.Key} {p.Value}"));

    /// <summary>Takes a telemetry message; false when it is not readable.</summary>
    public bool AcceptTelemetry(ReadOnlySpan<byte> payload)
    {
        using var document = Parse(payload);
        if (document is null) return false;
        var root = document.RootElement;
        TelemetryMessages++;
        if (root.TryGetProperty("mode", out var mode) && mode.ValueKind == JsonValueKind.String) Mode = mode.GetString()!;
        SetpointCelsius = Number(root, "supplyTemperatureSetpointCelsius", SetpointCelsius);
        TargetCelsius = Number(root, "supplyTemperatureTargetCelsius", TargetCelsius);
        DewPointCelsius = Number(root, "dewPointCelsius", DewPointCelsius);
        DeltaPressureSetpointKpa = root.TryGetProperty("deltaPressureSetpointKpa", out var dp) && dp.ValueKind == JsonValueKind.Number ? dp.GetDouble() : double.NaN;
        DeltaPressureTargetKpa = root.TryGetProperty("deltaPressureTargetKpa", out var dt) && dt.ValueKind == JsonValueKind.Number ? dt.GetDouble() : double.NaN;
        if (root.TryGetProperty("lastRequestSeq", out var lastRequest) && lastRequest.ValueKind == JsonValueKind.Number && lastRequest.TryGetInt64(out var last)) LastRequestSequence = last;
        if (root.TryGetProperty("requestEpoch", out var epoch) && epoch.ValueKind == JsonValueKind.Number && epoch.TryGetInt64(out var e)) RequestEpoch = e;
        if (root.TryGetProperty("rejectedMessages", out var rejected) && rejected.ValueKind == JsonValueKind.Number) RejectedMessages = rejected.GetInt64();
        if (root.TryGetProperty("pumps", out var pumps) && pumps.ValueKind == JsonValueKind.Array)
        {
            foreach (var pump in pumps.EnumerateArray())
            {
                if (pump.TryGetProperty("lead", out var lead) && lead.ValueKind == JsonValueKind.True
                    && pump.TryGetProperty("index", out var index) && index.ValueKind == JsonValueKind.Number)
                {
                    LeadPump = index.GetInt32() - 1;
                }
            }
        }

        if (root.TryGetProperty("sensorFaults", out var faults) && faults.ValueKind == JsonValueKind.Array)
        {
            _sensorFaults.Clear();
            _sensorStatus.Clear();
            foreach (var fault in faults.EnumerateArray())
            {
                if (fault.TryGetProperty("sensor", out var sensor) && sensor.ValueKind == JsonValueKind.String)
                {
                    _sensorFaults.Add(sensor.GetString()!);
                    _sensorStatus[sensor.GetString()!] = Text(fault, "status") ?? "";
                }
            }
        }

        return true;
    }

    /// <summary>Takes an event; returns the alarm transition it announces (null for other events).</summary>
    public AlarmEvent? AcceptEvent(ReadOnlySpan<byte> payload)
    {
        using var document = Parse(payload);
        if (document is null) return null;
        var root = document.RootElement;
        var name = Text(root, "name");
        if (name == "ModeChanged" && Text(root, "to") is { } to) Mode = to;
        var state = Text(root, "state");
        if (name is null || state is not ("raised" or "cleared")) return null;
        var source = Text(root, "source") ?? "";
        var raised = state == "raised";
        if (name == "SensorFault")
        {
            if (raised) _sensorFaults.Add(source);
            else _sensorFaults.Remove(source);
        }

        var uptime = root.TryGetProperty("uptimeMilliseconds", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt64() : -1;
        return new AlarmEvent(uptime, name, source, raised, Text(root, "severity") == "Critical", Text(root, "reason") ?? "");
    }

    /// <summary>(seq, status) of an acknowledgement (setpoint or command); null when unreadable.</summary>
    public static (long Sequence, string Status)? ReadAcknowledgement(ReadOnlySpan<byte> payload)
    {
        using var document = Parse(payload);
        if (document is null) return null;
        var root = document.RootElement;
        return root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && Text(root, "status") is { } status
            ? (seq.GetInt64(), status)
            : null;
    }

    /// <summary>(seq, status, reason) of a command or configuration acknowledgement; null when unreadable.</summary>
    public static (long Sequence, string Status, string Reason)? ReadResult(ReadOnlySpan<byte> payload)
    {
        using var document = Parse(payload);
        if (document is null) return null;
        var root = document.RootElement;
        return root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number && seq.TryGetInt64(out var sequence) && Text(root, "status") is { } status
            ? (sequence, status, Text(root, "reason") ?? "")
            : null;
    }

    private static JsonDocument? Parse(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double Number(JsonElement root, string name, double otherwise) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : otherwise;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
