namespace Cooling.Supervisor.Alarms;

/// <summary>Where alarm transitions are kept. Low rate (a few per minute at most); calls may write synchronously.</summary>
public interface IAlarmHistory
{
    void Record(AlarmHistoryEntry entry);

    /// <summary>Entries with <paramref name="since"/> ≤ time &lt; <paramref name="until"/>, oldest first, optionally of one source (or its children), at most <paramref name="limit"/>.</summary>
    IReadOnlyList<AlarmHistoryEntry> Query(DateTimeOffset since, DateTimeOffset until, string? source, int limit);

    /// <summary>The open alarms — active, or cleared and unacknowledged (see <see cref="OpenAlarmFold"/>) — for a restarting supervisor to take back.</summary>
    IReadOnlyList<AlarmRecord> OpenAlarms();
}
