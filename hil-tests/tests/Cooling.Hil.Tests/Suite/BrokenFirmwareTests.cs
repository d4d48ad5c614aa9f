using System.Text;
using Cdu.Firmware.Config;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;
using Cooling.Hil.Tests.Support;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Suite;

/// <summary>
/// A deliberately broken firmware, made through configuration only, fails the matching requirements: the
/// certification criteria can fail, and they fail where they should.
/// </summary>
public sealed class BrokenFirmwareTests(ITestOutputHelper output)
{
    private Runs.ScenarioResult RunBroken(string scenario, Dictionary<string, double> broken, string requirement)
    {
        var result = SilRunner.Run(ScenarioLoader.Load(Repository.Scenario(scenario)), new RunOptions { FirmwareOverrides = broken, Baselines = false });
        foreach (var v in result.Verdicts.Where(v => v.Criterion.Requirement == requirement))
        {
            output.WriteLine($"{(v.Passed ? "pass" : "FAIL")} {v.Criterion.Requirement} {v.Criterion.Kpi} = {Runs.Verdict.Format(v.Value)} ({v.Limits})");
        }

        return result;
    }

    [Fact]
    public void CTL_6_fails_when_the_anti_windup_is_defeated_by_output_limits_wider_than_the_valve_travel()
    {
        // The valve stops at 80 %; a firmware told it may drive 100 % winds its integral up against a limit it never reaches.
        var result = RunBroken("valve-saturation-recovery", new() { ["valve.maximumPercent"] = 100 }, "CTL-6");

        Assert.Contains(result.Verdicts, v => v.Criterion.Requirement == "CTL-6" && v.Criterion.Kpi == Kpis.KpiCatalog.SupplyTemperatureSettlingSeconds && !v.Passed);
        Assert.Contains(result.Verdicts, v => v.Criterion.Requirement == "CTL-6" && v.Criterion.Kpi == Kpis.KpiCatalog.SupplyTemperatureIaeKelvinSeconds && !v.Passed);
    }

    [Fact]
    public void SAF_1_fails_when_the_leak_reaction_is_removed()
    {
        // A critical threshold no leak detector reaches: the firmware never reacts.
        var result = RunBroken("leak-critical-isolation", new() { ["leak.criticalPercent"] = 100 }, "SAF-1");

        Assert.All(result.Verdicts.Where(v => v.Criterion.Kpi != Kpis.KpiCatalog.PumpsStoppedFraction || v.Criterion.FromSeconds < 400), v => Assert.False(v.Passed));
        Assert.Equal(double.PositiveInfinity, result.Verdicts.Single(v => v.Criterion.Kpi == Kpis.KpiCatalog.LeakIsolationSeconds).Value);
    }

    [Fact]
    public void SAF_1_fails_for_a_CDU_configured_slow_within_the_hard_limits()
    {
        // A configuration the firmware accepts (no safety parameter beyond its hard limit): a 1 s control cycle and the
        // longest leak reaction delay. The reaction waits for whole cycles and misses SAF-1's 1 s.
        var slow = new Dictionary<string, double> { ["cycle.periodMilliseconds"] = 1000, ["leak.reactionDelaySeconds"] = 0.8, ["watchdog.overrunMilliseconds"] = 1000 };
        foreach (var (name, value) in slow) Assert.Null(HardLimits.Check(ParameterTable.IndexOf(name), value));

        var result = RunBroken("leak-critical-isolation", slow, "SAF-1");

        Assert.False(result.Verdicts.Single(v => v.Criterion.Kpi == Kpis.KpiCatalog.LeakIsolationSeconds).Passed);
    }

    [Fact]
    public void SAF_1_holds_after_a_configuration_update_that_would_remove_the_leak_reaction_is_refused()
    {
        // What the broken build above is made of cannot be sent to a CDU: config/set leak.criticalPercent = 100 is refused
        // with its reason, and the CDU still isolates the leak within 1 s.
        var scenario = ScenarioLoader.Load(Repository.Scenario("leak-critical-isolation"));
        var lane = new SilLane(scenario, PlannerNames.None, firmwareOverrides: null, seed: 1);
        var update = Encoding.UTF8.GetBytes("""{"v":1,"seq":1,"leak.criticalPercent":100}""");
        var reason = lane.Rig.Controller.Configuration.Apply(update, update.Length, lane.Rig.Controller.Settings, out _);

        Assert.Equal("leak.criticalPercent 100 outside the firmware's hard limit 5 … 50", reason);
        Assert.Equal(50, lane.Rig.Controller.Settings.Leak.CriticalPercent);
        var result = SilRunner.Run(scenario, new RunOptions { Baselines = false });
        Assert.All(result.Verdicts.Where(v => v.Criterion.Requirement == "SAF-1"), v => Assert.True(v.Passed, v.Criterion.Kpi));
    }

    [Fact]
    public void CTL_2_fails_when_the_valve_loop_is_detuned()
    {
        var result = RunBroken("load-step-30-100", new() { ["valve.proportionalGainPercentPerKelvin"] = 0.5, ["valve.integralTimeSeconds"] = 900 }, "CTL-2");

        Assert.All(result.Verdicts.Where(v => v.Criterion.Requirement == "CTL-2"), v => Assert.False(v.Passed));
    }

    [Fact]
    public void COM_1_fails_when_the_firmware_accepts_leases_longer_than_the_outage()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("lease-loss-fallback"));
        var longLease = scenario with { Supervisor = scenario.Supervisor! with { LeaseSeconds = 80_000 } };

        var result = SilRunner.Run(longLease, new RunOptions { FirmwareOverrides = new Dictionary<string, double> { ["lease.maximumSeconds"] = 86_400 } });

        Assert.Contains(result.Verdicts, v => v.Criterion.Kpi == Kpis.KpiCatalog.FallbackModeFraction && !v.Passed);
    }
}
