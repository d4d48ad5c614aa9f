using System.Buffers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cdu.Firmware.Host;

/// <summary>
/// A device's connection to its broker: connects with a retained last will, (re)subscribes, reconnects with
/// exponential backoff (0.5 s doubling to 10 s) when the broker goes away, and publishes from a bounded queue
/// so that a caller (the control cycle) never waits on the network. When the queue is full the oldest
/// message is dropped and counted. Every wait (backoff, polling, the flush deadline) runs on the
/// <see cref="TimeProvider"/> it is given (the system clock by default).
/// </summary>
public sealed class MqttConnection : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string[] _subscriptions;
    private readonly Channel<MqttApplicationMessage> _outbound;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly TimeProvider _time;
    private Task? _connectLoop;
    private Task? _sendLoop;
    private long _dropped;
    private long _published;
    private long _received;
    private int _reconnects;

    public MqttConnection(BrokerAddress broker, string clientId, string? willTopic, byte[]? willPayload,
        IReadOnlyList<string> subscriptions, ILogger? logger = null, int queueCapacity = 10_000, TimeProvider? timeProvider = null)
    {
        _name = clientId;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _subscriptions = [.. subscriptions];
        _client = new MqttClientFactory().CreateMqttClient();
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(clientId)
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(TimeSpan.FromSeconds(5));
        if (broker.UserName is not null)
        {
            builder.WithCredentials(broker.UserName, broker.Password);
        }

        if (broker.UseTls)
        {
            builder.WithTlsOptions(o => o.UseTls());
        }

        if (willTopic is not null && willPayload is not null)
        {
            builder.WithWillTopic(willTopic).WithWillPayload(willPayload)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).WithWillRetain();
        }

        _options = builder.Build();
        _outbound = Channel.CreateBounded<MqttApplicationMessage>(new BoundedChannelOptions(queueCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            var bytes = payload.IsSingleSegment ? payload.FirstSpan.ToArray() : payload.ToArray();
            MessageReceived?.Invoke(e.ApplicationMessage.Topic, bytes);
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    /// <summary>Raised on the network thread for every message on a subscribed topic.</summary>
    public event Action<string, byte[]>? MessageReceived;

    /// <summary>Raised after every successful (re)connection and subscription.</summary>
    public event Action? Connected;

    public bool IsConnected => _client.IsConnected;

    /// <summary>Messages dropped because the outbound queue was full.</summary>
    public long DroppedMessages => Interlocked.Read(ref _dropped);

    /// <summary>Messages handed to the broker.</summary>
    public long PublishedMessages => Interlocked.Read(ref _published);

    /// <summary>Messages received on subscribed topics (counted after the handler ran).</summary>
    public long ReceivedMessages => Interlocked.Read(ref _received);

    /// <summary>Successful connections after the first.</summary>
    public int Reconnects => _reconnects;

    /// <summary>Connects (waiting for the first connection up to <paramref name="timeout"/>) and keeps the connection up.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var firstConnection = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connectLoop = Task.Run(() => KeepConnectedAsync(firstConnection), CancellationToken.None);
        _sendLoop = Task.Run(SendAsync, CancellationToken.None);
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

    private async Task KeepConnectedAsync(TaskCompletionSource firstConnection)
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
                    foreach (var topic in _subscriptions)
                    {
                        await _client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce, _stopping.Token);
                    }

                    if (connectedOnce)
                    {
                        Interlocked.Increment(ref _reconnects);
                        _logger.LogInformation("{Client} reconnected", _name);
                    }

                    connectedOnce = true;
                    delay = TimeSpan.FromMilliseconds(500);
                    Connected?.Invoke();
                    firstConnection.TrySetResult();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(200), _time, _stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or InvalidOperationException)
            {
                _logger.LogWarning("{Client}: broker unreachable ({Reason}); retrying in {Delay}", _name, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, _time, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private async Task SendAsync()
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
                        await Task.Delay(TimeSpan.FromMilliseconds(50), _time, _stopping.Token);
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
                        await Task.Delay(TimeSpan.FromMilliseconds(50), _time, _stopping.Token);
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
