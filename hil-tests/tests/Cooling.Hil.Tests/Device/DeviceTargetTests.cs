using System.Text;
using Cdu.Firmware.Host;
using Cdu.Firmware.Messages;
using Cooling.Hil.Cli;
using Cooling.Hil.Device;
using Cooling.Hil.Reports;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;
using Xunit.Abstractions;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Tests.Device;

/// <summary>
/// The device target against a CDU it did not start: scenarios back to back on one running virtual CDU process (its
/// clock in lockstep with the rig's plant), each attached over the broker, reset and configured, with the verdicts SIL
/// gives — every criterion judged, since no stall of the machine can change what happens on the CDU's clock.
/// </summary>
[Collection(DeviceTargetGroup.Name)]
public sealed class DeviceTargetTests(RunningCduFixture fixture, ITestOutputHelper output)
{
    // A parameter that does not touch the leak case but would refuse every 10 s lease of virtual-lease-loss if it stayed.
    private static readonly Dictionary<string, double> ShortLeasesOnly = new() { ["lease.maximumSeconds"] = 5 };

    [Fact]
    public async Task Scenarios_run_back_to_back_on_one_running_CDU_with_SIL_verdicts_and_each_starts_clean()
    {
        var leak = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));
        var lease = ScenarioLoader.Load(Repository.Scenario("virtual-lease-loss"));

        // 1. The leak case, with a configuration of its own.
        var first = await DeviceRunner.RunAsync(leak, fixture.Options with { FirmwareOverrides = ShortLeasesOnly });
        Print(first);
        AssertSameVerdictsAsSil(first, SilRunner.Run(leak, new RunOptions { FirmwareOverrides = ShortLeasesOnly, Baselines = false }));
        Assert.Contains(first.Primary.Log, l => l == "configuration applied: all 63 parameters (the defaults but lease.maximumSeconds 5)");

        // 2. Between runs a supervisor elsewhere leases the CDU in a later epoch with a high sequence number (it takes the request at its
        //    next control cycle: its clock stands until a rig moves it).
        var topics = new CduTopics(RunningCduFixture.SiteId, RunningCduFixture.CduId);
        await using var otherSupervisor = new MqttConnection(BrokerConnectionOptions.Parse(fixture.Broker.Url), new MqttSessionOptions { ClientId = "other-supervisor" });
        await otherSupervisor.StartAsync(TimeSpan.FromSeconds(10));
        var request = Encoding.UTF8.GetBytes("""{"v":1,"epoch":7,"seq":5000,"leaseSeconds":5,"supplyTemperatureCelsius":29.0}""");
        otherSupervisor.Publish(topics.SetpointRequest, request, request.Length, 1, false);
        await otherSupervisor.StopAsync(TimeSpan.FromSeconds(2)); // (sends what is queued first)

        // 3. Both scenarios in one device run, the one with a supervisor first: each starts clean — its configuration (the
        //    defaults again), the lease left before it released, a reset CDU — and its requests go above the CDU's last seen.
        var (results, notApplicable) = await DeviceRunner.RunAllAsync([lease, leak], fixture.Options);

        Assert.Empty(notApplicable);
        Assert.Equal([lease.Name, leak.Name], results.Select(r => r.Scenario.Name));
        var second = results[0];
        Print(second);
        Assert.Equal(DeviceTarget.Name, second.Target);
        AssertSameVerdictsAsSil(second, SilRunner.Run(lease, new RunOptions { Baselines = false }));
        var log = second.Primary.Log;
        Assert.Contains(log, l => l.StartsWith("attached to the CDU bench/dut1: mode ", StringComparison.Ordinal) && l.Contains(", last accepted request seq 5000,", StringComparison.Ordinal));
        Assert.Contains(log, l => l == "lease released (the CDU had accepted requests up to seq 5000)");
        Assert.Contains(log, l => l == "configuration applied: all 63 parameters (the defaults)");
        Assert.Contains(log, l => l == "the CDU bench/dut1 reset and started: mode startup");
        Assert.NotEmpty(second.Primary.Requests);
        Assert.All(second.Primary.Requests, r => Assert.True(r.Sequence > 5_000, $"request seq {r.Sequence}"));
        Assert.Contains(second.Primary.Requests, r => r.Status == "accepted");

        // The leak case after the lease-loss case (whose supervisor leased the CDU): released, it runs as on SIL.
        var third = results[1];
        Print(third);
        AssertSameVerdictsAsSil(third, SilRunner.Run(leak, new RunOptions { Baselines = false }));
        Assert.Contains(third.Primary.Log, l => l.StartsWith("lease released (the CDU had accepted requests up to seq ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_CDU_that_never_answers_stops_the_run_with_a_clear_error_after_the_attach_timeout()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));

        var error = await Assert.ThrowsAsync<DeviceRunException>(() =>
            DeviceRunner.RunAsync(scenario, fixture.Options with { CduId = "absent", Lockstep = new LockstepClock(), AttachTimeout = TimeSpan.FromSeconds(2) }));

        output.WriteLine(error.Message);
        Assert.Equal($"the CDU bench/absent published no telemetry on {fixture.Broker.Url} within 2 s: check that it is powered up (with its HIL jumper), connected to this broker, and that --site and --cdu name it (cooling/v1/bench/cdu/absent/telemetry)", error.Message);
    }

    [Fact]
    public async Task A_CDU_held_in_shutdown_by_a_trip_the_rig_cannot_clear_stops_the_run_with_the_reason_after_the_attach_timeout()
    {
        // The scenario's reservoir starts below low-low: reset cannot clear that trip, so the CDU never reaches startup.
        using var folder = new TempFolder();
        var path = folder.File("empty-reservoir.json");
        await File.WriteAllTextAsync(path, """
            {"name":"empty-reservoir","requirements":["SAF-2"],"durationSeconds":10,"initial":{"settleSeconds":5,"reservoirLevelPercent":5},
             "workload":{"kind":"constant","utilization":0.5},
             "criteria":[{"requirement":"SAF-2","kpi":"pumpsStoppedFraction","minimum":1}]}
            """);

        var error = await Assert.ThrowsAsync<DeviceRunException>(() =>
            DeviceRunner.RunAsync(ScenarioLoader.Load(path), fixture.Options with { AttachTimeout = TimeSpan.FromSeconds(3) }));

        output.WriteLine(error.Message);
        Assert.StartsWith("the CDU bench/dut1 did not report mode startup within 3 s of the reset and start commands, sent three times (mode shutdown): a trip whose cause is still there keeps it in shutdown", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_command_line_against_a_CDU_that_never_answers_stops_with_exit_code_2_and_writes_no_report()
    {
        using var folder = new TempFolder();
        var request = new RunRequest([Repository.Scenario("virtual-leak-isolation")], [], DeviceTarget.Name, null, "test", folder.Path, true, true, 0,
            BrokerUrl: fixture.Broker.Url, TimeScale: RunningCduFixture.TimeScale, SiteId: RunningCduFixture.SiteId, CduId: "absent", AttachTimeoutSeconds: 1);

        Assert.Equal(Commands.Invalid, Commands.Run(request, CancellationToken.None));
        Assert.False(File.Exists(Path.Combine(folder.Path, ReportSet.JUnitFile)));
    }

    // Every criterion is judged: in lockstep the CDU's cycle at t reads the scan of t whatever the machine's load.
    private void AssertSameVerdictsAsSil(ScenarioResult onDevice, ScenarioResult onSil)
    {
        Assert.Contains(" 0 with the rig's scans stale", onDevice.Primary.Log[^1], StringComparison.Ordinal);
        Assert.Contains("CDU clock in lockstep with the plant", onDevice.Primary.Log[^1], StringComparison.Ordinal);
        Assert.Equal(onSil.Verdicts.Count, onDevice.Verdicts.Count);
        for (var v = 0; v < onSil.Verdicts.Count; v++)
        {
            var (sil, device) = (onSil.Verdicts[v], onDevice.Verdicts[v]);
            output.WriteLine($"{onDevice.Scenario.Name} {sil.Criterion.Requirement} {sil.Criterion.Kpi}: SIL {Verdict.Format(sil.Value)}, device {Verdict.Format(device.Value)}");
            Assert.True(sil.Passed == device.Passed,
                $"{onDevice.Scenario.Name} {sil.Criterion.Kpi}: SIL {Verdict.Format(sil.Value)} ({sil.Passed}), device {Verdict.Format(device.Value)} ({device.Passed})\n{string.Join('\n', onDevice.Primary.Log)}");
        }
    }

    private void Print(ScenarioResult result)
    {
        output.WriteLine($"{result.Scenario.Name}: {result.WallTime.TotalSeconds:F1} s wall");
        foreach (var line in result.Primary.Log) output.WriteLine("  " + line);
    }
}
