using Cooling.Hil.Kpis;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Suite;

/// <summary>The certification scenarios of hil-tests/scenarios, run on the SIL target inside dotnet test.</summary>
[Collection(CertificationSuite.Name)]
public sealed class CertificationSuiteTests(SuiteFixture suite, ITestOutputHelper output)
{
    public static TheoryData<string> ScenarioNames() =>
        [.. Directory.GetFiles(Repository.Scenarios, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Scenario_meets_every_criterion_on_SIL(string name)
    {
        var result = suite.Result(name);

        foreach (var v in result.Verdicts) output.WriteLine($"{(v.Passed ? "pass" : "FAIL")} {v.Criterion.Requirement} {v.Criterion.Kpi} = {Runs.Verdict.Format(v.Value)} ({v.Limits})");
        Assert.All(result.Verdicts, v => Assert.True(v.Passed,
            $"{v.Criterion.Requirement}: {v.Criterion.Kpi} = {Runs.Verdict.Format(v.Value)}, required {v.Limits} — {v.Criterion.Text}"));
    }

    [Fact]
    public void Every_KPI_stays_within_its_golden_tolerance()
    {
        output.WriteLine($"suite: {suite.Results.Count} scenarios, {suite.Results.Sum(r => r.Runs.Count)} runs, {suite.WallTime.TotalSeconds:F1} s wall time");

        Assert.True(suite.Report.GoldenDeviations.Count == 0, "KPIs moved beyond tolerance:\n" + string.Join("\n", suite.Report.GoldenDeviations));
    }

    [Fact]
    public void The_library_holds_at_least_20_scenarios_and_the_24_h_reference_day()
    {
        var day = suite.Result("reference-day-24h");

        output.WriteLine($"24 h reference day: {day.WallTime.TotalSeconds:F1} s wall time for {day.Runs.Count} planner run(s) in parallel");
        Assert.True(suite.Scenarios.Count >= 20, $"{suite.Scenarios.Count} scenarios");
        Assert.Equal(86_400, day.Scenario.DurationSeconds);
        Assert.Equal(0, day.Primary.Kpis[KpiCatalog.HottestGpuSecondsAbove85Celsius]);
    }

    [Fact]
    public void SIL_runs_are_deterministic_for_a_seed_and_differ_between_seeds()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("load-step-30-100"));

        var again = SilRunner.Run(scenario, new RunOptions { Baselines = false });
        var otherSeed = SilRunner.Run(scenario, new RunOptions { Baselines = false, Seed = 2 });

        Assert.Equal(suite.Result("load-step-30-100").Primary.Kpis, again.Primary.Kpis);
        Assert.Equal(suite.Result("load-step-30-100").Trace, again.Trace);
        Assert.NotEqual(again.Primary.Kpis[KpiCatalog.SupplyTemperatureIaeKelvinSeconds], otherSeed.Primary.Kpis[KpiCatalog.SupplyTemperatureIaeKelvinSeconds]);
    }
}
