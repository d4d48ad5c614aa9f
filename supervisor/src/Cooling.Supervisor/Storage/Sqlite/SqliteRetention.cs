using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Storage.Sqlite;

/// <summary>What one maintenance round did.</summary>
public sealed record MaintenanceResult(DateTimeOffset At, long AveragedRows, long RawRowsDeleted, long OtherRowsDeleted);

/// <summary>
/// Downsampling and retention of the embedded store, run on the store's writer connection. Every completed minute
/// of raw telemetry since the last round becomes one row per rack and per CDU in rack_telemetry_1m and
/// cdu_telemetry_1m (averages, and the extremes that matter: hottest GPU, peak power, supply min/max); the minute
/// reached is kept in store_state, so each minute is averaged once (a raw row that arrives after its minute was
/// averaged stays raw only). Then raw rows older than the raw retention and all other rows older than the long
/// retention (and alarm history, when its table is in the file) are deleted, in chunks so the writer never holds one long transaction.
/// </summary>
internal static class SqliteRetention
{
    private const long MinuteMs = 60_000;
    private const int DeleteChunk = 20_000;

    private const string AverageRacks = """
        INSERT OR REPLACE INTO rack_telemetry_1m (bucket_ms, site, rack, samples, inlet_c, outlet_c, flow_lpm, power_w, power_w_max,
            hottest_gpu_c, hottest_gpu_c_max, hottest_memory_c_max, throttled_gpus_max)
        SELECT (time_ms / 60000) * 60000 AS bucket, site, rack, COUNT(*), AVG(inlet_c), AVG(outlet_c), AVG(flow_lpm), AVG(power_w), MAX(power_w),
            AVG(hottest_gpu_c), MAX(hottest_gpu_c), MAX(hottest_memory_c), MAX(throttled_gpus)
        FROM rack_telemetry WHERE time_ms >= $from AND time_ms < $to GROUP BY site, rack, bucket
        """;

    private const string AverageCdus = """
        INSERT OR REPLACE INTO cdu_telemetry_1m (bucket_ms, site, cdu, samples, supply_c, supply_c_min, supply_c_max, return_c, setpoint_c,
            valve_pct, flow_lpm, dp_kpa, pump_speed_pct, facility_supply_c, facility_return_c)
        SELECT (time_ms / 60000) * 60000 AS bucket, site, cdu, COUNT(*), AVG(supply_c), MIN(supply_c), MAX(supply_c), AVG(return_c), AVG(setpoint_c),
            AVG(valve_pct), AVG(flow_lpm), AVG(dp_kpa), AVG(pump_speed_pct), AVG(facility_supply_c), AVG(facility_return_c)
        FROM cdu_telemetry WHERE time_ms >= $from AND time_ms < $to GROUP BY site, cdu, bucket
        """;

    public static MaintenanceResult Run(SqliteConnection connection, DateTimeOffset now, SqliteStoreOptions options)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var completedMinutes = nowMs / MinuteMs * MinuteMs;
        long averaged = 0;
        using (var transaction = connection.BeginTransaction())
        {
            averaged += Average(connection, transaction, "rack_telemetry", AverageRacks, completedMinutes);
            averaged += Average(connection, transaction, "cdu_telemetry", AverageCdus, completedMinutes);
            transaction.Commit();
        }

        var rawCutoff = nowMs - (long)options.RawRetention.TotalMilliseconds;
        var longCutoff = nowMs - (long)options.DownsampledRetention.TotalMilliseconds;
        var raw = Delete(connection, "rack_telemetry", "time_ms", rawCutoff) + Delete(connection, "cdu_telemetry", "time_ms", rawCutoff);
        var other = Delete(connection, "rack_telemetry_1m", "bucket_ms", longCutoff) + Delete(connection, "cdu_telemetry_1m", "bucket_ms", longCutoff)
            + Delete(connection, "setpoint_requests", "time_ms", longCutoff) + Delete(connection, "setpoint_acknowledgements", "time_ms", longCutoff)
            + Delete(connection, "cdu_events", "time_ms", longCutoff)
            + (TableExists(connection, "alarm_history") ? Delete(connection, "alarm_history", "time_ms", longCutoff) : 0);
        return new MaintenanceResult(now, averaged, raw, other);
    }

    // Averages the minutes from the last one done (or the oldest raw row) up to the last completed one.
    private static long Average(SqliteConnection connection, SqliteTransaction transaction, string table, string sql, long completedMinutes)
    {
        var key = table + "_1m_until_ms";
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = $"SELECT COALESCE((SELECT value FROM store_state WHERE key = $key), (SELECT MIN(time_ms) / 60000 * 60000 FROM {table}))";
        read.Parameters.AddWithValue("$key", key);
        if (read.ExecuteScalar() is not long from || from >= completedMinutes)
        {
            return 0;
        }

        using var average = connection.CreateCommand();
        average.Transaction = transaction;
        average.CommandText = sql;
        average.Parameters.AddWithValue("$from", from);
        average.Parameters.AddWithValue("$to", completedMinutes);
        var rows = average.ExecuteNonQuery();

        using var mark = connection.CreateCommand();
        mark.Transaction = transaction;
        mark.CommandText = "INSERT OR REPLACE INTO store_state (key, value) VALUES ($key, $value)";
        mark.Parameters.AddWithValue("$key", key);
        mark.Parameters.AddWithValue("$value", completedMinutes);
        mark.ExecuteNonQuery();
        return rows;
    }

    // The alarm history table belongs to the alarms (Alarms/SqliteAlarmHistory) and exists once they have started.
    private static bool TableExists(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)command.ExecuteScalar()! > 0;
    }

    private static long Delete(SqliteConnection connection, string table, string timeColumn, long cutoffMs)
    {
        long deleted = 0;
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {timeColumn} < $cutoff LIMIT {DeleteChunk})";
            command.Parameters.AddWithValue("$cutoff", cutoffMs);
            var rows = command.ExecuteNonQuery();
            deleted += rows;
            if (rows < DeleteChunk) return deleted;
        }
    }
}
