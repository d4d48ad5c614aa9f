using Cdu.Firmware;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Tests;

/// <summary>The certification scenarios in hil-tests/scenarios, run on the SIL target inside dotnet test.</summary>
public sealed class CertificationSuiteTests
{
    public static string ScenarioFolder { get; } = FindScenarios();

    public static TheoryData<string> Scenarios() => [.. Directory.GetFiles(ScenarioFolder, "*.json").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_passes_every_criterion_on_SIL(string file)
    {
        var result = SilRunner.Run(ScenarioLoader.Load(Path.Combine(ScenarioFolder, file)));

        Assert.All(result.Verdicts, v => Assert.True(v.Passed,
            $"{v.Criterion.Requirement} {v.Criterion.Kpi} = {v.Value} outside [{v.Criterion.Minimum}, {v.Criterion.Maximum}]"));
    }

    [Fact]
    public void SIL_runs_are_deterministic()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioFolder, "supply-load-steps.json"));

        Assert.Equal(SilRunner.Run(scenario).Trace, SilRunner.Run(scenario).Trace);
    }

    [Fact]
    public void CTL_2_fails_when_the_valve_loop_is_detuned()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioFolder, "supply-load-steps.json"));
        var detuned = new CduSettings { ValveProportionalGainPercentPerKelvin = 0.5, ValveIntegralTimeSeconds = 900 };

        var result = SilRunner.Run(scenario, detuned);

        Assert.False(result.Passed);
        Assert.Contains(result.Verdicts, v => v.Criterion.Requirement == "CTL-2" && !v.Passed);
    }

    [Fact]
    public void COM_1_fails_when_the_firmware_ignores_lease_expiry()
    {
        var scenario = ScenarioLoader.Load(Path.Combine(ScenarioFolder, "lease-loss-fallback.json"));
        var neverExpiring = new CduSettings { LeaseMaximumSeconds = 100_000 };
        var longLease = scenario with { Supervisor = scenario.Supervisor! with { LeaseSeconds = 100_000 } };

        var result = SilRunner.Run(longLease, neverExpiring);

        Assert.Contains(result.Verdicts, v => v.Criterion.Kpi == Kpis.FallbackModeFraction && !v.Passed);
    }

    private static string FindScenarios()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "hil-tests", "scenarios")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory!.FullName, "hil-tests", "scenarios");
    }
}
