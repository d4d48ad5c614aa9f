using System.Collections.Concurrent;
using Cooling.Models;
using Cooling.Testing;
using Cooling.Twin;
using Cooling.Twin.Cli;
using Cooling.Twin.Hall;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using Cooling.Mqtt.Connection;

namespace Cooling.Models.Tests.Twin;

/// <summary><c>cooling-twin run --broker</c>: the hall's CDUs and rack agents publish on a real mosquitto like devices.</summary>
public sealed class TwinOnBrokerTests
{
    [Fact]
    public async Task Run_on_a_broker_publishes_birth_telemetry_and_rack_telemetry_of_every_CDU()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var received = new ConcurrentQueue<(string Topic, bool Retained)>();
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("watcher").Build());
        await client.SubscribeAsync("cooling/v1/t1/#");
        using var output = new StringWriter();
        using var error = new StringWriter();

        // 36 plant seconds at 20× real time.
        var exit = await TwinCli.RunAsync(["run", "--broker", broker.Url, "--site", "t1", "--cdus", "2", "--racks", "1", "--plant-hours", "0.01", "--speed", "20"], output, error);

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("on broker mqtt://127.0.0.1:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("│ cdu2", output.ToString(), StringComparison.Ordinal);
        await Task.Delay(500); // the last messages in flight
        var topics = received.Select(m => m.Topic).ToList();
        foreach (var cdu in new[] { "cdu1", "cdu2" })
        {
            Assert.Contains($"cooling/v1/t1/cdu/{cdu}/state", topics);
            var telemetry = topics.Count(t => t == $"cooling/v1/t1/cdu/{cdu}/telemetry");
            Assert.InRange(telemetry, 30, 40); // 1 Hz of plant time
            var racks = topics.Count(t => t == $"cooling/v1/t1/rack/{cdu}-r01/telemetry");
            Assert.InRange(racks, 30, 40);
        }

        Assert.Contains("Rack telemetry messages published: ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Plant time 0.01 h in", output.ToString(), StringComparison.Ordinal); // 36 s, however late the last catch-up came
    }

    [Fact]
    public async Task A_late_catch_up_ends_on_the_plant_time_it_is_given_rounded_up_to_a_whole_step()
    {
        var time = new FakeTimeProvider();
        var description = new HallDescription { SiteId = "t1", Loop = LoopSizing.ForRacks(1), Workload = Workloads.Constant(0.3), SettleSeconds = 0 };
        await using var twin = new SimulatedHall(description, BrokerConnectionOptions.Parse("mqtt://127.0.0.1:1"), time); // never started: nothing is sent

        time.Advance(TimeSpan.FromSeconds(10)); // a caller 10 s late …
        twin.CatchUp(TimeSpan.FromSeconds(3.05)); // … of a run that ends at 3.05 s of plant time
        Assert.Equal(TimeSpan.FromSeconds(3.1), twin.PlantTime);

        twin.CatchUp();
        Assert.Equal(TimeSpan.FromSeconds(10), twin.PlantTime);
    }
}
