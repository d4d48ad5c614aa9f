using Cooling.Models;
using Cooling.Supervisor.Alarms;
using Xunit.Abstractions;

namespace Cooling.Hall.Tests;

/// <summary>
/// The supervisor's plausibility checks on honest telemetry: the twin's hall (the firmware core on the plant physics,
/// RTD lag and noise included) through idle, a training job starting and stopping (6 s power swings, a checkpoint)
/// and 30 % ↔ 100 % load steps on every rack. The loop's thermal lag after each step must not look like a lie.
/// </summary>
public sealed class HeatBalanceTwinTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SEC_20_honest_twin_telemetry_through_job_starts_and_load_steps_raises_no_heat_balance_alarm()
    {
        var training = Workloads.SynchronizedTraining(new SynchronizedTrainingWorkload
        {
            FirstJobStart = TimeSpan.FromMinutes(5),
            JobDuration = TimeSpan.FromMinutes(7),
            JobGap = TimeSpan.FromMinutes(3),
            CheckpointInterval = TimeSpan.FromMinutes(4),
        });
        var steps = Workloads.StaggeredSteps(TimeSpan.FromMinutes(4), 0.3, 1.0);
        RackUtilization workload = (t, loop, rack) => t < TimeSpan.FromMinutes(20) ? training(t, loop, rack) : steps(t, loop, rack);
        await using var harness = await HallHarness.StartAsync("embedded", new HallOptions { SupplyTemperatureCelsius = 30, RacksPerCdu = 4 }, workload);
        var supervisor = harness.Hall.Supervisor;
        var lowest = double.MaxValue;
        var highest = 0.0;

        await harness.RunAsync(TimeSpan.FromMinutes(34), _ =>
        {
            var power = supervisor.Hall.Racks.Sum(r => r.Telemetry.PowerWatts);
            lowest = Math.Min(lowest, power);
            highest = Math.Max(highest, power);
            supervisor.Alarms.Evaluate();
        });

        var balance = supervisor.Hall.Cdus.Single().Snapshot().HeatBalance;
        output.WriteLine($"rack heat {lowest / 1000:F0} … {highest / 1000:F0} kW; {balance.JudgedMessages} CDU messages judged, {balance.ImplausibleMessages} beyond the bounds; latest: {balance.Reason}");
        Assert.True(highest > 3 * lowest, $"the load must swing: {lowest / 1000:F0} … {highest / 1000:F0} kW"); // idle → training → full steps
        Assert.True(balance.JudgedMessages > 25 * 60, $"only {balance.JudgedMessages} messages were judged against the balance");
        Assert.False(balance.Implausible, balance.Reason);
        Assert.True(balance.ImplausibleMessages == 0, $"{balance.ImplausibleMessages} honest messages judged implausible; latest: {balance.Reason}");
        Assert.Equal(0, supervisor.Coordinator.Trust.RackMessagesRejected);
        Assert.Equal(0, supervisor.Coordinator.Trust.CduMessagesImplausible);
        Assert.DoesNotContain(supervisor.Alarms.Engine.Open(), a => a.Code is HallAlarmRules.CduHeatBalanceImplausible or HallAlarmRules.RackTelemetryImplausible);
    }
}
