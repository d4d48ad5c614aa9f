using Cdu.Firmware;
using Cdu.Firmware.Alarms;
using Cdu.Firmware.Platform;
using Cooling.Hil.Sil;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Requirements;

/// <summary>COM-1 and COM-2 on the SIL target (COM-2 over a real broker and COM-3 are in the hall and firmware suites).</summary>
public sealed class CommunicationRequirementTests(ITestOutputHelper output)
{
    [Fact]
    public void COM_1_lease_expiry_ramps_bumplessly_to_the_fallback_setpoint_with_an_alarm_and_recovers_when_leases_return()
    {
        var rig = new SilRig();
        rig.SetUtilization(0.6);
        rig.Supervise(33);
        rig.RunFor(600);
        Assert.Equal(33, rig.Controller.EffectiveSupplySetpointCelsius, 6);

        rig.Supervise(double.NaN); // the supervisor goes silent
        var fallbackAt = rig.RunUntil(() => rig.Controller.Mode == CduMode.Fallback, 60);
        var fastest = 0.0;
        var last = rig.Controller.EffectiveSupplySetpointCelsius;
        var worstValveStep = 0.0;
        var lastValve = rig.Io.Commands.ValveCommandPercent;
        rig.RunFor(300, () =>
        {
            fastest = Math.Max(fastest, Math.Abs(rig.Controller.EffectiveSupplySetpointCelsius - last) / rig.PeriodSeconds * 60);
            last = rig.Controller.EffectiveSupplySetpointCelsius;
            worstValveStep = Math.Max(worstValveStep, Math.Abs(rig.Io.Commands.ValveCommandPercent - lastValve));
            lastValve = rig.Io.Commands.ValveCommandPercent;
        });

        output.WriteLine($"fallback {fallbackAt:F1} s after the supervisor went silent; setpoint ramp {fastest:F2} K/min; largest valve step {worstValveStep:F3} %");
        Assert.True(fallbackAt <= 30.1, $"fallback after {fallbackAt:F1} s (lease 30 s, last renewal ≤ 10 s before)");
        Assert.Equal(rig.Settings.Supply.FallbackSetpointCelsius, rig.Controller.EffectiveSupplySetpointCelsius, 6);
        Assert.True(fastest <= rig.Settings.Supply.SlewKelvinPerMinute + 1e-6);
        Assert.True(worstValveStep <= rig.Settings.Valve.SlewPercentPerSecond * rig.PeriodSeconds + 1e-9);
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.LeaseExpired).Active);
        Assert.Contains(rig.Bus.On(rig.Topics.Event), e => e.Contains("\"SupervisorLeaseExpired\"", StringComparison.Ordinal));

        rig.Supervise(31);
        rig.RunFor(1);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.False(rig.Controller.Alarms.Get(AlarmTable.LeaseExpired).Active);
        Assert.Contains(rig.Bus.On(rig.Topics.Event), e => e.Contains("\"SupervisorLeaseResumed\"", StringComparison.Ordinal));
    }

    [Fact]
    public void COM_2_a_broker_outage_leaves_control_unaffected()
    {
        var connected = new SilRig();
        var outage = new SilRig(bus: new DroppingBus());
        foreach (var rig in new[] { connected, outage })
        {
            rig.SetUtilization(0.6);
            rig.Request(31, leaseSeconds: 600);
        }

        for (var i = 0; i < 6000; i++)
        {
            connected.Step();
            outage.Step();
            Assert.Equal(connected.Io.Commands.ValveCommandPercent, outage.Io.Commands.ValveCommandPercent);
            Assert.Equal(connected.Io.Commands.PumpSpeedCommandPercent[0], outage.Io.Commands.PumpSpeedCommandPercent[0]);
        }

        Assert.Equal(connected.Plant.SupplyCelsius, outage.Plant.SupplyCelsius);
    }

    /// <summary>A bus whose broker is gone: every publication is lost.</summary>
    private sealed class DroppingBus : IMessageBus
    {
        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
        }
    }
}
