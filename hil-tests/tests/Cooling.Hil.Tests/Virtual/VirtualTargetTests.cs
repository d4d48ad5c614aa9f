using Cooling.Hil.Kpis;
using Cooling.Hil.Reports;
using Cooling.Hil.Requirements;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Virtual;

/// <summary>The virtual-CDU-over-mosquitto target gives the same verdicts as SIL, from KPIs the rig measured.</summary>
[Collection(VirtualTargetGroup.Name)]
public sealed class VirtualTargetTests(VirtualTargetFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void At_least_three_scenarios_give_the_same_verdict_on_the_virtual_target_as_on_SIL_for_every_criterion()
    {
        output.WriteLine($"{fixture.Virtual.Count} scenarios on the virtual target in {fixture.VirtualWallTime.TotalSeconds:F1} s wall time " +
                         $"({fixture.Virtual.Sum(r => r.Scenario.DurationSeconds + r.Scenario.Initial.SettleSeconds):F0} s of plant time)");
        Assert.True(fixture.Virtual.Count >= 3, $"{fixture.Virtual.Count} scenarios tagged virtual");
        for (var i = 0; i < fixture.Virtual.Count; i++)
        {
            var onVirtual = fixture.Virtual[i];
            var onSil = fixture.Sil[i];
            Assert.Equal(onSil.Scenario.Name, onVirtual.Scenario.Name);
            Assert.Equal(VirtualTarget.Name, onVirtual.Target);
            Assert.Equal(onSil.Verdicts.Count, onVirtual.Verdicts.Count);
            for (var v = 0; v < onSil.Verdicts.Count; v++)
            {
                var (sil, virtualVerdict) = (onSil.Verdicts[v], onVirtual.Verdicts[v]);
                output.WriteLine($"{onVirtual.Scenario.Name} {sil.Criterion.Requirement} {sil.Criterion.Kpi}: SIL {Runs.Verdict.Format(sil.Value)} {(sil.Passed ? "pass" : "FAIL")}, virtual {Runs.Verdict.Format(virtualVerdict.Value)} {(virtualVerdict.Passed ? "pass" : "FAIL")}");
                Assert.Same(sil.Criterion, virtualVerdict.Criterion);
                Assert.True(sil.Passed == virtualVerdict.Passed,
                    $"{onVirtual.Scenario.Name} {sil.Criterion.Requirement} {sil.Criterion.Kpi}: SIL {Runs.Verdict.Format(sil.Value)} ({sil.Passed}), virtual {Runs.Verdict.Format(virtualVerdict.Value)} ({virtualVerdict.Passed})\n{string.Join('\n', onVirtual.Primary.Log)}");
            }
        }

        // Every requirement the virtual scenarios name is decided by them, and they cover faults, safety and the supervisor.
        var requirements = fixture.Virtual.SelectMany(r => r.Verdicts.Select(v => v.Criterion.Requirement)).ToHashSet();
        Assert.Superset(new HashSet<string> { "SAF-1", "SAF-4", "RED-1", "COM-1", "SAF-6" }, requirements);
    }

    [Fact]
    public void The_rig_measured_the_virtual_CDU_itself_every_control_period_and_in_lockstep_its_KPIs_stay_within_the_SIL_golden_tolerances()
    {
        foreach (var result in fixture.Virtual)
        {
            var rig = result.Primary.Log[^1];
            output.WriteLine($"{result.Scenario.Name}: {result.WallTime.TotalSeconds:F1} s; {rig}");

            // One actuator message per control period came from the CDU process, none refused, the clock never skipped.
            var periods = (long)Math.Round((result.Scenario.DurationSeconds + result.Scenario.Initial.SettleSeconds) * 10);
            Assert.Contains($"rig: {periods - 1} actuator messages (0 refused), longest step of the CDU's clock between two 100 ms, 0 with the rig's scans stale", rig, StringComparison.Ordinal);

            // The CDU's own telemetry and events fed the KPIs that need its state.
            Assert.False(double.IsNaN(result.Primary.Kpis[KpiCatalog.SupplyTemperatureIaeKelvinSeconds]));
            Assert.Contains(result.Primary.Log, line => line.Contains(" raised ", StringComparison.Ordinal));

            Assert.True(double.IsNaN(result.Primary.Kpis[KpiCatalog.SetpointMaximumRateKelvinPerMinute]), "the setpoint rate is not measured at telemetry rate");
            var deviations = VirtualTarget.CompareWithGolden(result);
            Assert.True(deviations.Count == 0, $"{result.Scenario.Name}: " + string.Join("; ", deviations));
        }
    }

    [Fact]
    public async Task A_deliberately_broken_firmware_configuration_fails_SAF_1_on_the_virtual_target_as_it_does_on_SIL()
    {
        var scenario = fixture.Scenarios.Single(s => s.Name == "virtual-leak-isolation");
        // Within the firmware's hard limits (a configuration that removes the leak reaction is refused), yet too slow:
        // a 1 s control cycle with the longest leak reaction delay.
        var broken = new Dictionary<string, double> { ["cycle.periodMilliseconds"] = 1000, ["leak.reactionDelaySeconds"] = 0.8, ["watchdog.overrunMilliseconds"] = 1000 };

        var onVirtual = await VirtualRunner.RunAsync(scenario, fixture.Options with { FirmwareOverrides = broken }, "broken1");
        var onSil = SilRunner.Run(scenario, new RunOptions { FirmwareOverrides = broken, Baselines = false });

        var isolation = onVirtual.Verdicts.First(v => v.Criterion.Kpi == KpiCatalog.LeakIsolationSeconds);
        output.WriteLine($"virtual: {Runs.Verdict.Format(isolation.Value)} s; SIL: {Runs.Verdict.Format(onSil.Verdicts.First(v => v.Criterion.Kpi == KpiCatalog.LeakIsolationSeconds).Value)} s");
        Assert.False(isolation.Passed);
        Assert.Equal(onSil.Verdicts.Select(v => v.Passed), onVirtual.Verdicts.Select(v => v.Passed));
    }

    [Fact]
    public async Task Free_running_on_its_own_clock_five_times_as_fast_the_CDU_isolates_a_leak_the_rig_plays()
    {
        // A small leak case: 8 s of start-up, zone 1 floods 3 s later. The CDU runs on its own wall clock ×5 and the rig
        // follows it, as a rig follows a device; timing varies with the machine's load, so only the reaction is judged.
        using var folder = new TempFolder();
        var path = folder.File("free-leak.json");
        await File.WriteAllTextAsync(path, """
            {"name":"free-leak","requirements":["SAF-1"],"durationSeconds":12,"initial":{"settleSeconds":8},
             "workload":{"kind":"constant","utilization":0.5},
             "faults":[{"kind":"leak","atSeconds":3,"zone":1,"levelPercent":90}],
             "criteria":[{"requirement":"SAF-1","kpi":"leakIsolationSeconds","maximum":1}]}
            """);

        var result = await VirtualRunner.RunAsync(ScenarioLoader.Load(path), fixture.Options with { TimeScale = 5 }, "free1");

        output.WriteLine(string.Join('\n', result.Primary.Log));
        var isolation = result.Primary.Kpis[KpiCatalog.LeakIsolationSeconds];
        Assert.InRange(isolation, 0.1, 5);
        Assert.True(result.Primary.Kpis[KpiCatalog.CriticalAlarmsRaised] >= 1, "LeakDetectedCritical raised");
        Assert.Contains("CDU clock 5× the wall clock", result.Primary.Log[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_of_a_virtual_run_names_its_target_in_every_JUnit_test_and_in_the_summary()
    {
        using var folder = new TempFolder();
        var report = new SuiteReport(fixture.Virtual, [], RequirementCatalog.Read(Repository.RequirementsMarkdown), BuildInfo.Current(Repository.Root),
            "virtual target test", VirtualTarget.Name, DateTimeOffset.UtcNow);

        ReportSet.Write(report, folder.Path);

        var junit = System.Xml.Linq.XDocument.Load(Path.Combine(folder.Path, ReportSet.JUnitFile));
        var cases = junit.Descendants("testcase").Where(t => !((string)t.Attribute("classname")!).EndsWith("golden", StringComparison.Ordinal)).ToList();
        Assert.Equal(fixture.Virtual.Sum(r => r.Verdicts.Count), cases.Count);
        Assert.All(cases, c => Assert.StartsWith("cooling-hil.virtual.virtual-", (string)c.Attribute("classname")!, StringComparison.Ordinal));
        Assert.Contains("\"target\": \"virtual\"", File.ReadAllText(Path.Combine(folder.Path, ReportSet.SummaryFile)), StringComparison.Ordinal);
    }
}
