using Cooling.Supervisor.Alarms;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

/// <summary>
/// Open alarms survive a restart: a second supervisor on the same SQLite alarm history takes back the alarms the first
/// left open — ids, raise and clear times, values, thresholds, acknowledgements — clears the active ones as usual once
/// judged within limits, and keeps the cleared, unacknowledged ones until an operator acknowledges them.
/// </summary>
public sealed class AlarmRestoreTests : IDisposable
{
    private const string Gpu = "hall1/rack/r01/gpu/5";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-alarm-restore-");

    private string DatabasePath => Path.Combine(_folder.FullName, "supervisor.db");

    public void Dispose() => _folder.Delete(recursive: true);

    private static void Hold(AlarmTestHall hall, double hottest, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            hall.Rack(AlarmMessages.Rack(hottestGpu: hottest));
            hall.After(1);
        }
    }

    // The first supervisor: GPU 5 at 88 °C raises caution and critical; the critical is acknowledged; the CDU goes offline;
    // an earlier caution on rack r02 was raised and cleared. Returns the alarms open when it stopped.
    private async Task<IReadOnlyList<AlarmRecord>> RunFirstAsync()
    {
        await using var first = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath);
        for (var s = 0; s < 6; s++)
        {
            first.Rack(AlarmMessages.Rack(hottestGpu: 84), rack: "r02");
            first.After(1);
        }

        for (var s = 0; s < 4; s++)
        {
            first.Rack(AlarmMessages.Rack(hottestGpu: 60), rack: "r02");
            first.After(1);
        }

        Hold(first, 88, 6);
        first.Cdu("state", AlarmMessages.State(online: false));
        first.After(1);
        var critical = first.Find(AboveUpperCritical, Gpu)!;
        first.Time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(AcknowledgeOutcome.Acknowledged, first.Engine.Acknowledge(critical.Id, "operator-anna").Outcome);
        Assert.False(first.Find(AboveUpperCaution, "hall1/rack/r02/gpu/5")!.Active);
        return first.Open;
    }

    [Fact]
    public async Task A_restarted_supervisor_takes_back_the_open_alarms_with_their_acknowledgements()
    {
        var before = await RunFirstAsync();

        var options = AlarmTestHall.Quick();
        options.StartupSuppressionSeconds = 120;
        await using var second = new AlarmTestHall(options, DatabasePath, AlarmTestHall.Start.AddMinutes(10));

        var restored = second.Open;
        Assert.Equal(4, before.Count); // GPU caution, GPU critical, CduOffline, and r02's caution: cleared, not acknowledged
        Assert.Equal(3, before.Count(a => a.Active));
        Assert.Equal(before.OrderBy(a => a.Id).Select(a => (a.Id, a.Code, a.Source, a.Severity, a.RaisedAt, a.ClearedAt, a.Value, a.Threshold, a.AcknowledgedAt, a.AcknowledgedBy)),
            restored.OrderBy(a => a.Id).Select(a => (a.Id, a.Code, a.Source, a.Severity, a.RaisedAt, a.ClearedAt, a.Value, a.Threshold, a.AcknowledgedAt, a.AcknowledgedBy)));
        Assert.Equal("acknowledged", second.Find(AboveUpperCritical, Gpu)!.State);
        Assert.Equal("operator-anna", second.Find(AboveUpperCritical, Gpu)!.AcknowledgedBy);
        Assert.Equal("unacknowledged", second.Find(AboveUpperCaution, Gpu)!.State);
        Assert.Equal("clearedUnacknowledged", second.Find(AboveUpperCaution, "hall1/rack/r02/gpu/5")!.State);
        Assert.Equal("hall1", second.Find(CduOffline, "hall1/cdu/cdu1")!.SiteId);
        Assert.Equal(4, second.Engine.RestoredCount);

        // Still hot after the restart (start-up suppression in force): the restored alarms stand, none is raised twice.
        Hold(second, 88, 5);
        Assert.Equal(4, second.Open.Count);
        Assert.Equal(0, second.Engine.RaisedCount);

        // Cool again: cleared as usual (clear dwell 3 s), although start-up suppression still holds raises back.
        second.Cdu("state", AlarmMessages.State(online: true));
        Hold(second, 70, 4);
        Assert.Null(second.Find(AboveUpperCritical, Gpu)); // acknowledged and cleared: closed
        var caution = second.Find(AboveUpperCaution, Gpu)!;
        Assert.Equal("clearedUnacknowledged", caution.State);
        Assert.Equal(before.Single(a => a.Code == AboveUpperCaution && a.Source == Gpu).Id, caution.Id);
        Assert.False(second.Find(CduOffline, "hall1/cdu/cdu1")!.Active);
        Assert.Equal(3, second.Engine.ClearedCount);

        var history = second.History.Query(AlarmTestHall.Start, second.Time.GetUtcNow().AddSeconds(1), Gpu, 100);
        var critical = before.Single(a => a.Code == AboveUpperCritical).Id;
        Assert.Equal([AlarmTransition.Raised, AlarmTransition.Acknowledged, AlarmTransition.Cleared],
            history.Where(e => e.AlarmId == critical).Select(e => e.Transition));
        Assert.Equal(87, history.First(e => e.AlarmId == critical).Threshold);
    }

    [Fact]
    public async Task After_a_second_restart_what_is_still_open_comes_back_and_an_acknowledged_cleared_alarm_is_closed_for_good()
    {
        await RunFirstAsync();
        await using (var second = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(10)))
        {
            second.Cdu("state", AlarmMessages.State(online: true));
            Hold(second, 84, 4); // GPU 5 cools below critical − hysteresis (85 °C), stays above caution
            Assert.False(second.Find(AboveUpperCritical, Gpu)?.Active ?? false);
        }

        long r02;
        await using (var third = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(20)))
        {
            // The caution still active; the CDU's offline alarm and r02's caution cleared, waiting for acknowledgement;
            // the acknowledged critical cleared in the second run: closed, not back.
            Assert.Equal([(AboveUpperCaution, Gpu, true), (CduOffline, "hall1/cdu/cdu1", false), (AboveUpperCaution, "hall1/rack/r02/gpu/5", false)],
                third.Open.OrderByDescending(a => a.Active).ThenBy(a => a.Source, StringComparer.Ordinal).Select(a => (a.Code, a.Source, a.Active)));
            var open = third.Find(AboveUpperCaution, Gpu)!;
            Assert.True(third.Engine.Acknowledge(open.Id, "operator-ben").Outcome == AcknowledgeOutcome.Acknowledged);
            r02 = third.Find(AboveUpperCaution, "hall1/rack/r02/gpu/5")!.Id;
            Assert.True(third.Engine.Acknowledge(r02, "operator-ben").Outcome == AcknowledgeOutcome.Acknowledged);
            Assert.Null(third.Find(AboveUpperCaution, "hall1/rack/r02/gpu/5")); // cleared and acknowledged: closed
            Hold(third, 70, 4);
            Assert.Equal([CduOffline], third.Open.Select(a => a.Code));
        }

        await using var fourth = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(30));
        Assert.Equal([CduOffline], fourth.Open.Select(a => a.Code));
        Assert.Equal(AcknowledgeOutcome.NotFound, fourth.Engine.Acknowledge(r02, "operator-ben").Outcome);
    }

    [Fact]
    public async Task An_active_alarm_of_the_former_per_rack_GPU_sources_is_cleared_at_restart_and_waits_for_acknowledgement()
    {
        // A history written by the version before per-GPU alarms: the rack's hottest GPU under "…/gpu", active at its stop.
        using (var history = new SqliteAlarmHistory(DatabasePath))
        {
            history.Record(new AlarmHistoryEntry(AlarmTestHall.Start, 1_764_000_000_001, AlarmTransition.Raised, AlarmOrigin.Supervisor, AboveUpperCaution,
                AlarmSeverity.Warning, "hall1/rack/r01/gpu", "GPU 5 of rack r01 at 84.0 °C (threshold 83.0 °C)", 84, null, 83));
            history.Record(new AlarmHistoryEntry(AlarmTestHall.Start, 1_764_000_000_002, AlarmTransition.Raised, AlarmOrigin.Supervisor, AboveUpperCaution,
                AlarmSeverity.Warning, "hall1/rack/r01/gpuMemory", "memory of GPU 2 of rack r01 at 91.0 °C (threshold 90.0 °C)", 91, null, 90));
        }

        await using var upgraded = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(10));

        Assert.Equal(2, upgraded.Open.Count);
        Assert.All(upgraded.Open, a => Assert.Equal("clearedUnacknowledged", a.State));
        Assert.Equal(2, upgraded.Engine.ClearedCount);
        var cleared = upgraded.History.Query(AlarmTestHall.Start, upgraded.Time.GetUtcNow().AddSeconds(1), "hall1/rack/r01/gpu", 10);
        Assert.Equal([AlarmTransition.Raised, AlarmTransition.Cleared], cleared.Select(e => e.Transition));
        foreach (var alarm in upgraded.Open) upgraded.Engine.Acknowledge(alarm.Id, "operator-anna");
        Assert.Empty(upgraded.Open);

        // The rack's GPUs are judged per GPU from now on.
        Hold(upgraded, 84, 6);
        Assert.NotNull(upgraded.Find(AboveUpperCaution, Gpu));
    }
}
