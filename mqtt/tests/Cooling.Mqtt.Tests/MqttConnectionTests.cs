using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Cooling.Hil.Rig;
using Cooling.Mqtt.Connection;

namespace Cooling.Mqtt.Tests;

/// <summary>The connection on a real mosquitto: the bounded queue, resubscription after an outage, unique client ids.</summary>
public sealed class MqttConnectionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task The_queue_drops_the_oldest_when_full_and_sends_the_rest_once_connected()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var broker = BrokerConnectionOptions.Parse(mosquitto.Url);
        var received = new ConcurrentQueue<string>();
        await using var subscriber = new MqttConnection(broker, new MqttSessionOptions { Subscriptions = ["q/#"] });
        subscriber.MessageReceived += (topic, payload) => received.Enqueue($"{topic}={Encoding.UTF8.GetString(payload.ToArray())}");
        await subscriber.StartAsync(Wait);

        await using var publisher = new MqttConnection(broker, new MqttSessionOptions { QueueCapacity = 2 });
        foreach (var n in new[] { "1", "2", "3" })
        {
            var bytes = Encoding.UTF8.GetBytes(n + "..");
            publisher.Publish("q/n", bytes, 1, 1, false); // never waits, even before a connection
        }

        Assert.Equal(1, publisher.DroppedMessages);
        await publisher.StartAsync(Wait);
        await Until(() => received.Count >= 2);
        Assert.Equal(["q/n=2", "q/n=3"], received);
        Assert.Equal(2, publisher.PublishedMessages);
        Assert.Equal(2, subscriber.ReceivedMessages);
    }

    [Fact]
    public async Task The_retain_flag_says_whether_a_message_is_the_brokers_stored_copy_or_sent_live()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var broker = BrokerConnectionOptions.Parse(mosquitto.Url);
        await using var publisher = new MqttConnection(broker, new MqttSessionOptions());
        await publisher.StartAsync(Wait);
        Assert.True(await publisher.PublishAsync("k/stored", "s"u8.ToArray(), retain: true));

        var received = new ConcurrentQueue<string>();
        await using var subscriber = new MqttConnection(broker, new MqttSessionOptions { Subscriptions = ["k/#"] });
        subscriber.MessageWithRetainReceived += (topic, _, retained) => received.Enqueue($"{topic} retained={retained}");
        await subscriber.StartAsync(Wait);
        await Until(() => !received.IsEmpty);
        Assert.True(await publisher.PublishAsync("k/live", "l"u8.ToArray(), retain: true)); // retained on the broker, but delivered live

        await Until(() => received.Count >= 2);
        Assert.Equal(["k/stored retained=True", "k/live retained=False"], received);
    }

    [Fact]
    public async Task After_an_outage_it_reconnects_subscribes_again_and_says_so()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var broker = BrokerConnectionOptions.Parse(mosquitto.Url);
        var received = new ConcurrentQueue<string>();
        var connections = 0;
        await using var subscriber = new MqttConnection(broker, new MqttSessionOptions { Subscriptions = ["r/#"] });
        subscriber.MessageReceived += (topic, _) => received.Enqueue(topic);
        subscriber.Connected += () => Interlocked.Increment(ref connections);
        await subscriber.StartAsync(Wait);

        await mosquitto.StopAsync();
        await Until(() => !subscriber.IsConnected);
        await mosquitto.RestartAsync();
        await Until(() => subscriber.IsConnected && subscriber.Reconnects == 1);
        Assert.Equal(2, Volatile.Read(ref connections));

        await using var publisher = new MqttConnection(broker, new MqttSessionOptions());
        await publisher.StartAsync(Wait);
        Assert.True(await publisher.PublishAsync("r/after", "x"u8.ToArray()));
        await Until(() => !received.IsEmpty);
        Assert.Equal(["r/after"], received);
    }

    [Fact]
    public async Task Two_connections_without_a_client_id_do_not_push_each_other_off()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var broker = BrokerConnectionOptions.Parse(mosquitto.Url);
        await using var first = new MqttConnection(broker, new MqttSessionOptions());
        await using var second = new MqttConnection(broker, new MqttSessionOptions());
        Assert.NotEqual(first.ClientId, second.ClientId);
        await first.StartAsync(Wait);
        await second.StartAsync(Wait);
        Assert.True(await first.PublishAsync("u/ping", "1"u8.ToArray()));
        Assert.True(first.IsConnected && second.IsConnected);
        Assert.Equal((0, 0), (first.Reconnects, second.Reconnects));
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true in time");
            await Task.Delay(20);
        }
    }
}
