namespace Cooling.Supervisor.Tests.Service;

/// <summary>The service plans every 0.2 s of its clock, a loop only when its telemetry is new or a second has passed; /metrics counts it.</summary>
public sealed class PlanningCadenceServiceTests
{
    [Fact]
    public async Task Rounds_every_fifth_of_a_second_plan_new_telemetry_and_otherwise_once_a_second()
    {
        await using var service = await RunningService.StartAsync();
        await service.PublishAsync("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry(1));
        await RunningService.EventuallyAsync(() => Task.FromResult(service.Runtime.Supervisor.Hall.TryGetCdu("hall1", "cdu1", out var c) && c!.Telemetry is not null),
            "the CDU's telemetry ingested");

        service.Time.Advance(TimeSpan.FromSeconds(0.2)); // the first round plans the new telemetry and sends the first request
        await RunningService.EventuallyAsync(async () => await service.MetricAsync("cooling_planner_loops_planned_total") == 1, "one loop planned");
        Assert.Equal(1, await service.MetricAsync("cooling_planner_setpoint_requests_sent_total"));

        for (var i = 0; i < 4; i++) service.Time.Advance(TimeSpan.FromSeconds(0.2)); // four more rounds, nothing new
        Assert.Equal(1, await service.MetricAsync("cooling_planner_loops_planned_total"));
        service.Time.Advance(TimeSpan.FromSeconds(0.2)); // a second after the first planning: planned again, nothing to send
        await RunningService.EventuallyAsync(async () => await service.MetricAsync("cooling_planner_loops_planned_total") == 2, "the loop planned again");
        Assert.Equal(1, await service.MetricAsync("cooling_planner_setpoint_requests_sent_total"));
    }
}
