using Cooling.Supervisor.Ingestion;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// The dcgm-bridge entry point for a host: connects to the broker (reconnecting with backoff), then runs the
/// <see cref="DcgmBridge"/> until stopped. A service hosts it as a background task
/// (<c>await runner.RunAsync(stoppingToken)</c>).
/// </summary>
public sealed class DcgmBridgeRunner(DcgmBridgeOptions options, BrokerConnectionOptions broker, TimeProvider time, ILoggerFactory loggerFactory)
{
    private DcgmBridge? _bridge;

    /// <summary>The running bridge's counters (null before <see cref="RunAsync"/> starts).</summary>
    public DcgmBridgeCounters? Counters => _bridge?.Counters;

    /// <summary>Connects (waiting up to <paramref name="connectTimeout"/> for the first connection) and bridges until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken, TimeSpan? connectTimeout = null)
    {
        options.Validate();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(options.ScrapeTimeoutSeconds) };
        await using var connection = new MqttConnection(broker, new MqttSessionOptions { ClientId = options.ClientId }, loggerFactory.CreateLogger("dcgm-bridge.mqtt"));
        await connection.StartAsync(connectTimeout ?? TimeSpan.FromSeconds(30), cancellationToken);
        _bridge = new DcgmBridge(options, (topic, payload, ct) => connection.PublishAsync(topic, payload, MqttQualityOfServiceLevel.AtMostOnce, cancellationToken: ct),
            time, http, loggerFactory.CreateLogger("dcgm-bridge"));
        await _bridge.RunAsync(cancellationToken);
    }
}
