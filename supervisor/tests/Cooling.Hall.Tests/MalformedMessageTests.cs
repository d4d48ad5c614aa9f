using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Cooling.Models;
using Cooling.Twin;
using MQTTnet;
using MQTTnet.Protocol;
using Cooling.Mqtt.Connection;

namespace Cooling.Hall.Tests;

/// <summary>
/// Malformed messages sent over a real broker into a running hall: each is refused with a reason and counted —
/// the setpoint request with an error acknowledgement — and nothing crashes or moves.
/// </summary>
public sealed class MalformedMessageTests
{
    [Theory]
    [InlineData("embedded")]
    [InlineData("mosquitto")]
    public async Task Malformed_telemetry_and_a_malformed_setpoint_request_are_rejected_counted_and_answered(string broker)
    {
        await using var harness = await HallHarness.StartAsync(broker, new HallOptions { SupplyTemperatureCelsius = 31, RacksPerCdu = 2 },
            Workloads.Constant(0.5));
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        var supervisor = harness.Hall.Supervisor;
        var controller = harness.Hall.Twin.Loops[0].Cdu.Controller;
        var topics = controller.Topics;
        var targetBefore = controller.TargetSupplySetpointCelsius;
        var acknowledgements = new ConcurrentQueue<JsonElement>();

        // Each sender signs in as the identity that may publish its topic (on the hall's own broker): bad input from a
        // faulty but authenticated client.
        var address = harness.Hall.BrokerAddress;
        var clients = new List<IMqttClient>();
        async Task<IMqttClient> Connect(string identity)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            clients.Add(client);
            var options = new MqttClientOptionsBuilder().WithTcpServer(address.Host, address.Port).WithClientId($"faulty-{identity}");
            if (harness.Hall.Credentials is { } credentials) options = options.WithCredentials(identity, credentials.Password(identity));
            await client.ConnectAsync(options.Build());
            return client;
        }

        using var cleanUp = new ClientsDisposal(clients);
        var supervisorClient = await Connect(HallCredentials.SupervisorName);
        supervisorClient.ApplicationMessageReceivedAsync += e =>
        {
            acknowledgements.Enqueue(JsonDocument.Parse(e.ApplicationMessage.ConvertPayloadToString()).RootElement.Clone());
            return Task.CompletedTask;
        };
        await supervisorClient.SubscribeAsync(topics.SetpointAcknowledgement, MqttQualityOfServiceLevel.AtLeastOnce);
        var rackAgent = await Connect(HallCredentials.RackAgentName);
        var cduClient = await Connect(harness.Hall.Twin.Loops[0].CduId);

        static async Task Send(IMqttClient client, string topic, string payload) => await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        var rackTopic = SimulatedHall.RackTelemetryTopic(harness.Hall.Twin.SiteId, "cdu1-r01");
        await Send(rackAgent, rackTopic, """{"v":1,"seq":1,"gpus":[{"index":0,"temperatureCelsius":"very hot"}]}""");
        await Send(cduClient, topics.Telemetry, "{\"v\":1,\"seq\":");
        await Send(supervisorClient, topics.SetpointRequest, """{"v":1,"seq":"ninety","leaseSeconds":30,"supplyTemperatureCelsius":12}""");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (supervisor.Rejections.Total < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await harness.RunAsync(TimeSpan.FromSeconds(5));
        while (!acknowledgements.Any(a => a.GetProperty("status").GetString() == "rejected") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, supervisor.Rejections.Total);
        Assert.Contains(supervisor.Rejections.Recent, r => r.Topic == rackTopic && r.Reason.StartsWith("gpus[0].temperatureCelsius", StringComparison.Ordinal));
        Assert.Contains(supervisor.Rejections.Recent, r => r.Topic == topics.Telemetry && r.Reason.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Equal(1, controller.RejectedMessages);
        var refusal = Assert.Single(acknowledgements, a => a.GetProperty("status").GetString() == "rejected");
        Assert.Equal(-1, refusal.GetProperty("seq").GetInt64());
        Assert.StartsWith("missing or invalid seq", refusal.GetProperty("reason").GetString());
        Assert.Equal(targetBefore, controller.TargetSupplySetpointCelsius);
        Assert.Equal(31, controller.TargetSupplySetpointCelsius);
        Assert.Equal(72, supervisor.Hall.Racks.First().Telemetry.GpuCount);
        Assert.Equal("supervisor", supervisor.Hall.Cdus.Single().Telemetry!.SetpointSource);
    }
}

/// <summary>Disposes the test's MQTT clients.</summary>
internal sealed class ClientsDisposal(List<IMqttClient> clients) : IDisposable
{
    public void Dispose() => clients.ForEach(c => c.Dispose());
}
