using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cooling.Supervisor;

/// <summary>
/// The supervisor on one broker: ingestion of rack and CDU messages into the hall state and the store (through
/// bounded queues, see <see cref="IngestionPipeline"/>), and a planning round every planning period (on the given
/// <see cref="TimeProvider"/>) that keeps every CDU under a leased setpoint.
/// </summary>
public sealed class SupervisorService : IAsyncDisposable
{
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private MqttConnection? _connection;
    private ITimer? _planningTimer;

    public SupervisorService(SupervisorOptions options, ISetpointPlanner planner, ITelemetryStore store, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        options.Validate();
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("supervisor");
        Coordinator = new SetpointCoordinator(Hall, planner, options, time, store, Publish, _loggerFactory.CreateLogger("planner"));
        var ingestionLogger = _loggerFactory.CreateLogger("ingestion");
        var routes = new TopicRoutes(options.Ingestion.Workers);
        StoreFeeder = new StoreFeeder(store, Counters, options.Ingestion.StoreQueueCapacity, _loggerFactory.CreateLogger("store"));
        Ingestor = new MessageIngestor(Hall, Rejections, Counters, StoreFeeder, routes, time, Coordinator.OnAcknowledgement, ingestionLogger);
        Pipeline = new IngestionPipeline(Ingestor, Counters, routes, options.Ingestion, time, ingestionLogger);
    }

    public HallState Hall { get; } = new();

    public RejectionLog Rejections { get; } = new();

    /// <summary>Ingestion counters per topic kind (received, accepted, rejected, dropped), GPU samples and store records.</summary>
    public IngestionCounters Counters { get; } = new();

    public MessageIngestor Ingestor { get; }

    /// <summary>The queues between the broker connection and the ingestor.</summary>
    public IngestionPipeline Pipeline { get; }

    /// <summary>The queue between ingestion and the store.</summary>
    public StoreFeeder StoreFeeder { get; }

    public SetpointCoordinator Coordinator { get; }

    public bool IsConnected => _connection?.IsConnected ?? false;

    /// <summary>Connections to the broker re-established after a loss.</summary>
    public int Reconnects => _connection?.Reconnects ?? 0;

    /// <summary>Connects to the broker at <paramref name="host"/>:<paramref name="port"/> and starts planning.</summary>
    public Task StartAsync(string host, int port, TimeSpan timeout, string? userName = null, string? password = null, bool useTls = false,
        CancellationToken cancellationToken = default) =>
        StartAsync(new BrokerConnectionOptions { Url = $"{(useTls ? "mqtts" : "mqtt")}://{host}:{port}", UserName = userName, Password = password },
            timeout, cancellationToken);

    /// <summary>Connects to the broker (waiting up to <paramref name="timeout"/> for the first connection) and starts planning.</summary>
    public async Task StartAsync(BrokerConnectionOptions broker, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _connection = new MqttConnection(broker, _options.ClientId, Subscriptions, Pipeline.Offer, _loggerFactory.CreateLogger("mqtt"));
        await _connection.StartAsync(timeout, cancellationToken);
        var period = TimeSpan.FromSeconds(_options.PlanningPeriodSeconds);
        _planningTimer = _time.CreateTimer(_ => PlanSafely(), null, period, period);
    }

    /// <summary>The topic filters of contract v1 the supervisor reads (all sites).</summary>
    public static readonly IReadOnlyList<string> Subscriptions =
    [
        "cooling/v1/+/rack/+/telemetry",
        "cooling/v1/+/cdu/+/telemetry",
        "cooling/v1/+/cdu/+/state",
        "cooling/v1/+/cdu/+/event",
        "cooling/v1/+/cdu/+/setpoint/ack",
    ];

    /// <summary>Waits until every message received so far is in the hall state and handed to the store.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await Pipeline.FlushAsync(timeout);
        await StoreFeeder.FlushAsync(deadline - DateTime.UtcNow);
    }

    private void PlanSafely()
    {
        try
        {
            Coordinator.Tick();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Planning round failed; the CDUs keep their leases until they expire");
        }
    }

    // Hands the request to the client (QoS 1, completed in the background); false when there is no connection to send it on.
    private bool Publish(string topic, byte[] payload)
    {
        var connection = _connection;
        if (connection is null || !connection.IsConnected)
        {
            return false;
        }

        _ = connection.PublishAsync(topic, payload);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_planningTimer is not null)
        {
            await _planningTimer.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        await Pipeline.DisposeAsync();
        await StoreFeeder.DisposeAsync();
    }
}
