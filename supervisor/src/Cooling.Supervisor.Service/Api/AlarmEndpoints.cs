using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Service.Security;

namespace Cooling.Supervisor.Service.Api;

/// <summary>Alarms: the open list, acknowledgement (POST, operator and above, in the signed-in user's name; audited) and history.</summary>
public static class AlarmEndpoints
{
    private const int MaximumHistory = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var alarms = app.MapGroup("/api/alarms");
        alarms.MapGet("", (string? site, SupervisorRuntime runtime) =>
            runtime.Supervisor.Alarms.Engine.Open().Where(a => site is null || a.SiteId == site).Select(ApiMapping.Alarm));

        alarms.MapGet("/{id:long}", (long id, SupervisorRuntime runtime) =>
            runtime.Supervisor.Alarms.Engine.Find(id) is { } alarm
                ? Results.Ok(ApiMapping.Alarm(alarm))
                : HallEndpoints.NotFound($"no open alarm {id}"));

        alarms.MapPost("/{id:long}/acknowledge", (long id, AcknowledgeRequest? request, HttpContext context, SupervisorRuntime runtime) =>
        {
            var by = context.User.Identity!.Name!;
            if (request?.By is { } named && !string.Equals(named.Trim(), by, StringComparison.OrdinalIgnoreCase))
            {
                return HallEndpoints.BadRequest($"by: an acknowledgement is made in the name of who is signed in ({by}); leave by out");
            }

            var result = runtime.Supervisor.Alarms.Engine.Acknowledge(id, by);
            return result.Outcome switch
            {
                AcknowledgeOutcome.Acknowledged => Results.Ok(ApiMapping.Alarm(result.Alarm!)),
                AcknowledgeOutcome.AlreadyAcknowledged => Results.Conflict(new ErrorModel(
                    $"alarm {id} was already acknowledged by {result.Alarm!.AcknowledgedBy} at {result.Alarm.AcknowledgedAt:O}")),
                _ => HallEndpoints.NotFound($"no open alarm {id}"),
            };
        }).Audit(Role.Operator, "alarm.acknowledge", "alarm {id}");

        alarms.MapGet("/history", (DateTimeOffset? since, DateTimeOffset? until, string? source, int? limit, SupervisorRuntime runtime, TimeProvider time) =>
        {
            var to = until ?? time.GetUtcNow().AddSeconds(1);
            var from = since ?? to.AddDays(-1);
            if (from >= to) return HallEndpoints.BadRequest("since: must be before until");
            var count = limit ?? 1000;
            if (count is < 1 or > MaximumHistory) return HallEndpoints.BadRequest($"limit: must be 1 … {MaximumHistory}");
            return runtime.AlarmHistory is { } history
                ? Results.Ok(history.Query(from, to, source, count))
                : Results.Problem("the alarm history is not open", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }
}
