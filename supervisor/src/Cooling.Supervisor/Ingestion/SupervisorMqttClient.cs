using System.Buffers;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// The supervisor's broker connection: subscribes to the contract's rack and CDU topics, hands every message
/// to a handler, publishes setpoint requests (QoS 1), and reconnects with exponential backoff (0.5 s doubling
/// to 10 s) when the broker goes away.
/// </summary>
public sealed class SupervisorMqttClient : IAsyncDisposable
{
    /// <summary>The topic filters of contract v1 the supervisor reads (all sites).</summary>
    public static readonly string[] Subscriptions =
    [
        "cooling/v1/+/rack/+/telemetry",
        "cooling/v1/+/cdu/+/telemetry",
        "cooling/v1/+/cdu/+/state",
        "cooling/v1/+/cdu/+/event",
        "cooling/v1/+/cdu/+/setpoint/ack",
    ];

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private Task? _connectLoop;
    private long _received;
    private int _reconnects;

    public SupervisorMqttClient(string host, int port, string clientId, string? userName, string? password, bool useTls,
        MessageHandler handler, ILogger logger)
    {
        _logger = logger;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (userName is not null) builder.WithCredentials(userName, password);
        if (useTls) builder.WithTlsOptions(o => o.UseTls());
        _options = builder.Build();
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Interlocked.Increment(ref _received);
            var payload = e.ApplicationMessage.Payload;
            if (payload.IsSingleSegment)
            {
                handler(e.ApplicationMessage.Topic, payload.FirstSpan);
            }
            else
            {
                handler(e.ApplicationMessage.Topic, payload.ToArray());
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Handles one received message on the client's receive thread.</summary>
    public delegate void MessageHandler(string topic, ReadOnlySpan<byte> payload);

    public bool IsConnected => _client.IsConnected;

    public long Received => Interlocked.Read(ref _received);

    public int Reconnects => _reconnects;

    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectLoop = Task.Run(() => KeepConnectedAsync(first), CancellationToken.None);
        await first.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Publishes at QoS 1; false when not connected or the broker refused it.</summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            _logger.LogWarning("Publish to {Topic} failed: {Reason}", topic, ex.Message);
            return false;
        }
    }

    private async Task KeepConnectedAsync(TaskCompletionSource first)
    {
        var delay = TimeSpan.FromMilliseconds(500);
        var connectedOnce = false;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_options, _stopping.Token);
                    var subscribe = new MqttClientSubscribeOptionsBuilder();
                    foreach (var filter in Subscriptions)
                    {
                        subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                    }

                    await _client.SubscribeAsync(subscribe.Build(), _stopping.Token);
                    if (connectedOnce)
                    {
                        Interlocked.Increment(ref _reconnects);
                        _logger.LogInformation("Supervisor reconnected to the broker");
                    }

                    connectedOnce = true;
                    delay = TimeSpan.FromMilliseconds(500);
                    first.TrySetResult();
                }

                await Task.Delay(200, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                _logger.LogWarning("Broker unreachable ({Reason}); retrying in {Delay}", ex.Message, delay);
                try
                {
                    await Task.Delay(delay, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_connectLoop is not null) await _connectLoop;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }

        _client.Dispose();
        _stopping.Dispose();
    }
}
