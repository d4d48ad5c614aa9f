using Microsoft.Data.Sqlite;

namespace Cooling.Supervisor.Storage.Sqlite;

/// <summary>
/// The tables of the embedded store (docs/architecture.md, "Storage"). Raw telemetry per message, its one-minute
/// aggregates, setpoint requests, acknowledgements and CDU events; times are Unix milliseconds on the supervisor's
/// clock. (Alarm history has its own table, kept by Alarms/SqliteAlarmHistory.) A file from an earlier version gets
/// the columns it lacks.
/// </summary>
internal static class SqliteSchema
{
    private const string Tables = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS rack_telemetry (time_ms INTEGER NOT NULL, site TEXT NOT NULL, rack TEXT NOT NULL, seq INTEGER NOT NULL,
            inlet_c REAL, outlet_c REAL, flow_lpm REAL, power_w REAL, gpu_count INTEGER, hottest_gpu_c REAL, hottest_gpu_index INTEGER,
            hottest_memory_c REAL, throttled_gpus INTEGER, gpu_power_w REAL);
        CREATE INDEX IF NOT EXISTS rack_telemetry_by_rack ON rack_telemetry (site, rack, time_ms);
        CREATE INDEX IF NOT EXISTS rack_telemetry_by_time ON rack_telemetry (time_ms);
        CREATE TABLE IF NOT EXISTS cdu_telemetry (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            mode TEXT, setpoint_source TEXT, supply_c REAL, return_c REAL, setpoint_c REAL, target_c REAL, valve_pct REAL,
            valve_command_pct REAL, flow_lpm REAL, dp_kpa REAL, facility_supply_c REAL, facility_return_c REAL, rejected_messages INTEGER,
            pump_speed_pct REAL, dew_point_c REAL, lease_remaining_s REAL, critical_alarms INTEGER, active_alarms TEXT);
        CREATE INDEX IF NOT EXISTS cdu_telemetry_by_cdu ON cdu_telemetry (site, cdu, time_ms);
        CREATE INDEX IF NOT EXISTS cdu_telemetry_by_time ON cdu_telemetry (time_ms);
        CREATE TABLE IF NOT EXISTS rack_telemetry_1m (bucket_ms INTEGER NOT NULL, site TEXT NOT NULL, rack TEXT NOT NULL, samples INTEGER NOT NULL,
            inlet_c REAL, outlet_c REAL, flow_lpm REAL, power_w REAL, power_w_max REAL, hottest_gpu_c REAL, hottest_gpu_c_max REAL,
            hottest_memory_c_max REAL, throttled_gpus_max INTEGER, PRIMARY KEY (site, rack, bucket_ms));
        CREATE TABLE IF NOT EXISTS cdu_telemetry_1m (bucket_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, samples INTEGER NOT NULL,
            supply_c REAL, supply_c_min REAL, supply_c_max REAL, return_c REAL, setpoint_c REAL, valve_pct REAL, flow_lpm REAL, dp_kpa REAL,
            pump_speed_pct REAL, facility_supply_c REAL, facility_return_c REAL, PRIMARY KEY (site, cdu, bucket_ms));
        CREATE TABLE IF NOT EXISTS setpoint_requests (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            supply_c REAL, lease_s INTEGER);
        CREATE TABLE IF NOT EXISTS setpoint_acknowledgements (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            status TEXT, reason TEXT, requested_c REAL, applied_c REAL, lease_s INTEGER);
        CREATE TABLE IF NOT EXISTS cdu_events (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            name TEXT, severity TEXT, reason TEXT);
        CREATE TABLE IF NOT EXISTS store_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        """;

    // Columns added after the first release: (table, column, type).
    private static readonly (string Table, string Column, string Type)[] AddedColumns =
    [
        ("rack_telemetry", "gpu_power_w", "REAL"),
        ("cdu_telemetry", "pump_speed_pct", "REAL"),
        ("cdu_telemetry", "dew_point_c", "REAL"),
        ("cdu_telemetry", "lease_remaining_s", "REAL"),
        ("cdu_telemetry", "critical_alarms", "INTEGER"),
        ("cdu_telemetry", "active_alarms", "TEXT"),
    ];

    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, Tables);
        foreach (var (table, column, type) in AddedColumns)
        {
            using var check = connection.CreateCommand();
            check.CommandText = "SELECT COUNT(*) FROM pragma_table_info($table) WHERE name = $column";
            check.Parameters.AddWithValue("$table", table);
            check.Parameters.AddWithValue("$column", column);
            if ((long)check.ExecuteScalar()! == 0)
            {
                Execute(connection, $"ALTER TABLE {table} ADD COLUMN {column} {type}");
            }
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
