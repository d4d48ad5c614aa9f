namespace Cooling.Supervisor.Alarms;

/// <summary>Alarm history kept in memory only (the newest 10,000 lines), for a supervisor run without a database file.</summary>
public sealed class MemoryAlarmHistory : IAlarmHistory
{
    private const int Kept = 10_000;
    private readonly object _gate = new();
    private readonly LinkedList<AlarmHistoryEntry> _entries = new();

    public void Record(AlarmHistoryEntry entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            if (_entries.Count > Kept) _entries.RemoveFirst();
        }
    }

    public IReadOnlyList<AlarmHistoryEntry> Query(DateTimeOffset since, DateTimeOffset until, string? source, int limit)
    {
        lock (_gate)
        {
            return [.. _entries.Where(e => e.At >= since && e.At < until && (source is null || AlarmEngine.IsUnder(e.Source, source))).Take(limit)];
        }
    }

    public IReadOnlyList<AlarmRecord> OpenAlarms()
    {
        lock (_gate)
        {
            return OpenAlarmFold.From([.. _entries]);
        }
    }
}
