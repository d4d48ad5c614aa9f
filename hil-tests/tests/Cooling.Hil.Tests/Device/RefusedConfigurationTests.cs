using Cooling.Hil.Device;
using Cooling.Hil.Reports;
using Cooling.Hil.Requirements;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;
using Cooling.Hil.Rig;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Device;

/// <summary>A configuration update the running CDU refuses fails the scenario with the CDU's reason, and the reports say so.</summary>
[Collection(DeviceTargetGroup.Name)]
public sealed class RefusedConfigurationTests(RunningCduFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_CDU_that_refuses_the_scenario_s_configuration_fails_the_scenario_with_its_reason_and_plays_no_plant()
    {
        // A CDU whose configuration storage cannot keep a record (its config.json is a folder) refuses every update with the reason.
        using var state = new TempFolder();
        Directory.CreateDirectory(Path.Combine(state.Path, "config.json"));
        using var cdu = await RunningCduFixture.StartLockstepCduAsync(fixture.Broker.Url, "refuser", "--state-dir", state.Path);
        var scenario = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));

        var result = await DeviceRunner.RunAsync(scenario, fixture.Options with { CduId = "refuser", Lockstep = new LockstepClock(), AttachTimeout = TimeSpan.FromSeconds(30) });

        output.WriteLine(string.Join('\n', result.Primary.Log));
        Assert.False(result.Passed);
        Assert.All(result.Verdicts, v => Assert.True(double.IsNaN(v.Value), $"{v.Criterion.Kpi} not measured"));
        Assert.Equal("the CDU bench/refuser refused the scenario's configuration: the storage refused to keep it; the configuration in force is unchanged", result.Primary.Log[^1]);
        Assert.Empty(result.Primary.Trace);

        using var folder = new TempFolder();
        var report = new SuiteReport([result], [], RequirementCatalog.Read(Repository.RequirementsMarkdown), BuildInfo.Current(Repository.Root),
            "device target test", DeviceTarget.Name, DateTimeOffset.UtcNow);
        ReportSet.Write(report, folder.Path);
        var junit = File.ReadAllText(Path.Combine(folder.Path, ReportSet.JUnitFile));
        Assert.Contains("cooling-hil.device.virtual-leak-isolation", junit, StringComparison.Ordinal);
        Assert.Contains("the storage refused to keep it; the configuration in force is unchanged", File.ReadAllText(Path.Combine(folder.Path, ReportSet.HtmlFile)), StringComparison.Ordinal);
        await cdu.SignalAsync("TERM");
    }
}
