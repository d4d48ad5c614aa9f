using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// The baseline: an MQTTnet client subscribed to all rack telemetry that only counts the messages it receives — or,
/// given a handler, runs it on each payload first (the JSON DOM handler the supervisor is compared with).
/// </summary>
public sealed class CountingSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private long _received;

    private CountingSubscriber(Action<ReadOnlySequence<byte>>? handler)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            handler?.Invoke(e.ApplicationMessage.Payload);
            Interlocked.Increment(ref _received);
            return Task.CompletedTask;
        };
    }

    public long Received => Interlocked.Read(ref _received);

    public static async Task<CountingSubscriber> StartAsync(string host, int port, string topicFilter, Action<ReadOnlySequence<byte>>? handler = null)
    {
        var subscriber = new CountingSubscriber(handler);
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId(handler is null ? "bench-bare-subscriber" : "bench-dom-subscriber")
            .WithCleanSession().Build();
        ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = MqttConnection.ReceiveBufferBytes; // as the supervisor's connection
        await subscriber._client.ConnectAsync(options);
        await subscriber._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topicFilter, MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return subscriber;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
