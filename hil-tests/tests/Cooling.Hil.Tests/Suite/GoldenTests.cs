using Cooling.Hil.Golden;
using Cooling.Hil.Kpis;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;

namespace Cooling.Hil.Tests.Suite;

/// <summary>Golden results: a KPI moved beyond its tolerance is named; an update is deliberate and keeps hand-set tolerances.</summary>
public sealed class GoldenTests
{
    [Fact]
    public void A_change_that_moves_a_KPI_beyond_its_tolerance_is_reported_by_name()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("load-step-30-100"));

        var changed = SilRunner.Run(scenario, new RunOptions { FirmwareOverrides = new Dictionary<string, double> { ["valve.integralTimeSeconds"] = 60 } });
        var deviations = GoldenStore.Compare(changed);

        Assert.Contains(deviations, d => d.TestName == $"golden.load-step-30-100.fixed.{KpiCatalog.SupplyTemperatureIaeKelvinSeconds}");
        Assert.DoesNotContain(deviations, d => d.Kpi == KpiCatalog.MessagesRejected);
    }

    [Fact]
    public void An_update_writes_the_current_KPIs_and_keeps_tolerances_set_by_hand()
    {
        using var folder = new TempFolder();
        var source = folder.File("load-step-30-100.json");
        File.Copy(Repository.Scenario("load-step-30-100"), source);
        var scenario = ScenarioLoader.Load(source);
        var result = SilRunner.Run(scenario);
        var path = GoldenStore.Update(result);
        var file = GoldenStore.Read(path)!;
        file.Runs["fixed"][KpiCatalog.HottestGpuMaximumCelsius] = file.Runs["fixed"][KpiCatalog.HottestGpuMaximumCelsius] with { Tolerance = 0.001 };
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(file, Reports.JsonSummaryWriter.Options));

        Assert.Empty(GoldenStore.Compare(result));
        GoldenStore.Update(result);
        Assert.Equal(0.001, GoldenStore.Read(path)!.Runs["fixed"][KpiCatalog.HottestGpuMaximumCelsius].Tolerance);
        Assert.Equal(Path.Combine(folder.Path, "golden", "load-step-30-100.json"), path);
    }

    [Fact]
    public void A_scenario_without_golden_results_is_reported()
    {
        using var folder = new TempFolder();
        var source = folder.File("reservoir-low-low.json");
        File.Copy(Repository.Scenario("reservoir-low-low"), source);

        var deviations = GoldenStore.Compare(SilRunner.Run(ScenarioLoader.Load(source)));

        Assert.Equal("golden.reservoir-low-low.none.(no golden result)", Assert.Single(deviations).TestName);
    }
}
