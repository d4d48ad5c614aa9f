using System.Threading.Channels;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Storage;

/// <summary>
/// The embedded default store: one SQLite file (WAL mode). Callers enqueue; one background writer commits in
/// batches of up to 1,000 rows per transaction, so ingestion never waits on the disk. When the queue
/// (100,000 rows) is full the newest row is dropped and counted.
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryStore, IAsyncDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        CREATE TABLE IF NOT EXISTS rack_telemetry (time_ms INTEGER NOT NULL, site TEXT NOT NULL, rack TEXT NOT NULL, seq INTEGER NOT NULL,
            inlet_c REAL, outlet_c REAL, flow_lpm REAL, power_w REAL, gpu_count INTEGER, hottest_gpu_c REAL, hottest_gpu_index INTEGER,
            hottest_memory_c REAL, throttled_gpus INTEGER);
        CREATE INDEX IF NOT EXISTS rack_telemetry_by_rack ON rack_telemetry (site, rack, time_ms);
        CREATE TABLE IF NOT EXISTS cdu_telemetry (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            mode TEXT, setpoint_source TEXT, supply_c REAL, return_c REAL, setpoint_c REAL, target_c REAL, valve_pct REAL,
            valve_command_pct REAL, flow_lpm REAL, dp_kpa REAL, facility_supply_c REAL, facility_return_c REAL, rejected_messages INTEGER);
        CREATE INDEX IF NOT EXISTS cdu_telemetry_by_cdu ON cdu_telemetry (site, cdu, time_ms);
        CREATE TABLE IF NOT EXISTS setpoint_requests (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            supply_c REAL, lease_s INTEGER);
        CREATE TABLE IF NOT EXISTS setpoint_acknowledgements (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            status TEXT, reason TEXT, requested_c REAL, applied_c REAL, lease_s INTEGER);
        CREATE TABLE IF NOT EXISTS cdu_events (time_ms INTEGER NOT NULL, site TEXT NOT NULL, cdu TEXT NOT NULL, seq INTEGER NOT NULL,
            name TEXT, severity TEXT, reason TEXT);
        """;

    private readonly SqliteConnection _connection;
    private readonly Channel<Row> _queue = Channel.CreateBounded<Row>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly Task _writer;
    private readonly ILogger _logger;
    private long _written;
    private long _dropped;

    public SqliteTelemetryStore(string path, ILogger logger)
    {
        _logger = logger;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = Schema;
            command.ExecuteNonQuery();
        }

        _writer = Task.Run(WriteAsync);
    }


    /// <summary>Rows committed to the file.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows queued and not yet committed.</summary>
    public int QueueDepth => _queue.Reader.Count;

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry t, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO rack_telemetry VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, rackId, t.Sequence, NullIfNaN(t.InletTemperatureCelsius), NullIfNaN(t.OutletTemperatureCelsius),
            NullIfNaN(t.FlowLitersPerMinute), t.PowerWatts, t.GpuCount, t.HottestGpuTemperatureCelsius, t.HottestGpuIndex,
            double.IsNaN(t.HottestMemoryTemperatureCelsius) ? null : t.HottestMemoryTemperatureCelsius, t.ThrottledGpuCount]));

    // SQLite stores no NaN: a value the publisher does not report is NULL.
    private static double? NullIfNaN(double value) => double.IsNaN(value) ? null : value;

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry t, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO cdu_telemetry VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, t.Sequence, t.Mode, t.SetpointSource, t.SupplyTemperatureCelsius,
            t.ReturnTemperatureCelsius, t.SupplyTemperatureSetpointCelsius, t.SupplyTemperatureTargetCelsius, t.ValvePositionPercent,
            t.ValveCommandPercent, t.FlowLitersPerMinute, t.DeltaPressureKpa, t.FacilitySupplyTemperatureCelsius,
            t.FacilityReturnTemperatureCelsius, t.RejectedMessages]));

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord r) => Enqueue(new Row(
        "INSERT INTO setpoint_requests VALUES ($0,$1,$2,$3,$4,$5)",
        [r.SentAt.ToUnixTimeMilliseconds(), siteId, cduId, r.Sequence, r.SupplyTemperatureCelsius, r.LeaseSeconds]));

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement a, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO setpoint_acknowledgements VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, a.Sequence, a.Status, a.Reason, a.RequestedSupplyTemperatureCelsius,
            a.AppliedSupplyTemperatureCelsius, a.LeaseSeconds]));

    public void AddEvent(string siteId, string cduId, CduEvent e, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO cdu_events VALUES ($0,$1,$2,$3,$4,$5,$6)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, e.Sequence, e.Name, e.Severity, e.Reason]));

    /// <summary>Runs a scalar query on the store's file through a separate read connection (for reports and tests).</summary>
    public object? QueryScalar(string sql)
    {
        using var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _connection.DataSource, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        reader.Open();
        using var command = reader.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Waits until every row queued so far is committed (or the timeout passes).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((_queue.Reader.Count > 0 || Interlocked.CompareExchange(ref _inFlight, 0, 0) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private int _inFlight;

    private void Enqueue(Row row)
    {
        if (!_queue.Writer.TryWrite(row))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Row>(1000);
        while (await _queue.Reader.WaitToReadAsync())
        {
            Interlocked.Exchange(ref _inFlight, 1);
            while (batch.Count < 1000 && _queue.Reader.TryRead(out var row))
            {
                batch.Add(row);
            }

            try
            {
                using var transaction = _connection.BeginTransaction();
                foreach (var row in batch)
                {
                    using var command = _connection.CreateCommand();
                    command.Transaction = transaction;
                    command.CommandText = row.Sql;
                    for (var i = 0; i < row.Values.Length; i++)
                    {
                        command.Parameters.AddWithValue($"${i}", row.Values[i] ?? DBNull.Value);
                    }

                    command.ExecuteNonQuery();
                }

                transaction.Commit();
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (SqliteException ex)
            {
                _logger.LogError(ex, "Store write of {Rows} rows failed", batch.Count);
                Interlocked.Add(ref _dropped, batch.Count);
            }

            batch.Clear();
            Interlocked.Exchange(ref _inFlight, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
        await _connection.DisposeAsync();
    }

    private sealed record Row(string Sql, object?[] Values);
}
