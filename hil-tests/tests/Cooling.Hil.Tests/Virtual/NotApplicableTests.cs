using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Cooling.Hil.Cli;
using Cooling.Hil.Reports;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Tests.Virtual;

/// <summary>A scenario that needs what only the in-process SIL target gives is reported as not applicable on the virtual target, with the reason — never run half, never passed.</summary>
public sealed class NotApplicableTests
{
    [Theory]
    [InlineData("watchdog-hang", "fault controllerHang stops the control cycle inside the firmware's process")]
    [InlineData("broker-outage", "fault brokerOutage: the HIL I/O topics share the CDU's one broker")]
    [InlineData("malformed-burst", "criterion actuatorDivergencePercent compares the actuators with a lockstep twin lane")]
    [InlineData("pump-rotation", "initial.pumpRunHours are set on the firmware's pump table in process")]
    [InlineData("reference-day-24h", "criterion coolingEnergySavingVersusFixedPercent needs the baseline planners")]
    public void A_scenario_needing_what_only_SIL_gives_is_not_applicable_with_the_reason(string name, string reason)
    {
        var reasons = VirtualTarget.NotApplicableReasons(ScenarioLoader.Load(Repository.Scenario(name)));

        Assert.Contains(reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Scenarios_that_only_touch_the_plant_and_the_contract_are_applicable()
    {
        foreach (var name in new[] { "leak-critical-isolation", "pump-trip-failover", "sensor-open-short", "lease-loss-transit", "manual-auto-transfer" })
        {
            Assert.Empty(VirtualTarget.NotApplicableReasons(ScenarioLoader.Load(Repository.Scenario(name))));
        }
    }

    [Fact]
    public void A_virtual_run_of_a_scenario_that_cannot_run_there_reports_it_not_applicable_and_skipped_in_JUnit_and_starts_nothing()
    {
        using var folder = new TempFolder();
        var request = new RunRequest([Repository.Scenario("watchdog-hang")], [], VirtualTarget.Name, null, "test", folder.Path, true, true, 0,
            BrokerUrl: "mqtt://127.0.0.1:9", CduHostPath: VirtualRunner.DefaultCduHostPath);

        var exit = Commands.Run(request, CancellationToken.None);

        // Nothing failed, so the exit code is 0 — but nothing passed either: the report says why it did not run.
        Assert.Equal(Commands.Passed, exit);
        var junit = XDocument.Load(Path.Combine(folder.Path, ReportSet.JUnitFile));
        var schemas = new XmlSchemaSet();
        using (var xsd = JUnitReportWriter.OpenSchema()) schemas.Add(null, XmlReader.Create(xsd));
        var errors = new List<string>();
        junit.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.Empty(errors);
        var suite = junit.Descendants("testsuite").Single(s => (string)s.Attribute("name")! == "watchdog-hang");
        Assert.Equal("1", (string)suite.Attribute("skipped")!);
        var skipped = Assert.Single(suite.Descendants("skipped"));
        Assert.StartsWith("not applicable on target virtual: fault controllerHang", (string)skipped.Attribute("message")!, StringComparison.Ordinal);
        var summary = File.ReadAllText(Path.Combine(folder.Path, ReportSet.SummaryFile));
        Assert.Contains("\"scenariosPassed\": 0", summary, StringComparison.Ordinal);
        Assert.Contains("controllerHang stops the control cycle", summary, StringComparison.Ordinal);
        Assert.Contains("Not applicable on target virtual", File.ReadAllText(Path.Combine(folder.Path, ReportSet.HtmlFile)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_a_not_applicable_scenario_directly_is_refused_with_the_reason()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("watchdog-hang"));

        var error = await Assert.ThrowsAsync<ScenarioException>(() => VirtualRunner.RunAsync(scenario,
            new VirtualRunOptions { BrokerUrl = "mqtt://127.0.0.1:9", CduHostPath = VirtualRunner.DefaultCduHostPath }));

        Assert.Contains("not applicable on target virtual: fault controllerHang", error.Message, StringComparison.Ordinal);
    }
}
