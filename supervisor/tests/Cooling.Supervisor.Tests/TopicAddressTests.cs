using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Tests;

public sealed class TopicAddressTests
{
    [Theory]
    [InlineData("cooling/v1/hall1/rack/cdu1-r01/telemetry", TopicKind.RackTelemetry, "hall1", "cdu1-r01")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/telemetry", TopicKind.CduTelemetry, "hall1", "cdu1")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/state", TopicKind.CduState, "hall1", "cdu1")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/event", TopicKind.CduEvent, "hall1", "cdu1")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/setpoint/ack", TopicKind.SetpointAcknowledgement, "hall1", "cdu1")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/setpoint/request", TopicKind.SetpointRequest, "hall1", "cdu1")]
    public void Parses_contract_topics(string topic, TopicKind kind, string site, string device)
    {
        Assert.Equal(new TopicAddress(kind, site, device), TopicAddress.Parse(topic));
    }

    [Theory]
    [InlineData("cooling/v2/hall1/cdu/cdu1/telemetry")]
    [InlineData("cooling/v1/Hall1/cdu/cdu1/telemetry")]
    [InlineData("cooling/v1/hall1/cdu/cdu1/telemetry/extra")]
    [InlineData("cooling/v1/hall1/pump/p1/telemetry")]
    [InlineData("cooling/v1/hall1/rack/r1/setpoint/ack")]
    [InlineData("cooling/v1//cdu/cdu1/telemetry")]
    public void Anything_else_is_unknown(string topic)
    {
        Assert.Equal(TopicKind.Unknown, TopicAddress.Parse(topic).Kind);
    }
}
