using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.Service.History;
using Cooling.Supervisor.Service.Metrics;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Options;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Service.Hosting;

/// <summary>
/// The running supervisor as a hosted service: on start it brings up the embedded broker (when no broker URL is
/// configured), the store, the alarm history and the supervisor, and connects; on stop it takes them down in reverse.
/// A broker that cannot be reached at start is not fatal: the service starts, /health says so, and the client keeps
/// retrying with backoff.
/// </summary>
public sealed class SupervisorRuntime(IOptions<CoolingOptions> options, TimeProvider time, SupervisorMetrics metrics, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger("supervisor.service");
    private EmbeddedBroker? _broker;
    private SqliteTelemetryStore? _sqliteStore;
    private Storage.Influx.InfluxDbTelemetryStore? _influxStore;
    private SqliteAlarmHistory? _alarmHistory;
    private SupervisorService? _supervisor;
    private bool _stopped;

    public CoolingOptions Options => options.Value;

    /// <summary>The supervisor, once started.</summary>
    public SupervisorService Supervisor => _supervisor ?? throw new InvalidOperationException("The supervisor has not started.");

    public bool Started => _supervisor is not null;

    /// <summary>The broker the supervisor connects to (printed without password).</summary>
    public BrokerAddress? Broker { get; private set; }

    /// <summary>True when <see cref="Broker"/> is the service's own embedded broker.</summary>
    public bool BrokerIsEmbedded { get; private set; }

    public ITelemetryStore? Store { get; private set; }

    /// <summary>The SQLite store when the store kind is sqlite (for its counters and for history queries).</summary>
    public SqliteTelemetryStore? SqliteStore => _sqliteStore;

    /// <summary>The InfluxDB store when the store kind is influxdb (for its counters in /metrics and /health).</summary>
    public Storage.Influx.InfluxDbTelemetryStore? InfluxStore => _influxStore;

    public IAlarmHistory? AlarmHistory => _alarmHistory;

    public ITelemetryHistory? TelemetryHistory { get; private set; }

    /// <summary>
    /// Records the store behind history <paramref name="source"/> has accepted but cannot be queried for yet: for SQLite
    /// the rows queued for its writer, for InfluxDB the points queued, in flight or in the disk buffer.
    /// </summary>
    public long PendingRecords(string source) => source == StoreOptions.InfluxDbKind
        ? _influxStore?.Writer.Pending ?? 0
        : (_sqliteStore?.QueueDepth ?? 0) + (_supervisor?.StoreFeeder.Backlog ?? 0);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var connection = await StartBrokerAsync(o.Mqtt);
        Broker = connection.Resolve();
        _sqliteStore = new SqliteTelemetryStore(new Storage.Sqlite.SqliteStoreOptions { Path = o.Store.SqlitePath }, time, loggerFactory.CreateLogger("store"));
        Store = _sqliteStore;
        if (o.Store.Kind == StoreOptions.InfluxDbKind)
        {
            _influxStore = new Storage.Influx.InfluxDbTelemetryStore(o.Store.InfluxDb.ToOptions(), time, loggerFactory.CreateLogger("influxdb"));
            Store = new FanOutTelemetryStore(_sqliteStore, _influxStore); // SQLite keeps everything too (alarm history, History=sqlite)
        }

        TelemetryHistory = o.Store.HistorySource == StoreOptions.InfluxDbKind
            ? new InfluxTelemetryHistory(o.Store.InfluxDb.ToOptions())
            : new SqliteTelemetryHistory(o.Store.SqlitePath);
        _alarmHistory = new SqliteAlarmHistory(o.Store.SqlitePath);
        var planner = o.Planner.Create(o.Supervisor);
        _supervisor = new SupervisorService(o.Supervisor, planner, Store, time, loggerFactory, o.Alarms, _alarmHistory);
        metrics.Attach(_supervisor, _sqliteStore);
        _logger.LogInformation("Supervisor starting: broker {Broker}, store {Store} at {Path}, history from {History}, planner {Planner}",
            Broker, o.Store.Kind, Path.GetFullPath(o.Store.SqlitePath), TelemetryHistory.Source, planner.Name);
        try
        {
            await _supervisor.StartAsync(connection, TimeSpan.FromSeconds(o.Mqtt.ConnectTimeoutSeconds), cancellationToken);
            _logger.LogInformation("Supervisor connected to {Broker}", Broker);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Broker {Broker} not reachable within {Timeout} s; the supervisor keeps retrying in the background", Broker, o.Mqtt.ConnectTimeoutSeconds);
        }
    }

    private async Task<BrokerConnectionOptions> StartBrokerAsync(MqttOptions mqtt)
    {
        if (!string.IsNullOrWhiteSpace(mqtt.Url))
        {
            return mqtt.Connection(); // validated at start-up
        }

        _broker = await EmbeddedBroker.StartAsync(mqtt.EmbeddedBrokerAccess(), mqtt.EmbeddedBrokerPort, mqtt.EmbeddedBrokerTls(),
            loggerFactory.CreateLogger("broker"));
        BrokerIsEmbedded = true;
        _logger.LogInformation("Embedded MQTT broker listening on 127.0.0.1:{Port}", _broker.Port);
        return new MqttOptions { Url = _broker.Url, UserName = mqtt.UserName, Password = mqtt.Password }.Connection();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopped || _supervisor is null && _broker is null && _sqliteStore is null)
        {
            return;
        }

        _stopped = true;
        if (_supervisor is not null)
        {
            await _supervisor.StopAsync();
        }

        if (_sqliteStore is not null)
        {
            await _sqliteStore.FlushAsync(TimeSpan.FromSeconds(5));
            await _sqliteStore.DisposeAsync();
            _sqliteStore = null;
        }

        if (_influxStore is not null)
        {
            await _influxStore.DisposeAsync(); // what InfluxDB has not taken stays in its disk buffer for the next start
            _influxStore = null;
        }

        (TelemetryHistory as IDisposable)?.Dispose();
        TelemetryHistory = null;
        _alarmHistory?.Dispose();
        _alarmHistory = null;
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
            _broker = null;
        }

        _logger.LogInformation("Supervisor stopped");
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);
}
