using Cdu.Firmware.Hil;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Cooling.Mqtt.Topics;
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
/// with its reason; it never throws and never changes the scan in force. Messages are read and composed by the core's
/// HIL codec (<see cref="HilSensorScanner"/>, <see cref="HilActuatorComposer"/>), the same code the device runs.
/// </summary>
public sealed class HilTopicIo : ICduIo
{
    /// <summary>Largest sensor message accepted, bytes.</summary>
    public const int MaximumMessageBytes = HilSensorScanner.MaximumMessageBytes;

    /// <summary>A scan older than this is stale: every reading is reported missing.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(1);

    private readonly HilTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _origin;
    private readonly object _gate = new();
    private readonly object _writeGate = new();
    private readonly CduInputs _latest = new();
    private readonly CduInputs _candidate = new();
    private readonly HilSensorScanner _scanner = new();
    private readonly byte[] _message = new byte[MaximumMessageBytes];
    private readonly HilActuatorComposer _composer = new();
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
    public bool Accept(ReadOnlySpan<byte> payload) => Accept(payload, out _);

    /// <summary>
    /// <see cref="Accept(ReadOnlySpan{byte})"/>, also giving the accepted scan's plant time as the codec read it
    /// (<see cref="HilSensorScanner.PlantMilliseconds"/>: −1 when the scan carried none, or when it was refused).
    /// </summary>
    public bool Accept(ReadOnlySpan<byte> payload, out long plantMilliseconds)
    {
        plantMilliseconds = -1;
        string? reason;
        lock (_gate)
        {
            if (payload.Length > MaximumMessageBytes)
            {
                reason = HilSensorScanner.OversizeReason;
            }
            else
            {
                payload.CopyTo(_message);
                reason = _scanner.Scan(_message, payload.Length, _candidate) ? null : _scanner.Reason;
            }

            if (reason is null && IsFresh() && _scanner.Sequence <= _lastSequence)
            {
                reason = HilSensorScanner.StaleSequenceReason;
            }

            if (reason is null)
            {
                _latest.CopyFrom(_candidate);
                _lastSequence = _scanner.Sequence;
                _lastAcceptedTimestamp = _time.GetTimestamp();
                _everAccepted = true;
                _accepted++;
                _firstScan.TrySetResult();
                plantMilliseconds = _scanner.PlantMilliseconds;
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
                inputs.CopyFrom(_latest);
            }
            else
            {
                inputs.SetMissing();
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
            int length = _composer.Compose(outputs, _actuatorSequence, (long)_time.GetElapsedTime(_origin).TotalMilliseconds, fresh, AcceptedMessages, RejectedMessages);
            bus?.Publish(_topics.Actuators, _composer.Buffer, length, 0, false);
        }
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
