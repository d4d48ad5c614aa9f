using Cooling.Supervisor.Alarms;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

public sealed class AlarmLifecycleTests
{
    private const string Gpu = "hall1/rack/r01/gpu/5";

    private static void Hold(AlarmTestHall hall, double hottest, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            hall.Rack(AlarmMessages.Rack(hottestGpu: hottest));
            hall.After(1);
        }
    }

    [Fact]
    public async Task Start_up_suppression_holds_threshold_alarms_back_and_raises_them_when_it_ends_if_the_condition_lasted()
    {
        var options = AlarmTestHall.Quick();
        options.StartupSuppressionSeconds = 60;
        await using var hall = new AlarmTestHall(options);
        hall.Cdu("state", AlarmMessages.State(online: false));

        Hold(hall, 90, 59);
        Assert.Null(hall.Find(AboveUpperCaution, Gpu));
        Assert.Null(hall.Find(AboveUpperCritical, Gpu));
        Assert.NotNull(hall.Find(CduOffline, "hall1/cdu/cdu1")); // status alarms are never suppressed

        Hold(hall, 90, 1);
        Assert.NotNull(hall.Find(AboveUpperCritical, Gpu));
        Assert.Equal(hall.Time.GetUtcNow(), hall.Find(AboveUpperCritical, Gpu)!.RaisedAt);
    }

    [Fact]
    public async Task Acknowledged_active_alarm_stays_open_until_it_clears_then_leaves()
    {
        await using var hall = new AlarmTestHall(AlarmTestHall.Quick());
        Hold(hall, 84, 6);
        var alarm = hall.Find(AboveUpperCaution, Gpu)!;

        var result = hall.Engine.Acknowledge(alarm.Id, "operator-anna");
        Assert.Equal(AcknowledgeOutcome.Acknowledged, result.Outcome);
        Assert.Equal("acknowledged", hall.Find(AboveUpperCaution, Gpu)!.State);
        Assert.Equal("operator-anna", hall.Find(AboveUpperCaution, Gpu)!.AcknowledgedBy);
        Assert.Equal(AcknowledgeOutcome.AlreadyAcknowledged, hall.Engine.Acknowledge(alarm.Id, "someone-else").Outcome);

        Hold(hall, 70, 4);
        Assert.Null(hall.Find(AboveUpperCaution, Gpu));
        Assert.Empty(hall.Open);
    }

    [Fact]
    public async Task A_cleared_alarm_stays_open_until_acknowledged_and_unknown_ids_are_refused()
    {
        await using var hall = new AlarmTestHall(AlarmTestHall.Quick());
        Hold(hall, 84, 6);
        Hold(hall, 70, 4);
        var cleared = Assert.Single(hall.Open);
        Assert.Equal("clearedUnacknowledged", cleared.State);

        Assert.Equal(AcknowledgeOutcome.NotFound, hall.Engine.Acknowledge(cleared.Id + 1000, "x").Outcome);
        Assert.Single(hall.Open);
        Assert.Equal(AcknowledgeOutcome.Acknowledged, hall.Engine.Acknowledge(cleared.Id, "operator-ben").Outcome);
        Assert.Empty(hall.Open);
    }

    [Fact]
    public async Task History_is_persisted_in_order_and_survives_reopening_the_database()
    {
        await using var hall = new AlarmTestHall(AlarmTestHall.Quick());
        var start = hall.Time.GetUtcNow();
        Hold(hall, 84, 6);
        var alarm = hall.Find(AboveUpperCaution, Gpu)!;
        hall.Time.Advance(TimeSpan.FromSeconds(2));
        hall.Engine.Acknowledge(alarm.Id, "operator-anna");
        Hold(hall, 70, 4);
        hall.Rack(AlarmMessages.Rack(hottestGpu: 70), rack: "r02");
        hall.After(1);

        using var reopened = new SqliteAlarmHistory(hall.HistoryPath);
        var entries = reopened.Query(start, hall.Time.GetUtcNow().AddSeconds(1), "hall1/rack/r01", 100);

        Assert.Equal([AlarmTransition.Raised, AlarmTransition.Acknowledged, AlarmTransition.Cleared], entries.Select(e => e.Transition));
        Assert.All(entries, e => Assert.Equal(alarm.Id, e.AlarmId));
        Assert.Equal("operator-anna", entries[1].By);
        Assert.Equal(84, entries[0].Value);
        Assert.Equal(AboveUpperCaution, entries[0].Code);
        Assert.Equal(alarm.RaisedAt, entries[0].At);
        Assert.Empty(reopened.Query(start, hall.Time.GetUtcNow(), "hall1/rack/r0", 100)); // a source prefix must end at a '/'
        Assert.Empty(reopened.Query(start, alarm.RaisedAt, null, 100));
    }
}
