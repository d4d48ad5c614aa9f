using Cooling.Hil.Cli;
using Cooling.Hil.Device;
using Cooling.Hil.Reports;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Tests.Device;

/// <summary>What the device target refuses before it touches a CDU: scenarios it cannot run (with the reason), and a command line without the CDU's address.</summary>
public sealed class DeviceRulesTests
{
    [Theory]
    [InlineData("watchdog-hang", "fault controllerHang stops the control cycle inside the firmware: a device offers no way in")]
    [InlineData("broker-outage", "fault brokerOutage: the HIL I/O topics share the CDU's one broker")]
    [InlineData("pump-rotation", "initial.pumpRunHours are set on the firmware's pump table in process; a device keeps its own run hours")]
    [InlineData("reference-day-24h", "criterion coolingEnergySavingVersusFixedPercent needs the baseline planners")]
    public void A_scenario_the_virtual_target_cannot_run_is_not_applicable_on_a_device_either_with_the_reason(string name, string reason)
    {
        var reasons = DeviceTarget.NotApplicableReasons(ScenarioLoader.Load(Repository.Scenario(name)));

        Assert.Contains(reasons, r => r.StartsWith(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_scenario_the_virtual_target_runs_is_applicable_on_a_device()
    {
        var scenarios = ScenarioSelection.Load([Repository.Scenarios], []);

        foreach (var s in scenarios) Assert.Equal(VirtualTarget.NotApplicableReasons(s).Count == 0, DeviceTarget.NotApplicableReasons(s).Count == 0);
        Assert.Contains(scenarios, s => DeviceTarget.NotApplicableReasons(s).Count == 0 && s.Supervisor is null);
        Assert.Contains(scenarios, s => DeviceTarget.NotApplicableReasons(s).Count == 0 && s.Supervisor is not null);
    }

    [Fact]
    public void The_device_command_without_the_CDU_s_broker_site_and_id_or_with_a_bad_time_stops_with_exit_code_2_and_writes_no_report()
    {
        using var folder = new TempFolder();
        var scenario = Repository.Scenario("virtual-leak-isolation");
        RunRequest Request(string? broker, string? site, string? cdu, double? attach = null) =>
            new([scenario], [], DeviceTarget.Name, null, "test", folder.Path, true, true, 0, BrokerUrl: broker, SiteId: site, CduId: cdu, AttachTimeoutSeconds: attach);

        Assert.Equal(Commands.Invalid, Commands.Run(Request(null, "lab", "cdu1"), CancellationToken.None));
        Assert.Equal(Commands.Invalid, Commands.Run(Request("mqtt://127.0.0.1:9", "lab", null), CancellationToken.None));
        Assert.Equal(Commands.Invalid, Commands.Run(Request("tcp://127.0.0.1:9", "lab", "cdu1"), CancellationToken.None));
        Assert.Equal(Commands.Invalid, Commands.Run(Request("mqtt://127.0.0.1:9", "lab", "cdu1", attach: -1), CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(folder.Path, ReportSet.JUnitFile)));
    }
}
