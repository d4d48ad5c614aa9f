using Cooling.Supervisor.Broker;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>The embedded broker's enforcement seen by MQTTnet clients: MQTT 5 reason codes, client ids, the lab mode (SEC-10, SEC-11, SEC-14).</summary>
public sealed class EmbeddedBrokerAccessTests : IDisposable
{
    private const string Root = "cooling/v1/hall1";
    private readonly SecuredSite _site = SecuredSite.Create();

    public void Dispose() => _site.Dispose();

    private async Task<IMqttClient> ConnectAsync(EmbeddedBroker broker, string identity, string clientId = "", MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(version)
            .WithClientId(clientId).WithCleanSession().WithCredentials(identity, _site.Password(identity)).Build();
        await client.ConnectAsync(options);
        return client;
    }

    private async Task<string> ConnectResultAsync(EmbeddedBroker broker, string identity, string clientId)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(clientId).WithCleanSession().WithCredentials(identity, _site.Password(identity)).Build();
        try
        {
            return (await client.ConnectAsync(options)).ResultCode.ToString();
        }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex)
        {
            return ex.Message;
        }
    }

    private async Task<EmbeddedBroker> StartAsync() =>
        await EmbeddedBroker.StartAsync(BrokerAccess.Load(_site.IdentityFile, _site.PasswordFile, null));

    [Fact]
    public async Task An_unauthorized_publish_is_answered_not_authorized_over_mqtt5_and_counted()
    {
        await using var broker = await StartAsync();
        using var agent = await ConnectAsync(broker, "agent-row1");
        using var supervisor = await ConnectAsync(broker, "supervisor");

        var forbidden = await agent.PublishStringAsync($"{Root}/cdu/cdu1/setpoint/request", "{}", MqttQualityOfServiceLevel.AtLeastOnce);
        var own = await agent.PublishStringAsync($"{Root}/rack/cdu1-r01/telemetry", "{}", MqttQualityOfServiceLevel.AtLeastOnce);
        var request = await supervisor.PublishStringAsync($"{Root}/cdu/cdu1/setpoint/request", "{}", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, forbidden.ReasonCode);
        Assert.True(own.IsSuccess);
        Assert.True(request.IsSuccess);
        Assert.Equal(1, broker.Access.RefusedPublishes);
    }

    [Fact]
    public async Task An_unauthorized_subscription_is_refused_per_filter()
    {
        await using var broker = await StartAsync();
        using var cdu = await ConnectAsync(broker, "cdu1");

        var result = await cdu.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"{Root}/cdu/cdu1/setpoint/request").WithTopicFilter($"{Root}/cdu/cdu2/setpoint/request").WithTopicFilter($"{Root}/#").Build());

        Assert.Equal([MqttClientSubscribeResultCode.GrantedQoS0, MqttClientSubscribeResultCode.NotAuthorized, MqttClientSubscribeResultCode.NotAuthorized],
            result.Items.Select(i => i.ResultCode));
        Assert.Equal(2, broker.Access.RefusedSubscriptions);
    }

    [Fact]
    public async Task Empty_client_ids_get_one_assigned_and_another_identitys_client_id_is_refused()
    {
        await using var broker = await StartAsync();
        using var v5 = await ConnectAsync(broker, "cdu1");
        using var v311 = await ConnectAsync(broker, "cdu2", version: MqttProtocolVersion.V311);
        using var supervisor = await ConnectAsync(broker, "supervisor", clientId: "planner-1");

        var named = await ConnectResultAsync(broker, "agent-row1", "supervisor");
        var takeover = await ConnectResultAsync(broker, "agent-row1", "planner-1");

        Assert.True(v5.IsConnected && v311.IsConnected && supervisor.IsConnected);
        Assert.Contains("ClientIdentifierNotValid", named, StringComparison.Ordinal);
        Assert.Contains("ClientIdentifierNotValid", takeover, StringComparison.Ordinal);
        Assert.Equal(2, broker.Access.RefusedConnections);
    }

    [Fact]
    public async Task The_anonymous_lab_mode_lets_anyone_do_anything()
    {
        await using var broker = await EmbeddedBroker.StartAsync(BrokerAccess.AnonymousLab);
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithProtocolVersion(MqttProtocolVersion.V500).Build());

        var result = await client.PublishStringAsync($"{Root}/cdu/cdu1/setpoint/request", "{}", MqttQualityOfServiceLevel.AtLeastOnce);

        Assert.True(result.IsSuccess);
        Assert.Equal(0, broker.Access.RefusedPublishes);
    }
}
