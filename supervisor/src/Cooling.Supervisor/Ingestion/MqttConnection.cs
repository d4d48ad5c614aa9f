using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// One MQTTnet 5 client kept connected to a broker (mqtt:// or mqtts://, credentials, CA file or untrusted
/// certificates): subscribes to its topic filters after every (re)connection, hands every received message to a
/// handler on MQTTnet's receive path, publishes, and reconnects with <see cref="ReconnectBackoff"/> when the broker
/// goes away. Waits take time from the given clock (real time for a network connection).
/// </summary>
public sealed class MqttConnection : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly IReadOnlyList<string> _subscriptions;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly BrokerEndpoint _endpoint;
    private Task? _connectLoop;
    private long _received;
    private int _reconnects;

    /// <param name="handler">Called for every received message on MQTTnet's receive path; must not block (copy and queue).</param>
    public MqttConnection(BrokerConnectionOptions broker, string clientId, IReadOnlyList<string> subscriptions, MessageReceived? handler,
        ILogger logger, TimeProvider? clock = null)
    {
        _endpoint = broker.Resolve();
        _subscriptions = subscriptions;
        _clock = clock ?? TimeProvider.System;
        _logger = logger;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_endpoint.Host, _endpoint.Port)
            .WithClientId(clientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(broker.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(broker.TimeoutSeconds));
        if (_endpoint.UserName is not null) builder.WithCredentials(_endpoint.UserName, _endpoint.Password);
        if (_endpoint.UseTls) builder.WithTlsOptions(Tls(broker));
        _options = builder.Build();
        if (handler is not null)
        {
            _client.ApplicationMessageReceivedAsync += e =>
            {
                Interlocked.Increment(ref _received);
                handler(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
                return Task.CompletedTask;
            };
        }
    }

    /// <summary>Receives one message; the payload is valid only during the call.</summary>
    public delegate void MessageReceived(string topic, ReadOnlySequence<byte> payload);

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages received since start.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Connections re-established after a loss.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    public BrokerEndpoint Endpoint => _endpoint;

    /// <summary>Starts the connection loop and waits for the first connection (or the timeout).</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectLoop = Task.Run(() => KeepConnectedAsync(first), CancellationToken.None);
        await first.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Publishes; false when not connected or the broker refused it.</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(new ReadOnlySequence<byte>(payload))
                .WithQualityOfServiceLevel(qos).Build();
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            _logger.LogWarning("Publish to {Topic} failed: {Reason}", topic, ex.Message);
            return false;
        }
    }

    private static MqttClientTlsOptions Tls(BrokerConnectionOptions broker)
    {
        var tls = new MqttClientTlsOptionsBuilder().UseTls();
        if (broker.CaCertificatePath is not null)
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(broker.CaCertificatePath);
            if (authorities.Count == 0)
            {
                throw new ArgumentException($"CaCertificatePath '{broker.CaCertificatePath}' holds no PEM certificate.");
            }

            tls.WithTrustChain(authorities);
        }

        if (broker.AllowUntrustedCertificates)
        {
            tls.WithAllowUntrustedCertificates().WithIgnoreCertificateChainErrors().WithIgnoreCertificateRevocationErrors()
                .WithCertificateValidationHandler(_ => true);
        }

        return tls.Build();
    }

    private async Task KeepConnectedAsync(TaskCompletionSource first)
    {
        var backoff = new ReconnectBackoff();
        var connectedOnce = false;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _client.ConnectAsync(_options, _stopping.Token);
                    if (_subscriptions.Count > 0)
                    {
                        var subscribe = new MqttClientSubscribeOptionsBuilder();
                        foreach (var filter in _subscriptions)
                        {
                            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
                        }

                        await _client.SubscribeAsync(subscribe.Build(), _stopping.Token);
                    }

                    if (connectedOnce)
                    {
                        Interlocked.Increment(ref _reconnects);
                        _logger.LogInformation("Reconnected to the broker {Broker}", _endpoint);
                    }

                    connectedOnce = true;
                    backoff.Succeeded();
                    first.TrySetResult();
                }

                await Task.Delay(Poll, _clock, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException
                                           or System.Security.Authentication.AuthenticationException)
            {
                var wait = backoff.Failed();
                _logger.LogWarning("Broker {Broker} unreachable ({Reason}); retrying in {Delay}", _endpoint, ex.Message, wait);
                try
                {
                    await Task.Delay(wait, _clock, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
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
