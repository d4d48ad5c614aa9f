using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Alarms;

/// <summary>
/// Alarm history in one table, <c>alarm_history</c>, of a SQLite file — by default the supervisor's own database,
/// beside the telemetry tables (WAL mode lets both write). Alarms are rare, so each line is written at once. The
/// lines of alarms still open (active, or cleared and unacknowledged) are what a restarting supervisor takes back (<see cref="OpenAlarms"/>).
/// </summary>
public sealed class SqliteAlarmHistory : IAlarmHistory, IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS alarm_history (time_ms INTEGER NOT NULL, alarm_id INTEGER NOT NULL, transition TEXT NOT NULL,
            origin TEXT NOT NULL, code TEXT NOT NULL, severity TEXT NOT NULL, source TEXT NOT NULL, message TEXT NOT NULL, value REAL, by TEXT,
            threshold REAL);
        CREATE INDEX IF NOT EXISTS alarm_history_by_time ON alarm_history (time_ms);
        CREATE INDEX IF NOT EXISTS alarm_history_by_alarm ON alarm_history (alarm_id);
        """;

    private const string Columns = "time_ms, alarm_id, transition, origin, code, severity, source, message, value, by, threshold";

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;

    public SqliteAlarmHistory(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 10 }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        AddThresholdColumn();
    }

    // Files written before the threshold was kept have no such column: add it (their lines keep a null threshold).
    private void AddThresholdColumn()
    {
        using var check = _connection.CreateCommand();
        check.CommandText = "SELECT COUNT(*) FROM pragma_table_info('alarm_history') WHERE name = 'threshold'";
        if ((long)check.ExecuteScalar()! > 0) return;
        using var alter = _connection.CreateCommand();
        alter.CommandText = "ALTER TABLE alarm_history ADD COLUMN threshold REAL";
        alter.ExecuteNonQuery();
    }

    public void Record(AlarmHistoryEntry entry)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"INSERT INTO alarm_history ({Columns}) VALUES ($t,$id,$tr,$o,$c,$s,$src,$m,$v,$by,$th)";
            command.Parameters.AddWithValue("$t", entry.At.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$id", entry.AlarmId);
            command.Parameters.AddWithValue("$tr", entry.Transition.ToString());
            command.Parameters.AddWithValue("$o", entry.Origin.ToString());
            command.Parameters.AddWithValue("$c", entry.Code);
            command.Parameters.AddWithValue("$s", entry.Severity.ToString());
            command.Parameters.AddWithValue("$src", entry.Source);
            command.Parameters.AddWithValue("$m", entry.Message);
            command.Parameters.AddWithValue("$v", entry.Value is { } v && double.IsFinite(v) ? v : DBNull.Value);
            command.Parameters.AddWithValue("$by", (object?)entry.By ?? DBNull.Value);
            command.Parameters.AddWithValue("$th", entry.Threshold is { } th && double.IsFinite(th) ? th : DBNull.Value);
            command.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<AlarmHistoryEntry> Query(DateTimeOffset since, DateTimeOffset until, string? source, int limit)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns} FROM alarm_history
                WHERE time_ms >= $from AND time_ms < $to AND ($source IS NULL OR source = $source OR source LIKE $prefix ESCAPE '\')
                ORDER BY time_ms, rowid LIMIT $limit
                """;
            command.Parameters.AddWithValue("$from", since.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$to", until.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$source", (object?)source ?? DBNull.Value);
            command.Parameters.AddWithValue("$prefix", source is null ? DBNull.Value : EscapeLike(source) + "/%");
            command.Parameters.AddWithValue("$limit", limit);
            return ReadEntries(command);
        }
    }

    /// <summary>The lines of every alarm id with a raise and no clear, folded by <see cref="OpenAlarmFold"/>.</summary>
    public IReadOnlyList<AlarmRecord> OpenAlarms()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"""
                SELECT {Columns} FROM alarm_history WHERE alarm_id IN (
                    SELECT alarm_id FROM alarm_history GROUP BY alarm_id
                    HAVING SUM(transition = 'Raised') > 0 AND (SUM(transition = 'Cleared') = 0 OR SUM(transition = 'Acknowledged') = 0))
                ORDER BY time_ms, rowid
                """;
            return OpenAlarmFold.From(ReadEntries(command));
        }
    }

    private static List<AlarmHistoryEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<AlarmHistoryEntry>();
        while (reader.Read())
        {
            entries.Add(new AlarmHistoryEntry(
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.GetInt64(1),
                Enum.Parse<AlarmTransition>(reader.GetString(2)),
                Enum.Parse<AlarmOrigin>(reader.GetString(3)),
                reader.GetString(4),
                Enum.Parse<AlarmSeverity>(reader.GetString(5)),
                reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetDouble(8),
                reader.IsDBNull(9) ? null : reader.GetString(9),
                reader.IsDBNull(10) ? null : reader.GetDouble(10)));
        }

        return entries;
    }

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public void Dispose()
    {
        lock (_gate)
        {
            _connection.Dispose();
        }
    }
}
