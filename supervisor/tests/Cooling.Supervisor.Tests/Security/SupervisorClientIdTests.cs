using Cooling.Mqtt.Connection;
using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Time.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>
/// Two supervisors signed in as the same identity, each with the default client id (a standby next to the active one,
/// or one started by mistake): neither pushes the other off the broker, because the default client id is unique per instance.
/// </summary>
public sealed class SupervisorClientIdTests
{
    [Fact]
    public async Task A_second_supervisor_with_the_default_client_id_does_not_push_the_first_off()
    {
        const string password = "the supervisor's password";
        var policy = new BrokerAccessPolicy([BrokerIdentity.Supervisor("supervisor", "hall1"), BrokerIdentity.RackAgent("agent", "hall1", "r01")]);
        var passwords = MosquittoPasswordFile.Parse(MosquittoPasswordFile.Format([new("supervisor", password), new("agent", password)]));
        await using var broker = await EmbeddedBroker.StartAsync(BrokerAccess.Enforced(policy, passwords));
        var connection = BrokerConnectionOptions.Parse(broker.Url) with { UserName = "supervisor", Password = password };
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        await using var firstStore = new TemporaryStore();
        await using var secondStore = new TemporaryStore();
        await using var first = new SupervisorService(new SupervisorOptions { SiteIds = ["hall1"] }, new FixedSetpointPlanner(30), firstStore.Store, time);
        await using var second = new SupervisorService(new SupervisorOptions { SiteIds = ["hall1"] }, new FixedSetpointPlanner(30), secondStore.Store, time);

        await first.StartAsync(connection, TimeSpan.FromSeconds(10));
        await second.StartAsync(connection, TimeSpan.FromSeconds(10));

        // A rack's telemetry after both are on: each supervisor takes it in on its first connection.
        using var agent = new MqttClientFactory().CreateMqttClient();
        await agent.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithCredentials("agent", password).Build());
        await agent.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("cooling/v1/hall1/rack/r01/telemetry")
            .WithPayload(Messages.Rack(gpus: 8, hottest: 70, hottestIndex: 1)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((first.Ingestor.Accepted < 1 || second.Ingestor.Accepted < 1) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.Equal(1, first.Ingestor.Accepted);
        Assert.Equal(1, second.Ingestor.Accepted);
        Assert.True(second.IsConnected);
        Assert.True(first.IsConnected);
        Assert.Equal(0, first.Reconnects);
        Assert.Equal(0, broker.Access.RefusedConnections);
        Assert.Equal(0, broker.Access.RefusedSubscriptions);
    }
}
