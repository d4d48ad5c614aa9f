using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdu.Firmware.Host.Hil;

/// <summary>
/// The plant played over MQTT by a HIL rig or the twin (docs/hil-io.md). Sensor messages arrive on
/// <see cref="HilTopics.Sensors"/> (any thread, <see cref="Accept"/>); each one is validated as a whole and, when valid,
/// replaces the latest scan. <see cref="ReadInputs"/> hands the latest scan to the core — or, when no valid sensor
/// message arrived for <see cref="StaleAfter"/> (stale data is a fault), reports every reading as missing: NaN
/// temperatures, currents, positions, speeds, leak zones and reservoir level, ambient invalid, no fault contact.
/// The core treats a NaN leak zone as wet and a NaN reservoir level as empty, so a silent rig shuts the CDU down
/// safely (pumps stopped, isolation closed, latched until an operator's reset). <see cref="WriteOutputs"/> publishes
/// the actuator commands on <see cref="HilTopics.Actuators"/> every time the core writes them (every control cycle,
/// and every time the watchdog drives the safe outputs). A malformed sensor message is refused, counted and logged
/// with its reason; it never throws and never changes the scan in force.
/// </summary>
public sealed class HilTopicIo : ICduIo, IDisposable
{
    /// <summary>Largest sensor message accepted, bytes.</summary>
    public const int MaximumMessageBytes = 8192;

    /// <summary>A scan older than this is stale: every reading is reported missing.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1);

    private static readonly string[] Fields =
    [
        "v", "seq", "supplyTemperaturesCelsius", "returnTemperatureCelsius", "facilitySupplyTemperatureCelsius",
        "facilityReturnTemperatureCelsius", "deltaPressureMilliamps", "flowMilliamps", "filterDeltaPressureMilliamps",
        "valvePositionPercent", "ambientTemperatureCelsius", "relativeHumidityPercent", "ambientValid", "pumpFaults",
        "pumpSpeedFeedbackPercent", "leakZonesPercent", "reservoirLevelPercent",
    ];

    private readonly HilTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _origin;
    private readonly object _gate = new();
    private readonly object _writeGate = new();
    private readonly CduInputs _latest = new();
    private readonly CduInputs _candidate = new();
    private readonly ArrayBufferWriter<byte> _actuatorBuffer = new(512);
    private readonly Utf8JsonWriter _actuatorWriter;
    private long _lastSequence = -1;
    private long _lastAcceptedTimestamp;
    private bool _everAccepted;
    private long _accepted;
    private long _rejected;
    private long _actuatorSequence;
    private long _lastRejectionLogTimestamp;
    private bool _rejectionLogged;
    private long _unloggedRejections;
    private string? _lastRejection;
    private volatile IMessageBus? _actuatorBus;
    private readonly TaskCompletionSource _firstScan = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public HilTopicIo(HilTopics topics, TimeProvider timeProvider, IMessageBus? actuatorBus = null, ILogger? logger = null)
    {
        _topics = topics ?? throw new ArgumentNullException(nameof(topics));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _actuatorBus = actuatorBus;
        _logger = logger ?? NullLogger.Instance;
        _origin = _time.GetTimestamp();
        _actuatorWriter = new Utf8JsonWriter(_actuatorBuffer);
    }

    public HilTopics Topics => _topics;

    /// <summary>Where actuator messages go (set once the CDU's connection exists).</summary>
    public IMessageBus? ActuatorBus
    {
        get => _actuatorBus;
        set => _actuatorBus = value;
    }

    /// <summary>Completes when the first valid sensor message is taken.</summary>
    public Task FirstScan => _firstScan.Task;

    /// <summary>Valid sensor messages taken since start.</summary>
    public long AcceptedMessages => Interlocked.Read(ref _accepted);

    /// <summary>Sensor messages refused since start (malformed, out of contract, stale sequence, oversize).</summary>
    public long RejectedMessages => Interlocked.Read(ref _rejected);

    /// <summary>Why the last sensor message was refused (null before any).</summary>
    public string? LastRejection
    {
        get
        {
            lock (_gate)
            {
                return _lastRejection;
            }
        }
    }

    /// <summary>True while the latest valid sensor message is at most <see cref="StaleAfter"/> old.</summary>
    public bool SensorsFresh
    {
        get
        {
            lock (_gate)
            {
                return IsFresh();
            }
        }
    }

    /// <summary>
    /// Takes one sensor message (called on the network thread). Returns true when it was valid and is now the scan in
    /// force; false when it was refused (counted; the reason is logged and kept in <see cref="LastRejection"/>).
    /// </summary>
    public bool Accept(ReadOnlySpan<byte> payload)
    {
        string? reason;
        lock (_gate)
        {
            long sequence = -1;
            reason = payload.Length > MaximumMessageBytes
                ? $"oversize message: larger than {MaximumMessageBytes} bytes"
                : Parse(payload, _candidate, out sequence);
            if (reason is null && IsFresh() && sequence <= _lastSequence)
            {
                reason = "stale seq: not greater than the last accepted one";
            }

            if (reason is null)
            {
                Copy(_candidate, _latest);
                _lastSequence = sequence;
                _lastAcceptedTimestamp = _time.GetTimestamp();
                _everAccepted = true;
                _accepted++;
                _firstScan.TrySetResult();
                return true;
            }

            _rejected++;
            _lastRejection = reason;
            LogRejection(reason);
        }

        return false;
    }

    public void ReadInputs(CduInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        lock (_gate)
        {
            if (IsFresh())
            {
                Copy(_latest, inputs);
            }
            else
            {
                SetMissing(inputs);
            }
        }
    }

    public void WriteOutputs(CduOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var bus = _actuatorBus;
        bool fresh;
        lock (_gate)
        {
            fresh = IsFresh();
        }

        // The cycle and the watchdog may both write: one message at a time, each complete.
        lock (_writeGate)
        {
            _actuatorSequence++;
            _actuatorBuffer.ResetWrittenCount();
            _actuatorWriter.Reset(_actuatorBuffer);
            var w = _actuatorWriter;
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("seq", _actuatorSequence);
            w.WriteNumber("uptimeMilliseconds", (long)_time.GetElapsedTime(_origin).TotalMilliseconds);
            w.WriteNumber("valveCommandPercent", Round(outputs.ValveCommandPercent));
            w.WriteStartArray("pumpRun");
            foreach (var run in outputs.PumpRunCommand)
            {
                w.WriteBooleanValue(run);
            }

            w.WriteEndArray();
            w.WriteStartArray("pumpSpeedPercent");
            foreach (var speed in outputs.PumpSpeedCommandPercent)
            {
                w.WriteNumberValue(Round(speed));
            }

            w.WriteEndArray();
            w.WriteBoolean("isolationValvesOpen", outputs.IsolationValvesOpen);
            w.WriteBoolean("alarmRelay", outputs.AlarmRelay);
            w.WriteBoolean("sensorsFresh", fresh);
            w.WriteNumber("acceptedSensorMessages", AcceptedMessages);
            w.WriteNumber("rejectedSensorMessages", RejectedMessages);
            w.WriteEndObject();
            w.Flush();
            if (bus is not null)
            {
                var written = _actuatorBuffer.WrittenSpan;
                var bytes = ArrayPool<byte>.Shared.Rent(written.Length);
                try
                {
                    written.CopyTo(bytes);
                    bus.Publish(_topics.Actuators, bytes, written.Length, 0, false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(bytes);
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            _actuatorWriter.Dispose();
        }
    }

    /// <summary>Every reading missing: what the core gets when the rig is silent.</summary>
    public static void SetMissing(CduInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (var i = 0; i < CduInputs.SupplySensorCount; i++) inputs.SupplyTemperatureCelsius[i] = double.NaN;
        inputs.ReturnTemperatureCelsius = double.NaN;
        inputs.FacilitySupplyTemperatureCelsius = double.NaN;
        inputs.FacilityReturnTemperatureCelsius = double.NaN;
        inputs.DeltaPressureMilliamps = double.NaN;
        inputs.FlowMilliamps = double.NaN;
        inputs.FilterDeltaPressureMilliamps = double.NaN;
        inputs.ValvePositionPercent = double.NaN;
        inputs.AmbientTemperatureCelsius = double.NaN;
        inputs.RelativeHumidityPercent = double.NaN;
        inputs.AmbientValid = false;
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            inputs.PumpFault[i] = false;
            inputs.PumpSpeedFeedbackPercent[i] = double.NaN;
        }

        for (var i = 0; i < CduInputs.LeakZoneCount; i++) inputs.LeakZoneLevelPercent[i] = double.NaN;
        inputs.ReservoirLevelPercent = double.NaN;
    }

    /// <summary>
    /// Validates one sensor message into <paramref name="into"/>; returns null when valid, else the reason (fixed
    /// format: the field, a colon, what was wrong).
    /// </summary>
    public static string? Parse(ReadOnlySpan<byte> payload, CduInputs into, out long sequence)
    {
        ArgumentNullException.ThrowIfNull(into);
        sequence = -1;
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            if (!JsonDocument.TryParseValue(ref reader, out var parsed) || parsed is null)
            {
                return "malformed JSON: the message is empty";
            }

            if (reader.Read())
            {
                parsed.Dispose();
                return "malformed JSON: content after the top-level object";
            }

            document = parsed;
        }
        catch (JsonException ex)
        {
            return "malformed JSON: " + Describe(ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "malformed JSON: the message is not an object";
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in root.EnumerateObject())
            {
                string name;
                try
                {
                    name = member.Name;
                }
                catch (InvalidOperationException)
                {
                    // Names are read lazily: invalid UTF-8, or an escaped lone surrogate (grammatical JSON, but no
                    // text), makes System.Text.Json throw only here.
                    return "malformed JSON: a member name is not valid text (invalid UTF-8 or an unpaired surrogate escape)";
                }

                if (!seen.Add(name))
                {
                    return $"{name}: appears twice";
                }
            }

            foreach (var field in Fields)
            {
                if (!seen.Contains(field))
                {
                    return $"{field}: missing";
                }
            }

            if (!root.GetProperty("v").TryGetInt32(out var version) || version != 1)
            {
                return "v: must be 1";
            }

            var seq = root.GetProperty("seq");
            if (seq.ValueKind != JsonValueKind.Number || !seq.TryGetInt64(out sequence) || sequence < 0)
            {
                sequence = -1;
                return "seq: a non-negative integer is required";
            }

            return ReadArray(root, "supplyTemperaturesCelsius", into.SupplyTemperatureCelsius, CduInputs.SupplySensorCount, CduInputs.SupplySensorCount, double.NaN)
                ?? Number(root, "returnTemperatureCelsius", v => into.ReturnTemperatureCelsius = v)
                ?? Number(root, "facilitySupplyTemperatureCelsius", v => into.FacilitySupplyTemperatureCelsius = v)
                ?? Number(root, "facilityReturnTemperatureCelsius", v => into.FacilityReturnTemperatureCelsius = v)
                ?? Number(root, "deltaPressureMilliamps", v => into.DeltaPressureMilliamps = v)
                ?? Number(root, "flowMilliamps", v => into.FlowMilliamps = v)
                ?? Number(root, "filterDeltaPressureMilliamps", v => into.FilterDeltaPressureMilliamps = v)
                ?? Number(root, "valvePositionPercent", v => into.ValvePositionPercent = v)
                ?? Number(root, "ambientTemperatureCelsius", v => into.AmbientTemperatureCelsius = v)
                ?? Number(root, "relativeHumidityPercent", v => into.RelativeHumidityPercent = v)
                ?? Boolean(root, "ambientValid", v => into.AmbientValid = v)
                ?? ReadFaults(root, into.PumpFault)
                ?? ReadArray(root, "pumpSpeedFeedbackPercent", into.PumpSpeedFeedbackPercent, 1, CduInputs.MaximumPumps, 0)
                ?? ReadArray(root, "leakZonesPercent", into.LeakZoneLevelPercent, CduInputs.LeakZoneCount, CduInputs.LeakZoneCount, double.NaN)
                ?? Number(root, "reservoirLevelPercent", v => into.ReservoirLevelPercent = v);
        }
    }

    private static string? Number(JsonElement root, string name, Action<double> set)
    {
        var value = root.GetProperty(name);
        if (value.ValueKind == JsonValueKind.Null)
        {
            set(double.NaN);
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return $"{name}: must be a number or null";
        }

        set(number);
        return null;
    }

    private static string? Boolean(JsonElement root, string name, Action<bool> set)
    {
        var value = root.GetProperty(name);
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return $"{name}: must be true or false";
        }

        set(value.GetBoolean());
        return null;
    }

    private static string? ReadArray(JsonElement root, string name, double[] into, int minimum, int maximum, double absent)
    {
        var array = root.GetProperty(name);
        var count = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : -1;
        if (count < minimum || count > maximum)
        {
            var size = minimum == maximum ? $"exactly {minimum}" : $"{minimum} … {maximum}";
            return $"{name}: an array of {size} numbers (or nulls) is required";
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Null)
            {
                into[i++] = double.NaN;
                continue;
            }

            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var number) || !double.IsFinite(number))
            {
                return $"{name}[{i}]: must be a number or null";
            }

            into[i++] = number;
        }

        for (; i < into.Length; i++)
        {
            into[i] = absent;
        }

        return null;
    }

    private static string? ReadFaults(JsonElement root, bool[] into)
    {
        const string name = "pumpFaults";
        var array = root.GetProperty(name);
        var count = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : -1;
        if (count < 1 || count > CduInputs.MaximumPumps)
        {
            return $"{name}: an array of 1 … {CduInputs.MaximumPumps} booleans is required";
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return $"{name}[{i}]: must be true or false";
            }

            into[i++] = item.GetBoolean();
        }

        for (; i < into.Length; i++)
        {
            into[i] = false;
        }

        return null;
    }

    private static string Describe(JsonException ex)
    {
        var where = ex.BytePositionInLine is { } position ? $" (byte {position.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
        var message = ex.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.') + where;
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : 0;

    private static void Copy(CduInputs from, CduInputs to)
    {
        Array.Copy(from.SupplyTemperatureCelsius, to.SupplyTemperatureCelsius, CduInputs.SupplySensorCount);
        to.ReturnTemperatureCelsius = from.ReturnTemperatureCelsius;
        to.FacilitySupplyTemperatureCelsius = from.FacilitySupplyTemperatureCelsius;
        to.FacilityReturnTemperatureCelsius = from.FacilityReturnTemperatureCelsius;
        to.DeltaPressureMilliamps = from.DeltaPressureMilliamps;
        to.FlowMilliamps = from.FlowMilliamps;
        to.FilterDeltaPressureMilliamps = from.FilterDeltaPressureMilliamps;
        to.ValvePositionPercent = from.ValvePositionPercent;
        to.AmbientTemperatureCelsius = from.AmbientTemperatureCelsius;
        to.RelativeHumidityPercent = from.RelativeHumidityPercent;
        to.AmbientValid = from.AmbientValid;
        Array.Copy(from.PumpFault, to.PumpFault, CduInputs.MaximumPumps);
        Array.Copy(from.PumpSpeedFeedbackPercent, to.PumpSpeedFeedbackPercent, CduInputs.MaximumPumps);
        Array.Copy(from.LeakZoneLevelPercent, to.LeakZoneLevelPercent, CduInputs.LeakZoneCount);
        to.ReservoirLevelPercent = from.ReservoirLevelPercent;
    }

    private bool IsFresh() => _everAccepted && _time.GetElapsedTime(_lastAcceptedTimestamp) <= StaleAfter;

    // At most one log line a second, with the number of refusals it stands for (a broken rig sends 10 a second).
    private void LogRejection(string reason)
    {
        _unloggedRejections++;
        var now = _time.GetTimestamp();
        if (_rejectionLogged && _time.GetElapsedTime(_lastRejectionLogTimestamp, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _logger.LogWarning("HIL sensor message rejected ({Count} since the last report, {Total} in all): {Reason}", _unloggedRejections, _rejected, reason);
        _unloggedRejections = 0;
        _lastRejectionLogTimestamp = now;
        _rejectionLogged = true;
    }
}
