using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cdu.Firmware.Host.Tests.Support;

/// <summary>One message a test client received, with the time it arrived.</summary>
public sealed record Received(string Topic, string Payload, bool Retained, TimeSpan At)
{
    public JsonElement Json => JsonDocument.Parse(Payload).RootElement;
}

/// <summary>
/// A test's MQTT client (MQTTnet): subscribes, keeps every message it receives in order, publishes, and waits for a
/// message that matches a condition.
/// </summary>
public sealed class RigClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private RigClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            var bytes = System.Buffers.BuffersExtensions.ToArray(payload);
            _received.Enqueue(new Received(e.ApplicationMessage.Topic, Encoding.UTF8.GetString(bytes),
                e.ApplicationMessage.Retain, _clock.Elapsed));
            return Task.CompletedTask;
        };
    }

    public TimeSpan Now => _clock.Elapsed;

    public IReadOnlyList<Received> Messages => _received.ToArray();

    public static async Task<RigClient> ConnectAsync(int port, string clientId, params string[] subscriptions)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(clientId).WithCleanSession().Build());
        var rig = new RigClient(client);
        foreach (var topic in subscriptions)
        {
            await client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        return rig;
    }

    public Task PublishAsync(string topic, string payload, int qos = 0, bool retain = false, CancellationToken cancellationToken = default) =>
        _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload))
            .WithQualityOfServiceLevel((MqttQualityOfServiceLevel)qos).WithRetainFlag(retain).Build(), cancellationToken);

    /// <summary>Waits for the first message on <paramref name="topic"/> received at or after <paramref name="since"/> that <paramref name="match"/> accepts.</summary>
    public async Task<Received> WaitForAsync(string topic, Func<JsonElement, bool> match, TimeSpan timeout, TimeSpan? since = null, string? what = null)
    {
        var deadline = _clock.Elapsed + timeout;
        var from = since ?? TimeSpan.Zero;
        while (true)
        {
            foreach (var m in _received)
            {
                if (m.Topic == topic && m.At >= from && match(m.Json))
                {
                    return m;
                }
            }

            if (_clock.Elapsed > deadline)
            {
                var last = _received.Where(m => m.Topic == topic).TakeLast(3).Select(m => m.Payload);
                throw new TimeoutException($"no message on {topic} {what ?? "matching"} within {timeout.TotalSeconds} s; last ones:\n{string.Join("\n", last)}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
