using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cooling.Supervisor;

/// <summary>
/// The supervisor on one broker: ingestion of rack and CDU messages into the hall state and the store, and a
/// planning round every planning period (on the given <see cref="TimeProvider"/>) that keeps every CDU under a
/// leased setpoint.
/// </summary>
public sealed class SupervisorService : IAsyncDisposable
{
    private readonly SupervisorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private SupervisorMqttClient? _client;
    private ITimer? _planningTimer;

    public SupervisorService(SupervisorOptions options, ISetpointPlanner planner, ITelemetryStore store, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        options.Validate();
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger("supervisor");
        Coordinator = new SetpointCoordinator(Hall, planner, options, time, store, Publish, _loggerFactory.CreateLogger("planner"));
        Ingestor = new MessageIngestor(Hall, Rejections, store, time, Coordinator.OnAcknowledgement, _loggerFactory.CreateLogger("ingestion"));
    }

    public HallState Hall { get; } = new();

    public RejectionLog Rejections { get; } = new();

    public MessageIngestor Ingestor { get; }

    public SetpointCoordinator Coordinator { get; }

    public bool IsConnected => _client?.IsConnected ?? false;

    /// <summary>Connects to the broker at <paramref name="host"/>:<paramref name="port"/> and starts planning.</summary>
    public async Task StartAsync(string host, int port, TimeSpan timeout, string? userName = null, string? password = null, bool useTls = false,
        CancellationToken cancellationToken = default)
    {
        _client = new SupervisorMqttClient(host, port, _options.ClientId, userName, password, useTls, Ingestor.Ingest, _loggerFactory.CreateLogger("mqtt"));
        await _client.StartAsync(timeout, cancellationToken);
        var period = TimeSpan.FromSeconds(_options.PlanningPeriodSeconds);
        _planningTimer = _time.CreateTimer(_ => PlanSafely(), null, period, period);
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
        var client = _client;
        if (client is null || !client.IsConnected)
        {
            return false;
        }

        _ = client.PublishAsync(topic, payload);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_planningTimer is not null)
        {
            await _planningTimer.DisposeAsync();
        }

        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
    }
}
