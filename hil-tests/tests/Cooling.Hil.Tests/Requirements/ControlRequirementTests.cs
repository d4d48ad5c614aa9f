using Cdu.Firmware;
using Cooling.Hil.Sil;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Requirements;

/// <summary>CTL-1 … CTL-5 (docs/requirements.md), each measured on the firmware core driving the twin's plant on simulated time.</summary>
public sealed class ControlRequirementTests(ITestOutputHelper output)
{
    private static SilRig SettledRig(double utilization, double supplyCelsius = 30)
    {
        var rig = new SilRig();
        rig.Bus.Keep = false;
        rig.SetUtilization(utilization);
        rig.Supervise(supplyCelsius);
        rig.RunFor(900);
        return rig;
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void CTL_1_supply_temperature_stays_within_half_a_kelvin_of_its_setpoint_in_steady_state(double utilization)
    {
        var rig = SettledRig(utilization);
        var worst = 0.0;

        rig.RunFor(300, () => worst = Math.Max(worst, Math.Abs(rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius)));

        output.WriteLine($"IT load {utilization:P0} ({rig.Plant.ItHeatWatts / 1000:F0} kW): worst deviation {worst:F3} K, valve {rig.Io.ValveCommandPercent:F1} %");
        Assert.True(worst <= 0.5, $"deviation {worst:F3} K");
        Assert.Equal(30, rig.Controller.EffectiveSupplySetpointCelsius, 6);
    }

    [Fact]
    public void CTL_2_a_30_to_100_percent_step_on_every_rack_peaks_within_2_K_and_settles_within_half_a_kelvin_in_180_s()
    {
        var rig = SettledRig(0.3);
        rig.SetUtilization(1.0);
        var peak = 0.0;
        var lastOutside = 0.0;
        var start = rig.Seconds;

        rig.RunFor(600, () =>
        {
            var deviation = Math.Abs(rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius);
            peak = Math.Max(peak, deviation);
            if (deviation > 0.5) lastOutside = rig.Seconds - start;
        });

        output.WriteLine($"peak deviation {peak:F2} K, back within ±0.5 K after {lastOutside:F1} s");
        Assert.True(peak <= 2.0, $"peak {peak:F2} K");
        Assert.True(lastOutside <= 180, $"settled after {lastOutside:F1} s");
    }

    [Theory]
    [InlineData("system resistance +30 %")]
    [InlineData("lead pump slowed by 30 %")]
    public void CTL_3_delta_pressure_holds_5_percent_in_steady_state_and_10_percent_10_s_after_a_disturbance(string disturbance)
    {
        var rig = SettledRig(0.6);
        var setpoint = rig.Settings.Pump.DeltaPressureSetpointKpa;
        var steadyWorst = 0.0;
        rig.RunFor(60, () => steadyWorst = Math.Max(steadyWorst, Math.Abs(rig.Plant.DeltaPressureKpa - setpoint) / setpoint));

        if (disturbance.StartsWith("system", StringComparison.Ordinal)) rig.Plant.SystemResistanceFactor = 1.3;
        else rig.Plant.Pumps[rig.Controller.Pumps.Lead].Disturb(0.3);
        var afterTen = 0.0;
        var start = rig.Seconds;
        rig.RunFor(60, () =>
        {
            if (rig.Seconds - start >= 10) afterTen = Math.Max(afterTen, Math.Abs(rig.Plant.DeltaPressureKpa - setpoint) / setpoint);
        });

        output.WriteLine($"{disturbance}: steady worst {steadyWorst:P2}, worst from 10 s after the disturbance {afterTen:P2}");
        Assert.True(steadyWorst <= 0.05, $"steady {steadyWorst:P2}");
        Assert.True(afterTen <= 0.10, $"after 10 s {afterTen:P2}");
    }

    [Fact]
    public void CTL_4_no_actuator_moves_faster_than_its_configured_slew_limit()
    {
        var rig = new SilRig();
        rig.Bus.Keep = false;
        rig.SetUtilization(0.3);
        var lastValve = 0.0;
        var lastPump = double.NaN;
        var worstValve = 0.0;
        var worstPump = 0.0;
        var period = rig.PeriodSeconds;
        void Measure()
        {
            var valve = rig.Io.Commands.ValveCommandPercent;
            // A pump's start is its drive's ramp, not a speed move: speeds are compared while the lead keeps running.
            var running = rig.Io.Commands.PumpRunCommand[rig.Controller.Pumps.Lead];
            var pump = running ? rig.Io.Commands.PumpSpeedCommandPercent[rig.Controller.Pumps.Lead] : double.NaN;
            worstValve = Math.Max(worstValve, Math.Abs(valve - lastValve) / period);
            if (!double.IsNaN(lastPump) && !double.IsNaN(pump)) worstPump = Math.Max(worstPump, Math.Abs(pump - lastPump) / period);
            lastValve = valve;
            lastPump = pump;
        }

        rig.Supervise(28);
        rig.RunFor(300, Measure);
        rig.SetUtilization(1.0);
        rig.Supervise(33);
        rig.RunFor(300, Measure);
        rig.SetUtilization(0.1);
        rig.Supervise(22);
        rig.RunFor(300, Measure);

        output.WriteLine($"fastest valve move {worstValve:F3} %/s (limit {rig.Settings.Valve.SlewPercentPerSecond}), pump {worstPump:F3} %/s (limit {rig.Settings.Pump.SlewPercentPerSecond})");
        Assert.True(worstValve <= rig.Settings.Valve.SlewPercentPerSecond + 1e-9);
        Assert.True(worstPump <= rig.Settings.Pump.SlewPercentPerSecond + 1e-9);
        Assert.True(worstValve > 0.5 * rig.Settings.Valve.SlewPercentPerSecond, "the scenario must drive the valve to its slew limit for this to mean anything");
        Assert.True(worstPump > 0.2 * rig.Settings.Pump.SlewPercentPerSecond, "the scenario must move the pumps for this to mean anything");
    }

    [Fact]
    public void CTL_5_a_manual_to_automatic_transfer_moves_the_valve_less_than_1_percent_in_the_first_cycle()
    {
        // The valve's slew limit would hide any bump of the controller's output: lift it for this test.
        var rig = new SilRig(new CduSettings { Valve = { SlewPercentPerSecond = 100 } });
        rig.Bus.Keep = false;
        rig.SetUtilization(0.6);
        rig.Supervise(30);
        rig.RunFor(900);
        rig.Command("\"command\":\"manual\",\"actuator\":\"valve\",\"valuePercent\":35");
        rig.RunFor(120);
        Assert.Equal(CduMode.Manual, rig.Controller.Mode);
        var before = rig.Io.Commands.ValveCommandPercent;
        Assert.Equal(35, before, 3);
        Assert.True(Math.Abs(rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius) > 0.5,
            "the transfer must happen with a control error, or it proves nothing");

        rig.Command("\"command\":\"automatic\",\"actuator\":\"valve\"");
        rig.Step();
        var after = rig.Io.Commands.ValveCommandPercent;

        output.WriteLine($"valve {before:F3} % → {after:F3} % in the first automatic cycle (error {rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius:F2} K)");
        Assert.True(Math.Abs(after - before) < 1.0, $"moved {Math.Abs(after - before):F3} %");
        Assert.NotEqual(CduMode.Manual, rig.Controller.Mode);
    }
}
