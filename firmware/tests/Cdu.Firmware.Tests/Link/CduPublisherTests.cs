using Cdu.Firmware.Tests.Support;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Tests.Link;

public sealed class CduPublisherTests
{
    private static readonly CduTopics Topics = new("site1", "cdu1");

    [Fact]
    public void Events_of_every_kind_share_one_sequence_and_refusals_are_counted_one_event_per_kind()
    {
        var bus = new RecordingBus();
        var publisher = new CduPublisher(bus, Topics);
        publisher.PublishEvent(10, EventNames.ConfigurationChanged, EventNames.SeverityOk, "x", null);
        publisher.PublishModeChange(20, CduMode.Startup, CduMode.Automatic, "all loops on their setpoints");
        publisher.RejectMany(30, 3, EventNames.OversizeReason);
        publisher.RejectMany(40, 0, EventNames.InboxFullReason);
        publisher.Reject(50, "bad", Topics.Command);

        Assert.Equal(4, publisher.RejectedMessages);
        Assert.Equal(4, publisher.EventSequence);
        Assert.Equal([1L, 2, 3, 4], bus.On(Topics.Event).Select(e => e.GetProperty("seq").GetInt64()));
        var state = Assert.Single(bus.Messages, m => m.Topic == Topics.State);
        Assert.True(state.Retain);
        Assert.Contains("Automatic", state.Payload, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Telemetry_carries_its_own_sequence_and_the_rejection_count()
    {
        var publisher = new CduPublisher(new RecordingBus(), Topics);
        publisher.Reject(1, "bad", null);
        var first = publisher.BeginTelemetry(1_000);
        Assert.Equal(1, first.Sequence);
        Assert.Equal(1_000, first.UptimeMilliseconds);
        Assert.Equal(1, first.RejectedMessages);
        Assert.Equal(2, publisher.BeginTelemetry(2_000).Sequence);
        Assert.Equal(2, publisher.TelemetrySequence);
    }
}
