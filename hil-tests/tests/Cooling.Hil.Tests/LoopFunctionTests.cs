using Cdu.Firmware;
using Cdu.Firmware.Alarms;
using Cooling.Hil.Sil;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests;

/// <summary>The firmware's loop functions on the twin: start-up sequence, flow control, feedforward, dry-run protection.</summary>
public sealed class LoopFunctionTests(ITestOutputHelper output)
{
    [Fact]
    public void Start_up_runs_the_pumps_first_and_opens_the_valve_only_once_flow_is_proven()
    {
        var rig = new SilRig();
        rig.SetUtilization(0.5);
        double? pumpsAt = null, flowAt = null, valveAt = null;

        rig.RunFor(60, () =>
        {
            if (pumpsAt is null && rig.Io.Commands.PumpRunCommand.Any(r => r)) pumpsAt = rig.Seconds;
            if (flowAt is null && rig.Controller.FlowProven) flowAt = rig.Seconds;
            if (valveAt is null && rig.Io.Commands.ValveCommandPercent > rig.Settings.Valve.MinimumPercent + 0.01) valveAt = rig.Seconds;
        });

        output.WriteLine($"pumps at {pumpsAt} s, flow proven at {flowAt} s, valve moving at {valveAt} s");
        Assert.True(pumpsAt <= 0.1);
        Assert.True(flowAt >= rig.Settings.Timing.StartupFlowProvingSeconds);
        Assert.True(valveAt >= flowAt, "the valve loop must not act before flow is proven");
        Assert.True(valveAt - pumpsAt >= rig.Settings.Timing.StartupFlowProvingSeconds);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.Contains(rig.Bus.On(rig.Topics.Event), e => e.Contains("\"from\":\"startup\",\"to\":\"automatic\"", StringComparison.Ordinal));
    }

    [Fact]
    public void With_flow_selected_as_the_controlled_variable_the_pumps_hold_the_flow_setpoint()
    {
        var rig = new SilRig(new CduSettings { Pump = { ControlVariable = 1, FlowSetpointLitersPerMinute = 650 } });
        rig.SetUtilization(0.6);
        rig.Supervise(30);
        rig.RunFor(300);
        var worst = 0.0;

        rig.Plant.SystemResistanceFactor = 1.2;
        rig.RunFor(120);
        rig.RunFor(60, () => worst = Math.Max(worst, Math.Abs(rig.Plant.FlowLitersPerMinute - 650) / 650));

        output.WriteLine($"flow {rig.Plant.FlowLitersPerMinute:F0} L/min, worst {worst:P2} after a +20 % system resistance");
        Assert.True(worst <= 0.05);
    }

    [Fact]
    public void Announced_IT_load_feedforward_opens_the_valve_before_the_temperature_rises()
    {
        double Peak(double feedforwardPercentPerKilowatt)
        {
            var rig = new SilRig(new CduSettings { Valve = { FeedforwardPercentPerKilowatt = feedforwardPercentPerKilowatt } });
            rig.Bus.Keep = false;
            rig.SetUtilization(0.3);
            rig.Supervise(30);
            rig.RunFor(900);
            rig.Supervise(double.NaN);
            rig.Request(30, leaseSeconds: 600, itLoadKilowatts: 504); // the supervisor announces the step it sees coming
            rig.RunFor(20);
            rig.SetUtilization(1.0);
            var peak = 0.0;
            rig.RunFor(300, () => peak = Math.Max(peak, rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius));
            return peak;
        }

        var without = Peak(0);
        var with = Peak(0.05);

        output.WriteLine($"peak above setpoint after a 30 → 100 % step: {without:F2} K without feedforward, {with:F2} K with it");
        Assert.True(with < without * 0.8, $"feedforward peak {with:F2} K vs {without:F2} K");
    }

    [Fact]
    public void Pumps_running_without_flow_are_stopped_by_the_dry_run_protection_and_restart_after_a_reset()
    {
        var rig = new SilRig();
        rig.SetUtilization(0.5);
        rig.Supervise(30);
        rig.RunFor(120);

        rig.Plant.SystemResistanceFactor = 1e6; // a closed manual valve in the loop: the pumps spin, nothing flows
        var tripped = rig.RunUntil(() => rig.Io.Commands.PumpRunCommand.All(r => !r), 60);

        output.WriteLine($"dry run stopped the pumps {tripped:F1} s after the flow stopped");
        Assert.InRange(tripped, rig.Settings.Pump.DryRunSeconds, rig.Settings.Pump.DryRunSeconds + 1);
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.DryRun).Active);
        Assert.Equal(CduMode.Shutdown, rig.Controller.Mode);

        rig.Plant.SystemResistanceFactor = 1;
        rig.Command("\"command\":\"reset\"");
        rig.RunFor(60);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.True(rig.Plant.FlowLitersPerMinute > 500);
    }
}
