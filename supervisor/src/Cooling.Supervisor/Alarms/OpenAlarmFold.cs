namespace Cooling.Supervisor.Alarms;

/// <summary>
/// Rebuilds the open alarms from history lines: an alarm id with a raise is open until it is both cleared and
/// acknowledged (in either order) — active while it has no clear, acknowledged once an acknowledgement line follows.
/// Of several open ids for one condition (a supervisor that stopped with the alarm active and raised it again after a
/// start without restoring, or a cleared unacknowledged alarm raised again) the newest stands.
/// </summary>
public static class OpenAlarmFold
{
    /// <param name="entries">The lines of the alarms in question, oldest first.</param>
    public static IReadOnlyList<AlarmRecord> From(IEnumerable<AlarmHistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byId = new Dictionary<long, AlarmRecord?>();
        foreach (var e in entries)
        {
            switch (e.Transition)
            {
                case AlarmTransition.Raised:
                    byId[e.AlarmId] = new AlarmRecord(e.AlarmId, e.Origin, e.Code, e.Severity, e.Source, SiteOf(e.Source), e.Message, e.At, e.Value, e.Threshold);
                    break;
                case AlarmTransition.Acknowledged when byId.TryGetValue(e.AlarmId, out var raised) && raised is not null:
                    byId[e.AlarmId] = raised.Active ? raised with { AcknowledgedAt = e.At, AcknowledgedBy = e.By } : null;
                    break;
                case AlarmTransition.Cleared when byId.TryGetValue(e.AlarmId, out var active) && active is not null:
                    byId[e.AlarmId] = active.Acknowledged ? null : active with { ClearedAt = e.At };
                    break;
            }
        }

        var newest = new Dictionary<AlarmKey, AlarmRecord>();
        foreach (var alarm in byId.Values)
        {
            if (alarm is null) continue;
            if (!newest.TryGetValue(alarm.Key, out var other) || alarm.Id > other.Id) newest[alarm.Key] = alarm;
        }

        return [.. newest.Values.OrderBy(a => a.Id)];
    }

    /// <summary>The site of an alarm source ("hall1/rack/r01/…" → "hall1").</summary>
    public static string SiteOf(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var slash = source.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? source : source[..slash];
    }
}
