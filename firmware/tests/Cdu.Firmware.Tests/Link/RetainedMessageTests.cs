using System.Text;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Link;

public sealed class RetainedMessageTests
{
    private static readonly CduTopics Topics = new("site1", "cdu1");

    private static (CduController Controller, RecordingBus Bus, ManualClock Clock) Start()
    {
        var clock = new ManualClock();
        var bus = new RecordingBus();
        var controller = new CduController(new CduSettings(), clock, new ScriptedIo(), bus, Topics);
        controller.RunCycle();
        clock.Advance(100);
        return (controller, bus, clock);
    }

    private static bool Deliver(CduController controller, string topic, string payload, bool retained)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        return controller.Inbox.TryEnqueue(topic, bytes, 0, bytes.Length, retained);
    }

    [Fact]
    public void A_retained_shutdown_request_and_configuration_change_are_ignored_counted_and_reported()
    {
        var (controller, bus, clock) = Start();
        Assert.False(Deliver(controller, Topics.Command, """{"v":1,"seq":1,"command":"shutdown"}""", retained: true));
        Assert.False(Deliver(controller, Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":1,"leaseSeconds":60,"supplyTemperatureCelsius":35}""", retained: true));
        Assert.False(Deliver(controller, Topics.ConfigurationSet, """{"v":1,"seq":1,"parameters":{"valve.kp":3}}""", retained: true));
        controller.RunCycle();
        clock.Advance(100);

        Assert.False(controller.ShutdownActive);
        Assert.False(controller.Arbiter.LeaseActive);
        Assert.Empty(bus.On(Topics.SetpointAcknowledgement));
        Assert.Empty(bus.On(Topics.CommandAcknowledgement));
        Assert.Equal(3, controller.RejectedMessages);
        var rejected = Assert.Single(bus.On(Topics.Event), e => e.GetProperty("name").GetString() == EventNames.MessageRejected);
        Assert.Equal("retained message ignored", rejected.GetProperty("reason").GetString());

        clock.Advance(10_000);
        controller.RunCycle();
        var telemetry = bus.On(Topics.Telemetry).Last();
        Assert.Equal(3, telemetry.GetProperty("retainedMessagesIgnored").GetInt64());
    }

    [Fact]
    public void The_same_command_sent_live_is_executed()
    {
        var (controller, bus, clock) = Start();
        Assert.True(Deliver(controller, Topics.Command, """{"v":1,"seq":1,"command":"shutdown"}""", retained: false));
        controller.RunCycle();
        clock.Advance(100);

        Assert.True(controller.ShutdownActive);
        Assert.Equal(0, controller.RejectedMessages);
    }
}
