using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Alarms;

/// <summary>
/// Keeps the supervisor's alarms: each condition with its hysteresis and dwell (<see cref="AlarmCondition"/>), the open
/// alarms (active, or cleared but not yet acknowledged), acknowledgement by an operator, start-up suppression of
/// threshold alarms, and a history line for every raise, clear and acknowledgement. Alarms active when the supervisor
/// stopped are taken back from the history at start (<see cref="RestoreFromHistory"/>). Thread-safe: rules run on the
/// evaluation timer, acknowledgements come from the HTTP API.
/// </summary>
public sealed class AlarmEngine
{
    private readonly object _gate = new();
    private readonly Dictionary<AlarmKey, AlarmCondition> _conditions = [];
    private readonly Dictionary<AlarmKey, AlarmRecord> _open = [];
    private readonly IAlarmHistory _history;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _nextId;
    private long _raised;
    private long _cleared;

    public AlarmEngine(AlarmOptions options, IAlarmHistory history, TimeProvider time, ILogger logger)
    {
        Options = options;
        _history = history;
        _time = time;
        _logger = logger;
        StartedAt = time.GetUtcNow();
        _nextId = StartedAt.ToUnixTimeMilliseconds(); // ids keep rising across restarts, like setpoint sequence numbers
    }

    public AlarmOptions Options { get; }

    public DateTimeOffset StartedAt { get; }

    public long RaisedCount => Interlocked.Read(ref _raised);

    public long ClearedCount => Interlocked.Read(ref _cleared);

    /// <summary>True while threshold alarms are held back after the supervisor's start.</summary>
    public bool InStartupSuppression(DateTimeOffset now) => now - StartedAt < TimeSpan.FromSeconds(Options.StartupSuppressionSeconds);

    /// <summary>Open alarms (active, or cleared and unacknowledged): critical first, then newest first.</summary>
    public IReadOnlyList<AlarmRecord> Open()
    {
        lock (_gate)
        {
            return [.. _open.Values.OrderByDescending(a => a.Active).ThenByDescending(a => a.Severity).ThenByDescending(a => a.RaisedAt)];
        }
    }

    public AlarmRecord? Find(long id)
    {
        lock (_gate)
        {
            return _open.Values.FirstOrDefault(a => a.Id == id);
        }
    }

    /// <summary>
    /// Acknowledges an open alarm in the operator's name. A cleared alarm leaves the open list once acknowledged;
    /// an active one stays until it clears.
    /// </summary>
    public AcknowledgeResult Acknowledge(long id, string by)
    {
        AlarmRecord acknowledged;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var found = _open.Values.FirstOrDefault(a => a.Id == id);
            if (found is null) return new AcknowledgeResult(AcknowledgeOutcome.NotFound, null);
            if (found.Acknowledged) return new AcknowledgeResult(AcknowledgeOutcome.AlreadyAcknowledged, found);
            acknowledged = found with { AcknowledgedAt = now, AcknowledgedBy = by };
            if (acknowledged.Active) _open[found.Key] = acknowledged;
            else _open.Remove(found.Key);
        }

        Record(acknowledged, AlarmTransition.Acknowledged, now, acknowledged.Value, by);
        _logger.LogInformation("Alarm {Code} on {Source} ({Id}) acknowledged by {By}", acknowledged.Code, acknowledged.Source, acknowledged.Id, by);
        return new AcknowledgeResult(AcknowledgeOutcome.Acknowledged, acknowledged);
    }

    /// <summary>
    /// Runs an upper-threshold condition with the limits' hysteresis and dwell. Returns true while the condition is
    /// active or a raise is being timed; an idle condition is forgotten (it behaves as one never seen), so only
    /// conditions near or over their threshold take memory — what lets every GPU of a site have its own alarms.
    /// </summary>
    public bool Threshold(AlarmKey key, AlarmSeverity severity, string siteId, double value, double threshold, ThresholdAlarmOptions limits,
        bool mayRaise, Func<string> message, DateTimeOffset now) =>
        Threshold(key, severity, siteId, value, threshold, limits, mayRaise, message, static (m, _, _) => m(), now);

    /// <summary>
    /// As <see cref="Threshold(AlarmKey, AlarmSeverity, string, double, double, ThresholdAlarmOptions, bool, Func{string}, DateTimeOffset)"/>,
    /// the message made from <paramref name="state"/>, the value and the threshold only when the alarm is raised (a
    /// static <paramref name="message"/> and a struct state allocate nothing per call: the GPU rules run it for many GPUs).
    /// </summary>
    public bool Threshold<TState>(AlarmKey key, AlarmSeverity severity, string siteId, double value, double threshold, ThresholdAlarmOptions limits,
        bool mayRaise, TState state, Func<TState, double, double, string> message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(message);
        lock (_gate)
        {
            if (!_conditions.TryGetValue(key, out var condition))
            {
                if (!(value >= threshold)) return false; // nothing to time (NaN included): a fresh condition would stay idle
                condition = new AlarmCondition();
                _conditions[key] = condition;
            }

            var transition = condition.Update(value, threshold, limits.Hysteresis, TimeSpan.FromSeconds(limits.DwellSeconds),
                TimeSpan.FromSeconds(limits.ClearDwellSeconds), mayRaise, now);
            if (transition is not null)
            {
                var text = transition == AlarmTransition.Raised ? message(state, value, threshold) : "";
                Apply(transition, key, severity, siteId, value, threshold, () => text, now);
            }

            return KeepUnlessIdle(key, condition);
        }
    }

    /// <summary>Runs a true/false condition; <paramref name="dwell"/> before raising, none before clearing. Returns true while active or timing a raise.</summary>
    public bool Flag(AlarmKey key, AlarmSeverity severity, string siteId, bool condition, TimeSpan dwell, bool mayRaise, Func<string> message,
        DateTimeOffset now, double? value = null)
    {
        lock (_gate)
        {
            if (!_conditions.TryGetValue(key, out var state))
            {
                if (!condition) return false;
                state = new AlarmCondition();
                _conditions[key] = state;
            }

            var transition = state.Update(condition, dwell, TimeSpan.Zero, mayRaise, now);
            Apply(transition, key, severity, siteId, value, null, message, now);
            return KeepUnlessIdle(key, state);
        }
    }

    /// <summary>
    /// The condition's value is unknown now (e.g. a rack that stopped reporting its inlet): its timers stop, an active
    /// alarm stands (true), an inactive condition is forgotten (false).
    /// </summary>
    public bool Hold(AlarmKey key)
    {
        lock (_gate)
        {
            if (!_conditions.TryGetValue(key, out var condition)) return false;
            condition.Hold();
            return KeepUnlessIdle(key, condition);
        }
    }

    /// <summary>True while the condition's alarm is active.</summary>
    public bool IsActive(AlarmKey key)
    {
        lock (_gate)
        {
            return _conditions.TryGetValue(key, out var condition) && condition.Active;
        }
    }

    /// <summary>Conditions the engine keeps (active or timing a raise; idle ones are forgotten).</summary>
    public int ConditionCount
    {
        get
        {
            lock (_gate) return _conditions.Count;
        }
    }

    /// <summary>Alarms restored from the history at start (open when the supervisor last stopped).</summary>
    public int RestoredCount { get; private set; }

    /// <summary>
    /// Takes back the alarms the history says were open when the supervisor last stopped, with their ids, raise and
    /// clear times and acknowledgements: an active one is active again, and the rules clear it as usual once its
    /// condition is judged within limits; a cleared, unacknowledged one waits for its acknowledgement as before. Called
    /// once, before the first evaluation.
    /// </summary>
    public void RestoreFromHistory()
    {
        IReadOnlyList<AlarmRecord> open;
        try
        {
            open = _history.OpenAlarms();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Open alarms could not be restored from the alarm history; they are raised again when their conditions hold");
            return;
        }

        lock (_gate)
        {
            foreach (var alarm in open)
            {
                _open[alarm.Key] = alarm;
                if (alarm.Active) _conditions[alarm.Key] = AlarmCondition.ActiveFromBefore();
                _nextId = Math.Max(_nextId, alarm.Id);
            }

            RestoredCount = open.Count;
        }

        if (open.Count > 0)
        {
            _logger.LogInformation("Restored {Count} open alarm(s) from the alarm history ({Active} active, {Acknowledged} acknowledged)", open.Count,
                open.Count(a => a.Active), open.Count(a => a.Acknowledged));
        }
    }

    /// <summary>
    /// Clears an active alarm that no rule of this version judges any more (a source retired by an upgrade): it stays
    /// open, cleared, until an operator acknowledges it. Returns false when no such alarm is active.
    /// </summary>
    public bool Retire(AlarmKey key, string reason)
    {
        var now = _time.GetUtcNow();
        AlarmRecord? alarm;
        lock (_gate)
        {
            if (!_open.TryGetValue(key, out alarm) || !alarm.Active) return false;
            _conditions.Remove(key);
            Apply(AlarmTransition.Cleared, key, alarm.Severity, alarm.SiteId, alarm.Value, alarm.Threshold, () => alarm.Message, now);
        }

        _logger.LogWarning("Alarm {Code} on {Source} ({Id}) cleared: {Reason}", key.Code, key.Source, alarm.Id, reason);
        return true;
    }

    private bool KeepUnlessIdle(AlarmKey key, AlarmCondition condition)
    {
        if (!condition.Idle) return true;
        _conditions.Remove(key);
        return false;
    }

    /// <summary>Active conditions of an origin whose source is <paramref name="source"/> or below it.</summary>
    public IReadOnlyList<AlarmKey> ActiveKeysUnder(AlarmOrigin origin, string source)
    {
        lock (_gate)
        {
            return [.. _conditions.Where(c => c.Value.Active && c.Key.Origin == origin && IsUnder(c.Key.Source, source)).Select(c => c.Key)];
        }
    }

    internal static bool IsUnder(string source, string root) =>
        source.StartsWith(root, StringComparison.Ordinal) && (source.Length == root.Length || source[root.Length] == '/');

    private void Apply(AlarmTransition? transition, AlarmKey key, AlarmSeverity severity, string siteId, double? value, double? threshold,
        Func<string> message, DateTimeOffset now)
    {
        if (transition == AlarmTransition.Raised)
        {
            var alarm = new AlarmRecord(++_nextId, key.Origin, key.Code, severity, key.Source, siteId, message(), now, value, threshold);
            _open[key] = alarm; // a cleared, unacknowledged alarm of the same condition is superseded (it stays in the history)
            Interlocked.Increment(ref _raised);
            Record(alarm, AlarmTransition.Raised, now, value, null);
            _logger.Log(severity == AlarmSeverity.Critical ? LogLevel.Error : LogLevel.Warning, "Alarm {Code} raised on {Source} ({Severity}): {Message}",
                key.Code, key.Source, severity, alarm.Message);
        }
        else if (transition == AlarmTransition.Cleared && _open.TryGetValue(key, out var open))
        {
            var cleared = open with { ClearedAt = now };
            if (cleared.Acknowledged) _open.Remove(key);
            else _open[key] = cleared;
            Interlocked.Increment(ref _cleared);
            Record(cleared, AlarmTransition.Cleared, now, value, null);
            _logger.LogInformation("Alarm {Code} cleared on {Source}", key.Code, key.Source);
        }
    }

    private void Record(AlarmRecord alarm, AlarmTransition transition, DateTimeOffset at, double? value, string? by)
    {
        try
        {
            _history.Record(new AlarmHistoryEntry(at, alarm.Id, transition, alarm.Origin, alarm.Code, alarm.Severity, alarm.Source, alarm.Message, value, by,
                alarm.Threshold));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The alarm itself stands; only its history line is lost, and that is said loudly.
            _logger.LogError(ex, "Alarm history could not record {Transition} of {Code} on {Source}", transition, alarm.Code, alarm.Source);
        }
    }
}

public enum AcknowledgeOutcome
{
    Acknowledged,
    AlreadyAcknowledged,
    NotFound,
}

/// <summary>The outcome of an acknowledgement and the alarm as it is now.</summary>
public sealed record AcknowledgeResult(AcknowledgeOutcome Outcome, AlarmRecord? Alarm);
