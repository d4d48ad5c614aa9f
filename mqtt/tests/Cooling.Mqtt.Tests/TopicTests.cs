using Cdu.Firmware.Messages;
using Cooling.Mqtt.Topics;

namespace Cooling.Mqtt.Tests;

public sealed class TopicTests
{
    [Fact]
    public void The_contract_topics_of_a_cdu_are_those_the_firmware_core_uses()
    {
        var contract = ContractTopics.Cdu("hall1", "cdu-7");
        var core = new CduTopics("hall1", "cdu-7");
        Assert.Equal(
            [core.Telemetry, core.State, core.Event, core.SetpointRequest, core.SetpointAcknowledgement, core.Command, core.CommandAcknowledgement,
             core.ConfigurationSet, core.ConfigurationGet, core.ConfigurationAcknowledgement, core.ConfigurationDocument],
            [contract.Telemetry, contract.State, contract.Event, contract.SetpointRequest, contract.SetpointAcknowledgement, contract.Command,
             contract.CommandAcknowledgement, contract.ConfigurationSet, contract.ConfigurationGet, contract.ConfigurationAcknowledgement,
             contract.ConfigurationDocument]);
        Assert.Equal(CduTopics.Namespace, ContractTopics.Root);
    }

    [Fact]
    public void Rack_hil_and_filter_topics_follow_the_documents()
    {
        Assert.Equal("cooling/v1/hall1/rack/r01/telemetry", ContractTopics.RackTelemetry("hall1", "r01"));
        Assert.Equal("cooling/v1/+/cdu/+/setpoint/ack", ContractTopics.AllCdus(CduLeaf.SetpointAcknowledgement));
        Assert.Equal("cooling/v1/+/rack/+/telemetry", ContractTopics.AllRackTelemetry);
        var hil = new HilTopics("hall1", "cdu1");
        Assert.Equal(("cooling/v1/hall1/cdu/cdu1/hil/sensors", "cooling/v1/hall1/cdu/cdu1/hil/actuators"), (hil.Sensors, hil.Actuators));
    }

    [Theory]
    [InlineData("Hall1")]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("+")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public void Ids_outside_the_contract_are_refused(string id)
    {
        Assert.False(ContractTopics.IsValidId(id));
        Assert.Equal(CduTopics.IsValidId(id), ContractTopics.IsValidId(id));
        Assert.Throws<ArgumentException>(() => ContractTopics.Cdu("hall1", id));
        Assert.Throws<ArgumentException>(() => ContractTopics.RackTelemetry(id, "r1"));
        Assert.Throws<ArgumentException>(() => new HilTopics(id, "cdu1"));
    }
}
