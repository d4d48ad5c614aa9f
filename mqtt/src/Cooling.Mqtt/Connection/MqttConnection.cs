using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;
using Polly;

namespace Cooling.Mqtt.Connection;

/// <summary>Receives one message; the payload is valid only during the call (copy what is kept).</summary>
public delegate void MqttMessageHandler(string topic, ReadOnlySequence<byte> payload);

/// <summary>
/// Receives one message with its MQTT retain flag (true when the broker delivered a stored copy, not a live
/// publication); the payload is valid only during the call.
/// </summary>
public delegate void MqttRetainAwareMessageHandler(string topic, ReadOnlySequence<byte> payload, bool retained);

/// <summary>
/// One MQTTnet client kept connected to a broker (mqtt:// or mqtts://, credentials, CA file, client certificate): it
/// connects with a retained last will, (re)subscribes to its topic filters after every connection, reconnects by the
/// <see cref="ReconnectPolicy"/> when the broker goes away, hands every received message to
/// <see cref="MessageReceived"/> on MQTTnet's receive path, and publishes either from a bounded queue
/// (<see cref="Publish"/>: the caller — a control cycle — never waits on the network; when the queue is full the oldest
/// message is dropped and counted) or awaited (<see cref="PublishAsync"/>). Every wait (backoff, polling, the flush
/// deadline) runs on the <see cref="TimeProvider"/> it is given (the system clock by default).
/// </summary>
public sealed class MqttConnection : IAsyncDisposable
{
    /// <summary>
    /// The default socket read buffer. MQTTnet's default (8 KiB) is smaller than one 72-GPU rack message and costs several
    /// reads per message; 256 KiB takes many messages per read (measured: 61 → 18 µs of processor time per 8 KB message).
    /// </summary>
    public const int ReceiveBufferBytes = 256 * 1024;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan SendRetry = TimeSpan.FromMilliseconds(50);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly MqttClientOptions _options;
    private readonly IReadOnlyList<string> _subscriptions;
    private readonly Channel<MqttApplicationMessage> _outbound;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ResiliencePipeline _reconnect;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private Task? _connectLoop;
    private Task? _sendLoop;
    private long _dropped;
    private long _published;
    private long _received;
    private int _reconnects;

    /// <summary>A connection to <paramref name="broker"/> (checked with <see cref="BrokerConnectionOptions.Resolve"/>); nothing is sent before <see cref="StartAsync"/>.</summary>
    public MqttConnection(BrokerConnectionOptions broker, MqttSessionOptions session, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        Broker = broker.Resolve();
        ClientId = session.ClientId ?? MqttSessionOptions.UniqueClientId("cooling");
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _subscriptions = [.. session.Subscriptions];
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(Broker.Host, Broker.Port)
            .WithClientId(ClientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(broker.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(broker.TimeoutSeconds));
        if (Broker.UserName is not null) builder.WithCredentials(Broker.UserName, Broker.Password);
        if (Broker.UseTls) builder.WithTlsOptions(MqttTls.For(broker));
        if (session.WillTopic is not null && session.WillPayload is not null)
        {
            builder.WithWillTopic(session.WillTopic).WithWillPayload(session.WillPayload)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithWillRetain();
        }

        _options = builder.Build();
        ((MqttClientTcpOptions)_options.ChannelOptions).BufferSize = session.ReceiveBufferBytes;
        _reconnect = ReconnectPolicy.Create(_time, _logger, ClientId, _stopping.Token);
        _outbound = Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(session.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _client.ApplicationMessageReceivedAsync += e =>
        {
            MessageReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            MessageWithRetainReceived?.Invoke(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload, e.ApplicationMessage.Retain);
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    /// <summary>Raised on the network thread for every message on a subscribed topic; must not block (copy and queue).</summary>
    public event MqttMessageHandler? MessageReceived;

    /// <summary>As <see cref="MessageReceived"/>, with the message's retain flag (a receiver that must not act on stored messages checks it).</summary>
    public event MqttRetainAwareMessageHandler? MessageWithRetainReceived;

    /// <summary>Raised after every successful (re)connection and subscription.</summary>
    public event Action? Connected;

    /// <summary>The broker (without its password when printed).</summary>
    public BrokerAddress Broker { get; }

    /// <summary>The MQTT client id.</summary>
    public string ClientId { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages dropped because the outbound queue was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages of the outbound queue handed to the broker.</summary>
    public long PublishedMessages => Interlocked.Read(ref _published);

    /// <summary>Messages received on subscribed topics (counted after the handler ran).</summary>
    public long ReceivedMessages => Interlocked.Read(ref _received);

    /// <summary>Successful connections after the first.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>Connects (waiting for the first connection up to <paramref name="timeout"/>) and keeps the connection up.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var firstConnection = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectLoop = Task.Run(() => KeepConnectedAsync(firstConnection), CancellationToken.None);
        _sendLoop = Task.Run(SendQueuedAsync, CancellationToken.None);
        await firstConnection.Task.WaitAsync(timeout, cancellationToken);
    }

    /// <summary>Queues a message; copies <paramref name="length"/> bytes of <paramref name="payload"/>. Never blocks.</summary>
    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.AsSpan(0, length).ToArray())
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qualityOfService)
            .WithRetainFlag(retain)
            .Build();
        _outbound.Writer.TryWrite(message);
    }

    /// <summary>Publishes now (not through the queue); false when not connected or the broker refused it.</summary>
    public async Task<bool> PublishAsync(string topic, ReadOnlyMemory<byte> payload, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce,
        bool retain = false, CancellationToken cancellationToken = default)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(new ReadOnlySequence<byte>(payload))
                .WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build();
            var result = await _client.PublishAsync(message, cancellationToken);
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
        {
            _logger.LogWarning("{Client}: publish to {Topic} failed: {Reason}", ClientId, topic, ex.Message);
            return false;
        }
    }

    private async Task KeepConnectedAsync(TaskCompletionSource firstConnection)
    {
        var connectedOnce = false;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                if (!_client.IsConnected)
                {
                    await _reconnect.ExecuteAsync(ConnectAndSubscribeAsync, _stopping.Token);
                    if (connectedOnce)
                    {
                        Interlocked.Increment(ref _reconnects);
                        _logger.LogInformation("{Client} reconnected to {Broker}", ClientId, Broker);
                    }

                    connectedOnce = true;
                    Connected?.Invoke();
                    firstConnection.TrySetResult();
                }

                await Task.Delay(Poll, _time, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async ValueTask ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            await _client.ConnectAsync(_options, cancellationToken);
        }

        if (_subscriptions.Count > 0)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder();
            foreach (var filter in _subscriptions)
            {
                subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
            }

            await _client.SubscribeAsync(subscribe.Build(), cancellationToken);
        }
    }

    private async Task SendQueuedAsync()
    {
        var reader = _outbound.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token))
            {
                while (reader.TryPeek(out var message))
                {
                    if (!_client.IsConnected)
                    {
                        await Task.Delay(SendRetry, _time, _stopping.Token);
                        continue;
                    }

                    try
                    {
                        await _client.PublishAsync(message, _stopping.Token);
                        reader.TryRead(out _);
                        Interlocked.Increment(ref _published);
                    }
                    catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or InvalidOperationException)
                    {
                        await Task.Delay(SendRetry, _time, _stopping.Token);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Flushes what is queued (up to <paramref name="timeout"/>), then disconnects cleanly (no last will).</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        var started = _time.GetTimestamp();
        while (_outbound.Reader.Count > 0 && _client.IsConnected && _time.GetElapsedTime(started) < timeout)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), _time);
        }

        await _stopping.CancelAsync();
        if (_connectLoop is not null) await _connectLoop;
        if (_sendLoop is not null) await _sendLoop;
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build());
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(TimeSpan.FromSeconds(1));
        }

        _client.Dispose();
        _stopping.Dispose();
    }
}
