using System.Diagnostics;
using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Cooling.Mqtt.Connection;
using Cooling.Mqtt.Topics;

namespace Cooling.Supervisor;

/// <summary>
/// The supervisor on one broker: ingestion of rack and CDU messages into the hall state and the store (through
/// bounded queues, see <see cref="IngestionPipeline"/>), and a planning round every planning period (on the given
/// <see cref="TimeProvider"/>) that keeps every CDU under a leased setpoint, and an alarm pass every evaluation period.
/// Built without connecting; <see cref="StartAsync(BrokerConnectionOptions, TimeSpan, CancellationToken)"/> starts the
/// timers and connects, <see cref="StopAsync"/> stops them (a host calls both from its hosted service).
/// </summary>
public sealed class SupervisorService : IAsyncDisposable
{
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private MqttConnection? _connection;
    private ITimer? _planningTimer;
    private ITimer? _alarmTimer;

    public SupervisorService(SupervisorOptions options, ISetpointPlanner planner, ITelemetryStore store, TimeProvider time, ILoggerFactory? loggerFactory = null,
        AlarmOptions? alarmOptions = null, IAlarmHistory? alarmHistory = null)
    {
        options.Validate();
        alarmOptions ??= new AlarmOptions();
        if (alarmOptions.Validate("Alarms") is [var first, ..]) throw new ArgumentException(first);
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("supervisor");
        var ingestionLogger = _loggerFactory.CreateLogger("ingestion");
        var routes = new TopicRoutes(options.Ingestion.Workers);
        StoreFeeder = new StoreFeeder(store, Counters, options.Ingestion.StoreQueueCapacity, _loggerFactory.CreateLogger("store"),
            TimeSpan.FromMilliseconds(options.Ingestion.StoreBatchMilliseconds));
        // The planner's requests reach the store through the same queue: a slow store holds up no planning round.
        Coordinator = new SetpointCoordinator(Hall, planner, options, time, StoreFeeder.Queued, Publish, _loggerFactory.CreateLogger("planner"));
        Ingestor = new MessageIngestor(Hall, Rejections, Counters, StoreFeeder, routes, time, OnAcknowledgement, ingestionLogger);
        Pipeline = new IngestionPipeline(Ingestor, Counters, routes, options.Ingestion, time, ingestionLogger);
        var alarmEngine = new AlarmEngine(alarmOptions, alarmHistory ?? new MemoryAlarmHistory(), time, _loggerFactory.CreateLogger("alarms"));
        alarmEngine.RestoreFromHistory(); // alarms active when the supervisor last stopped are open again, acknowledgements kept
        Alarms = new HallAlarmRules(Hall, alarmEngine, time, options.SilenceSeconds, Coordinator.Trust);
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

    /// <summary>The alarm rules and, through <see cref="HallAlarmRules.Engine"/>, the open alarms and their history.</summary>
    public HallAlarmRules Alarms { get; }

    /// <summary>Acknowledgements received, per status (accepted, clamped, rejected).</summary>
    public AcknowledgementCounts Acknowledgements { get; } = new();

    /// <summary>Raised after every planning round with its duration and the decisions it made.</summary>
    public event Action<PlanningRoundReport>? PlanningRoundCompleted;

    public bool IsConnected => _connection?.IsConnected ?? false;

    /// <summary>Connections to the broker re-established after a loss.</summary>
    public int Reconnects => _connection?.Reconnects ?? 0;

    /// <summary>Connects to the broker at <paramref name="host"/>:<paramref name="port"/> and starts planning.</summary>
    public Task StartAsync(string host, int port, TimeSpan timeout, string? userName = null, string? password = null, bool useTls = false,
        CancellationToken cancellationToken = default) =>
        StartAsync(new BrokerConnectionOptions { Url = $"{(useTls ? "mqtts" : "mqtt")}://{host}:{port}", UserName = userName, Password = password },
            timeout, cancellationToken);

    /// <summary>
    /// Starts planning and alarm evaluation and connects to the broker; throws <see cref="TimeoutException"/> when the
    /// first connection takes longer than <paramref name="timeout"/> (the connection keeps trying; <see cref="StopAsync"/> ends it).
    /// </summary>
    public async Task StartAsync(BrokerConnectionOptions broker, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        _connection = new MqttConnection(broker, new MqttSessionOptions { ClientId = _options.ClientId, Subscriptions = Subscriptions },
            _loggerFactory.CreateLogger("mqtt"));
        _connection.MessageReceived += Pipeline.Offer;
        var period = TimeSpan.FromSeconds(_options.PlanningPeriodSeconds);
        _planningTimer = _time.CreateTimer(_ => PlanSafely(), null, period, period);
        var alarmPeriod = TimeSpan.FromSeconds(Alarms.Engine.Options.EvaluationPeriodSeconds);
        _alarmTimer = _time.CreateTimer(_ => EvaluateAlarmsSafely(), null, alarmPeriod, alarmPeriod);
        await _connection.StartAsync(timeout, cancellationToken);
    }

    /// <summary>Stops planning and alarm evaluation and leaves the broker. The CDUs keep their leases until they expire.</summary>
    public async Task StopAsync()
    {
        if (_planningTimer is not null)
        {
            await _planningTimer.DisposeAsync();
            _planningTimer = null;
        }

        if (_alarmTimer is not null)
        {
            await _alarmTimer.DisposeAsync();
            _alarmTimer = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>
    /// The topic filters of contract v1 the supervisor reads: for each of <see cref="SupervisorOptions.SiteIds"/>, or for
    /// every site (<c>+</c>) when none is configured. A broker enforcing identities (docs/security.md) lets the supervisor
    /// read its own sites only, so a supervisor with a broker identity names its sites.
    /// </summary>
    public IReadOnlyList<string> Subscriptions => SubscriptionsFor(_options.SiteIds);

    /// <summary>The filters for these sites (<c>+</c>: all sites when the list is empty).</summary>
    public static IReadOnlyList<string> SubscriptionsFor(IReadOnlyList<string> siteIds) =>
    [
        .. (siteIds.Count == 0
            ? new[]
            {
                ContractTopics.AllRackTelemetry,
                ContractTopics.AllCdus(CduLeaf.Telemetry),
                ContractTopics.AllCdus(CduLeaf.State),
                ContractTopics.AllCdus(CduLeaf.Event),
                ContractTopics.AllCdus(CduLeaf.SetpointAcknowledgement),
            }
            : siteIds.SelectMany(site => new[]
            {
                ContractTopics.AllRackTelemetryOf(site),
                ContractTopics.AllCdusOf(site, CduLeaf.Telemetry),
                ContractTopics.AllCdusOf(site, CduLeaf.State),
                ContractTopics.AllCdusOf(site, CduLeaf.Event),
                ContractTopics.AllCdusOf(site, CduLeaf.SetpointAcknowledgement),
            })),
    ];

    /// <summary>Waits until every message received so far is in the hall state and handed to the store.</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await Pipeline.FlushAsync(timeout);
        await StoreFeeder.FlushAsync(deadline - DateTime.UtcNow);
    }

    private void OnAcknowledgement(CduView cdu, SetpointAcknowledgement acknowledgement)
    {
        Acknowledgements.Count(acknowledgement.Status);
        Coordinator.OnAcknowledgement(cdu, acknowledgement);
    }

    private void PlanSafely()
    {
        try
        {
            var cdus = Hall.Cdus;
            var before = new SetpointRequestRecord?[cdus.Count];
            var i = 0;
            foreach (var cdu in cdus) before[i++] = cdu.LastRequest;
            var started = Stopwatch.GetTimestamp();
            Coordinator.Tick();
            var duration = Stopwatch.GetElapsedTime(started);
            var latencies = new List<TimeSpan>();
            i = 0;
            foreach (var cdu in cdus)
            {
                lock (cdu.Gate)
                {
                    if (cdu.LastRequest is { } sent && !ReferenceEquals(sent, before[i]) && cdu.Telemetry is not null)
                    {
                        latencies.Add(sent.SentAt - cdu.TelemetryReceivedAt);
                    }
                }

                i++;
            }

            PlanningRoundCompleted?.Invoke(new PlanningRoundReport(duration, latencies));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Planning round failed; the CDUs keep their leases until they expire");
        }
    }

    private void EvaluateAlarmsSafely()
    {
        try
        {
            Alarms.Evaluate();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _logger.LogError(ex, "Alarm evaluation failed; the open alarms stand as they were");
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
        await StopAsync();
        await Pipeline.DisposeAsync();
        await StoreFeeder.DisposeAsync();
    }
}

/// <summary>
/// One planning round: its wall-clock duration, and for each request it sent the age of the CDU's telemetry the
/// decision was made on (on the supervisor's clock) — the telemetry-to-decision latency.
/// </summary>
public sealed record PlanningRoundReport(TimeSpan Duration, IReadOnlyList<TimeSpan> DecisionLatencies);

/// <summary>Setpoint acknowledgements counted by status.</summary>
public sealed class AcknowledgementCounts
{
    private long _accepted;
    private long _clamped;
    private long _rejected;

    public long Accepted => Interlocked.Read(ref _accepted);

    public long Clamped => Interlocked.Read(ref _clamped);

    public long Rejected => Interlocked.Read(ref _rejected);

    internal void Count(string status)
    {
        switch (status)
        {
            case "accepted": Interlocked.Increment(ref _accepted); break;
            case "clamped": Interlocked.Increment(ref _clamped); break;
            case "rejected": Interlocked.Increment(ref _rejected); break;
        }
    }
}
