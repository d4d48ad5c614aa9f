using Cooling.Hil.Cli;
using Cooling.Hil.Reports;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Tests.Virtual;

/// <summary><c>cooling-hil run --target virtual</c> as a user runs it: its own mosquitto, the firmware host beside it, the reports.</summary>
[Collection(VirtualTargetGroup.Name)]
public sealed class VirtualCommandTests
{
    [Fact]
    public void Without_a_broker_the_command_starts_its_own_mosquitto_runs_the_scenario_and_writes_reports_for_target_virtual()
    {
        using var folder = new TempFolder();
        var request = new RunRequest([Repository.Scenario("virtual-sensor-faults")], [], VirtualTarget.Name, null, "test", folder.Path, true, true, 0);

        var exit = Commands.Run(request, CancellationToken.None);

        Assert.Equal(Commands.Passed, exit);
        var summary = File.ReadAllText(Path.Combine(folder.Path, ReportSet.SummaryFile));
        Assert.Contains("\"target\": \"virtual\"", summary, StringComparison.Ordinal);
        Assert.Contains("\"scenariosPassed\": 1", summary, StringComparison.Ordinal);
        Assert.Contains("cooling-hil.virtual.virtual-sensor-faults", File.ReadAllText(Path.Combine(folder.Path, ReportSet.JUnitFile)), StringComparison.Ordinal);
        Assert.Empty(ReportSet.Verify(folder.Path));
    }

    [Fact]
    public void A_missing_firmware_host_or_a_bad_broker_address_stops_the_run_with_exit_code_2()
    {
        using var folder = new TempFolder();
        var scenario = Repository.Scenario("virtual-sensor-faults");

        Assert.Equal(Commands.Invalid, Commands.Run(new RunRequest([scenario], [], VirtualTarget.Name, null, "test", folder.Path, true, true, 0,
            BrokerUrl: "mqtt://127.0.0.1:9", CduHostPath: folder.File("Cdu.Firmware.Host.dll")), CancellationToken.None));
        Assert.Equal(Commands.Invalid, Commands.Run(new RunRequest([scenario], [], VirtualTarget.Name, null, "test", folder.Path, true, true, 0,
            BrokerUrl: "tcp://127.0.0.1:9"), CancellationToken.None));
        Assert.Equal(Commands.Invalid, Commands.Run(new RunRequest([scenario], [], VirtualTarget.Name, null, "test", folder.Path, true, true, 0,
            BrokerUrl: "mqtt://127.0.0.1:9", TimeScale: 1000), CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(folder.Path, ReportSet.JUnitFile)));
    }
}
