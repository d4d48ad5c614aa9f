using Cooling.Supervisor.Alarms;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

/// <summary>
/// Open alarms survive a restart: a second supervisor on the same SQLite alarm history takes back the alarms the first
/// left active — ids, raise times, values, thresholds, acknowledgements — and clears them as usual once judged within limits.
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
    public async Task A_restarted_supervisor_takes_back_the_active_alarms_with_their_acknowledgements()
    {
        var before = await RunFirstAsync();

        var options = AlarmTestHall.Quick();
        options.StartupSuppressionSeconds = 120;
        await using var second = new AlarmTestHall(options, DatabasePath, AlarmTestHall.Start.AddMinutes(10));

        var restored = second.Open;
        var active = before.Where(a => a.Active).OrderBy(a => a.Id).ToList();
        Assert.Equal(3, active.Count); // GPU caution, GPU critical, CduOffline (the r02 alarm had cleared: not restored)
        Assert.Equal(active.Select(a => (a.Id, a.Code, a.Source, a.Severity, a.RaisedAt, a.Value, a.Threshold, a.AcknowledgedAt, a.AcknowledgedBy)),
            restored.OrderBy(a => a.Id).Select(a => (a.Id, a.Code, a.Source, a.Severity, a.RaisedAt, a.Value, a.Threshold, a.AcknowledgedAt, a.AcknowledgedBy)));
        Assert.Equal("acknowledged", second.Find(AboveUpperCritical, Gpu)!.State);
        Assert.Equal("operator-anna", second.Find(AboveUpperCritical, Gpu)!.AcknowledgedBy);
        Assert.Equal("unacknowledged", second.Find(AboveUpperCaution, Gpu)!.State);
        Assert.Equal("hall1", second.Find(CduOffline, "hall1/cdu/cdu1")!.SiteId);
        Assert.Equal(3, second.Engine.RestoredCount);

        // Still hot after the restart (start-up suppression in force): the restored alarms stand, none is raised twice.
        Hold(second, 88, 5);
        Assert.Equal(3, second.Open.Count);
        Assert.Equal(0, second.Engine.RaisedCount);

        // Cool again: cleared as usual (clear dwell 3 s), although start-up suppression still holds raises back.
        second.Cdu("state", AlarmMessages.State(online: true));
        Hold(second, 70, 4);
        Assert.Null(second.Find(AboveUpperCritical, Gpu)); // acknowledged and cleared: closed
        var caution = second.Find(AboveUpperCaution, Gpu)!;
        Assert.Equal("clearedUnacknowledged", caution.State);
        Assert.Equal(active.Single(a => a.Code == AboveUpperCaution).Id, caution.Id);
        Assert.False(second.Find(CduOffline, "hall1/cdu/cdu1")!.Active);
        Assert.Equal(3, second.Engine.ClearedCount);

        var history = second.History.Query(AlarmTestHall.Start, second.Time.GetUtcNow().AddSeconds(1), Gpu, 100);
        var critical = active.Single(a => a.Code == AboveUpperCritical).Id;
        Assert.Equal([AlarmTransition.Raised, AlarmTransition.Acknowledged, AlarmTransition.Cleared],
            history.Where(e => e.AlarmId == critical).Select(e => e.Transition));
        Assert.Equal(87, history.First(e => e.AlarmId == critical).Threshold);
    }

    [Fact]
    public async Task After_a_second_restart_only_what_is_still_active_comes_back()
    {
        await RunFirstAsync();
        await using (var second = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(10)))
        {
            second.Cdu("state", AlarmMessages.State(online: true));
            Hold(second, 84, 4); // GPU 5 cools below critical − hysteresis (85 °C), stays above caution
            Assert.False(second.Find(AboveUpperCritical, Gpu)?.Active ?? false);
        }

        await using var third = new AlarmTestHall(AlarmTestHall.Quick(), DatabasePath, AlarmTestHall.Start.AddMinutes(20));
        var open = Assert.Single(third.Open);
        Assert.Equal((AboveUpperCaution, Gpu), (open.Code, open.Source));
        Assert.True(third.Engine.Acknowledge(open.Id, "operator-ben").Outcome == AcknowledgeOutcome.Acknowledged);
        Hold(third, 70, 4);
        Assert.Empty(third.Open);
    }
}
