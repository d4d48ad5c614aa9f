using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Storage;
using Cooling.Supervisor.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>The embedded SQLite store: one-minute averages and retention on simulated time, a busy file, events and alarm history, older files.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-sqlite-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    private string DbPath => Path.Combine(_folder.FullName, "store.db");

    private SqliteTelemetryStore NewStore(SqliteStoreOptions? options = null) =>
        new(options ?? new SqliteStoreOptions { Path = DbPath }, _time, NullLogger.Instance);

    internal static CduTelemetry Cdu(long seq, double supply) => new(seq, seq * 1000, "automatic", "supervisor", supply, supply + 10, 30, 30,
        24, 33, 720, 121.5, 55, 55, 90, 11.4, 7, 24, 0, "0.1.0");

    internal static RackTelemetry Rack(long seq, double hottest, double power) =>
        new(seq, 0, 30, 40, 180, power, 72, hottest, 3, 70, power * 0.9, 0);

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Completed_minutes_are_averaged_raw_rows_expire_after_the_raw_retention_and_averages_after_the_long_one()
    {
        await using var store = NewStore(new SqliteStoreOptions
        {
            Path = DbPath,
            RawRetention = TimeSpan.FromHours(1),
            DownsampledRetention = TimeSpan.FromDays(2),
            MaintenancePeriod = TimeSpan.FromMinutes(1),
        });

        // Three simulated minutes at 1 Hz: minute m has supply 30 + m + s/100 and hottest GPU 60 + m (70 + m at second 30).
        for (var second = 0; second < 180; second++)
        {
            var now = _time.GetUtcNow();
            int minute = second / 60, s = second % 60;
            store.AddCduTelemetry("hall1", "cdu1", Cdu(second, 30 + minute + s / 100.0), now);
            store.AddRackTelemetry("hall1", "r01", Rack(second, s == 30 ? 70 + minute : 60 + minute, 100_000 + s), now);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await WaitAsync(() => store.MaintenanceRuns >= 3, "three maintenance rounds");
        await store.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry_1m"));
        Assert.Equal(60L, store.QueryScalar("SELECT samples FROM cdu_telemetry_1m ORDER BY bucket_ms LIMIT 1 OFFSET 1"));
        Assert.Equal(31.295, (double)store.QueryScalar("SELECT supply_c FROM cdu_telemetry_1m ORDER BY bucket_ms LIMIT 1 OFFSET 1")!, 9);
        Assert.Equal(31.0, (double)store.QueryScalar("SELECT supply_c_min FROM cdu_telemetry_1m ORDER BY bucket_ms LIMIT 1 OFFSET 1")!, 9);
        Assert.Equal(31.59, (double)store.QueryScalar("SELECT supply_c_max FROM cdu_telemetry_1m ORDER BY bucket_ms LIMIT 1 OFFSET 1")!, 9);
        Assert.Equal(72.0, (double)store.QueryScalar("SELECT hottest_gpu_c_max FROM rack_telemetry_1m ORDER BY bucket_ms DESC LIMIT 1")!);
        Assert.Equal(100_059.0, (double)store.QueryScalar("SELECT power_w_max FROM rack_telemetry_1m ORDER BY bucket_ms DESC LIMIT 1")!);
        Assert.Equal(_time.GetUtcNow().AddMinutes(-3).ToUnixTimeMilliseconds(), store.QueryScalar("SELECT MIN(bucket_ms) FROM rack_telemetry_1m"));

        // An hour later the raw rows are gone, the averages stay; two days later the averages are gone too.
        var runs = store.MaintenanceRuns;
        _time.Advance(TimeSpan.FromMinutes(62));
        await WaitAsync(() => store.MaintenanceRuns > runs && store.LastMaintenance!.At >= _time.GetUtcNow(), "maintenance an hour later");
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry"));
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM rack_telemetry"));
        Assert.Equal(3L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry_1m"));
        Assert.Equal(3L, store.QueryScalar("SELECT COUNT(*) FROM rack_telemetry_1m"));

        runs = store.MaintenanceRuns;
        _time.Advance(TimeSpan.FromDays(2));
        await WaitAsync(() => store.MaintenanceRuns > runs && store.LastMaintenance!.At >= _time.GetUtcNow(), "maintenance two days later");
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry_1m"));
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM rack_telemetry_1m"));
    }

    [Fact]
    public async Task A_file_locked_by_another_process_delays_the_writes_but_never_the_callers_and_loses_nothing()
    {
        await using var store = NewStore();
        await using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using (var lockFile = other.CreateCommand())
            {
                lockFile.CommandText = "BEGIN EXCLUSIVE";
                lockFile.ExecuteNonQuery();
            }

            for (var i = 0; i < 5000; i++)
            {
                store.AddCduTelemetry("hall1", "cdu1", Cdu(i, 30), _time.GetUtcNow());
            }

            await Task.Delay(300);
            Assert.Equal(0, store.Written); // all 5,000 calls returned while the writer could not write a row

            using var release = other.CreateCommand();
            release.CommandText = "COMMIT";
            release.ExecuteNonQuery();
        }

        await store.FlushAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(5000, store.Written);
        Assert.Equal(0, store.Dropped);
        Assert.Equal(5000L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry"));
    }

    [Fact]
    public async Task CDU_alarms_and_events_are_kept_and_alarm_history_expires_with_the_long_retention()
    {
        await using var store = NewStore(new SqliteStoreOptions
        {
            Path = DbPath,
            RawRetention = TimeSpan.FromHours(1),
            DownsampledRetention = TimeSpan.FromDays(2),
            MaintenancePeriod = TimeSpan.FromMinutes(1),
        });
        var at = _time.GetUtcNow();
        using (var alarms = new Cooling.Supervisor.Alarms.SqliteAlarmHistory(DbPath))
        {
            // the alarms keep their history in the same file; an empty table is enough to show its expiry
        }

        await using (var other = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            other.Open();
            using var insert = other.CreateCommand();
            insert.CommandText = $"INSERT INTO alarm_history (time_ms, alarm_id, transition, origin, code, severity, source, message) VALUES ({at.ToUnixTimeMilliseconds()}, 1, 'Raised', 'rack', 'GpuTemperatureHigh', 'Critical', 'r01', 'hot')";
            insert.ExecuteNonQuery();
        }

        store.AddCduTelemetry("hall1", "cdu1", Cdu(1, 30) with { ActiveAlarms = ["LeakDetectedCritical@zone2"], CriticalAlarmCount = 1 }, at);
        store.AddEvent("hall1", "cdu1", new CduEvent(4, "LeaseExpired", "Warning", "no renewal"), at);
        await store.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("LeakDetectedCritical@zone2", store.QueryScalar("SELECT active_alarms FROM cdu_telemetry"));
        Assert.Equal(1L, store.QueryScalar("SELECT critical_alarms FROM cdu_telemetry"));
        Assert.Equal("LeaseExpired", store.QueryScalar("SELECT name FROM cdu_events"));

        var runs = store.MaintenanceRuns;
        _time.Advance(TimeSpan.FromDays(1));
        await WaitAsync(() => store.MaintenanceRuns > runs && store.LastMaintenance!.At >= _time.GetUtcNow(), "maintenance a day later");
        Assert.Equal(1L, store.QueryScalar("SELECT COUNT(*) FROM alarm_history"));
        Assert.Equal(1L, store.QueryScalar("SELECT COUNT(*) FROM cdu_events"));
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry"));

        runs = store.MaintenanceRuns;
        _time.Advance(TimeSpan.FromDays(1.5));
        await WaitAsync(() => store.MaintenanceRuns > runs && store.LastMaintenance!.At >= _time.GetUtcNow(), "maintenance after two days");
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM alarm_history"));
        Assert.Equal(0L, store.QueryScalar("SELECT COUNT(*) FROM cdu_events"));
    }

    [Fact]
    public async Task A_file_from_the_first_release_gets_the_new_columns_and_keeps_its_rows()
    {
        await using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE cdu_telemetry (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
                    mode TEXT, setpoint_source TEXT, supply_c REAL, return_c REAL, setpoint_c REAL, target_c REAL, valve_pct REAL,
                    valve_command_pct REAL, flow_lpm REAL, dp_kpa REAL, facility_supply_c REAL, facility_return_c REAL, rejected_messages INTEGER);
                INSERT INTO cdu_telemetry (time_ms, site, cdu, seq, supply_c) VALUES (1, 'hall1', 'cdu1', 1, 29.5);
                """;
            create.ExecuteNonQuery();
        }

        await using var store = NewStore();
        store.AddCduTelemetry("hall1", "cdu1", Cdu(2, 30.5), _time.GetUtcNow());
        await store.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2L, store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry"));
        Assert.Equal(90.0, store.QueryScalar("SELECT pump_speed_pct FROM cdu_telemetry WHERE seq = 2"));
    }

    [Fact]
    public void Settings_that_would_lose_data_are_refused_with_what_to_change()
    {
        var error = Assert.Throws<ArgumentException>(() => new SqliteStoreOptions { RawRetention = TimeSpan.FromDays(30), DownsampledRetention = TimeSpan.FromDays(7) }.Validate());
        Assert.Contains("DownsampledRetention", error.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
