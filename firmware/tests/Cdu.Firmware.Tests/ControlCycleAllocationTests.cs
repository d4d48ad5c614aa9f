using Cdu.Firmware.Config;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests;

/// <summary>The control cycle allocates nothing after start-up: a microcontroller's heap must not churn at 10 Hz.</summary>
public sealed class ControlCycleAllocationTests
{
    [Fact]
    public void Ten_thousand_control_cycles_with_every_loop_pump_and_safety_function_active_allocate_zero_bytes()
    {
        var clock = new ManualClock();
        var bus = new NullBus();
        var controller = new CduController(new CduSettings(), clock, new LoopbackPlantIo(), bus, new CduTopics("site1", "cdu1"), new VolatileStorage());
        var sequence = 0;
        void Renew()
        {
            var request = System.Text.Encoding.UTF8.GetBytes($$"""{"v":1,"epoch":1,"seq":{{++sequence}},"leaseSeconds":30,"supplyTemperatureCelsius":29}""");
            controller.Inbox.TryEnqueue(controller.Topics.SetpointRequest, request, 0, request.Length);
        }

        for (var i = 0; i < 12_000; i++) // start-up, flow proving, first run-hour save at 600 s
        {
            if (i % 100 == 0) Renew();
            controller.RunCycle();
            clock.Advance(100);
        }

        Assert.Equal(CduMode.Automatic, controller.Mode);
        var publishedBefore = bus.Published;
        var allocated = 0L;
        for (var i = 0; i < 10_000; i++)
        {
            if (i % 100 == 0) Renew(); // the inbox, the reader and the acknowledgement are part of the cycle

            var before = GC.GetAllocatedBytesForCurrentThread();
            controller.RunCycle();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            clock.Advance(100);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(CduMode.Automatic, controller.Mode);
        Assert.True(bus.Published - publishedBefore >= 1000 + 100, "telemetry and acknowledgements were published during the measurement");
        Assert.True(controller.Pumps.RunHours(controller.Pumps.Lead) > 0.5);
    }
}
