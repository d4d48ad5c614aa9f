using System.Threading.Channels;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Storage;

/// <summary>
/// The embedded default store: one SQLite file (WAL mode), tables in <see cref="SqliteSchema"/>. Callers enqueue
/// and return at once; one background writer commits in batches (one transaction per batch), so ingestion never
/// waits on the disk. When the queue is full the newest row is dropped and counted. A batch the file is too busy to
/// take (another process holds the write lock) is tried again, never dropped; one that fails otherwise is dropped,
/// counted and logged. Every maintenance period on the store's clock the writer averages completed minutes and
/// deletes what is past retention (<see cref="SqliteRetention"/>).
/// </summary>
public sealed class SqliteTelemetryStore : ITelemetryStore, IAsyncDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly SqliteConnection _connection;
    private readonly Channel<Row> _queue;
    private readonly ITimer _maintenanceTimer;
    private readonly Task _writer;
    private readonly ILogger _logger;
    private long _written;
    private long _dropped;
    private int _inFlight;
    private int _maintenanceRuns;
    private MaintenanceResult? _lastMaintenance;

    /// <summary>A store at <paramref name="path"/> with the default retention, on the system clock.</summary>
    public SqliteTelemetryStore(string path, ILogger logger)
        : this(new SqliteStoreOptions { Path = path }, TimeProvider.System, logger)
    {
    }

    public SqliteTelemetryStore(SqliteStoreOptions options, TimeProvider time, ILogger logger)
    {
        options.Validate();
        _options = options;
        _logger = logger;
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = options.Path, Pooling = false }.ToString());
        _connection.Open();
        SqliteSchema.Apply(_connection);
        _queue = Channel.CreateBounded<Row>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropWrite,
            SingleReader = true,
        });
        _maintenanceTimer = time.CreateTimer(_ => _queue.Writer.TryWrite(MaintenanceAt(time.GetUtcNow())), null, options.MaintenancePeriod, options.MaintenancePeriod);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Rows committed to the file.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows dropped because the queue was full or the file refused them.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Rows queued and not yet committed.</summary>
    public int QueueDepth => _queue.Reader.Count;

    /// <summary>Maintenance rounds (downsampling and retention) done.</summary>
    public int MaintenanceRuns => Volatile.Read(ref _maintenanceRuns);

    /// <summary>What the last maintenance round did; null before the first.</summary>
    public MaintenanceResult? LastMaintenance => Volatile.Read(ref _lastMaintenance);

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry t, DateTimeOffset receivedAt) => Enqueue(new Row(
        """
        INSERT INTO rack_telemetry (time_ms, site, rack, seq, inlet_c, outlet_c, flow_lpm, power_w, gpu_count, hottest_gpu_c, hottest_gpu_index,
            hottest_memory_c, throttled_gpus, gpu_power_w) VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
        """,
        [receivedAt.ToUnixTimeMilliseconds(), siteId, rackId, t.Sequence, Finite(t.InletTemperatureCelsius), Finite(t.OutletTemperatureCelsius),
            Finite(t.FlowLitersPerMinute), t.PowerWatts, t.GpuCount, t.HottestGpuTemperatureCelsius, t.HottestGpuIndex,
            Finite(t.HottestMemoryTemperatureCelsius), t.ThrottledGpuCount, Finite(t.GpuPowerWatts)]));

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry t, DateTimeOffset receivedAt) => Enqueue(new Row(
        """
        INSERT INTO cdu_telemetry (time_ms, site, cdu, seq, mode, setpoint_source, supply_c, return_c, setpoint_c, target_c, valve_pct,
            valve_command_pct, flow_lpm, dp_kpa, facility_supply_c, facility_return_c, rejected_messages, pump_speed_pct, dew_point_c,
            lease_remaining_s, critical_alarms, active_alarms) VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)
        """,
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, t.Sequence, t.Mode, t.SetpointSource, t.SupplyTemperatureCelsius,
            t.ReturnTemperatureCelsius, t.SupplyTemperatureSetpointCelsius, t.SupplyTemperatureTargetCelsius, t.ValvePositionPercent,
            t.ValveCommandPercent, t.FlowLitersPerMinute, t.DeltaPressureKpa, t.FacilitySupplyTemperatureCelsius,
            t.FacilityReturnTemperatureCelsius, t.RejectedMessages, t.PumpSpeedPercent, t.DewPointCelsius, t.LeaseRemainingSeconds,
            t.CriticalAlarmCount, t.ActiveAlarms.Count == 0 ? null : string.Join(' ', t.ActiveAlarms)]));

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord r) => Enqueue(new Row(
        "INSERT INTO setpoint_requests (time_ms, site, cdu, seq, supply_c, lease_s) VALUES ($0,$1,$2,$3,$4,$5)",
        [r.SentAt.ToUnixTimeMilliseconds(), siteId, cduId, r.Sequence, r.SupplyTemperatureCelsius, r.LeaseSeconds]));

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement a, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO setpoint_acknowledgements (time_ms, site, cdu, seq, status, reason, requested_c, applied_c, lease_s) VALUES ($0,$1,$2,$3,$4,$5,$6,$7,$8)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, a.Sequence, a.Status, a.Reason, a.RequestedSupplyTemperatureCelsius,
            a.AppliedSupplyTemperatureCelsius, a.LeaseSeconds]));

    public void AddEvent(string siteId, string cduId, CduEvent e, DateTimeOffset receivedAt) => Enqueue(new Row(
        "INSERT INTO cdu_events (time_ms, site, cdu, seq, name, severity, reason) VALUES ($0,$1,$2,$3,$4,$5,$6)",
        [receivedAt.ToUnixTimeMilliseconds(), siteId, cduId, e.Sequence, e.Name, e.Severity, e.Reason]));

    /// <summary>Runs a scalar query on the store's file through a separate read connection (for reports and tests).</summary>
    public object? QueryScalar(string sql)
    {
        using var reader = OpenReader();
        using var command = reader.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>Opens a read-only connection to the store's file (WAL: reads never wait for the writer).</summary>
    public SqliteConnection OpenReader()
    {
        var reader = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _connection.DataSource, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        reader.Open();
        return reader;
    }

    /// <summary>Waits until every row queued so far is committed (or the timeout passes).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((_queue.Reader.Count > 0 || Volatile.Read(ref _inFlight) > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    // SQLite stores no NaN: a value the publisher does not report (NaN) is NULL.
    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private void Enqueue(Row row)
    {
        if (!_queue.Writer.TryWrite(row))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    private async Task WriteAsync()
    {
        var batch = new List<Row>(_options.BatchSize);
        while (await _queue.Reader.WaitToReadAsync())
        {
            Volatile.Write(ref _inFlight, 1);
            Row? maintenance = null;
            while (batch.Count < _options.BatchSize && _queue.Reader.TryRead(out var row))
            {
                if (row.Sql.Length == 0)
                {
                    maintenance = row;
                    break;
                }

                batch.Add(row);
            }

            Commit(batch);
            batch.Clear();
            if (maintenance is not null) Maintain((DateTimeOffset)maintenance.Values[0]!);
            Volatile.Write(ref _inFlight, 0);
        }
    }

    private void Commit(List<Row> batch)
    {
        while (batch.Count > 0)
        {
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
                return;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED: after the busy timeout
            {
                _logger.LogWarning("Store file busy ({Reason}); retrying {Rows} rows", ex.Message, batch.Count);
            }
            catch (SqliteException ex)
            {
                _logger.LogError(ex, "Store write of {Rows} rows failed; rows dropped", batch.Count);
                Interlocked.Add(ref _dropped, batch.Count);
                return;
            }
        }
    }

    // A maintenance round is queued behind the rows received before it and runs as of the time it was queued, so
    // the minutes it averages are complete.
    private static Row MaintenanceAt(DateTimeOffset at) => new("", [at]);

    private void Maintain(DateTimeOffset at)
    {
        try
        {
            var result = SqliteRetention.Run(_connection, at, _options);
            Volatile.Write(ref _lastMaintenance, result);
            Interlocked.Increment(ref _maintenanceRuns);
            if (result.RawRowsDeleted + result.OtherRowsDeleted > 0)
            {
                _logger.LogInformation("Store maintenance: {Averaged} one-minute rows, {Raw} raw and {Other} other rows past retention deleted",
                    result.AveragedRows, result.RawRowsDeleted, result.OtherRowsDeleted);
            }
        }
        catch (SqliteException ex)
        {
            _logger.LogError(ex, "Store maintenance failed; tried again next period");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _maintenanceTimer.DisposeAsync();
        _queue.Writer.TryComplete();
        await _writer;
        await _connection.DisposeAsync();
    }

    private sealed record Row(string Sql, object?[] Values);
}
