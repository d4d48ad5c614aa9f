using Cooling.Supervisor.Service.History;
using Cooling.Supervisor.Service.Hosting;

namespace Cooling.Supervisor.Service.Api;

/// <summary>
/// Time series from the store: /api/halls/{site}/cdus/{cdu}/history/{field} and …/racks/{rack}/history/{field}.
/// A store that cannot answer gives 503 (unreachable, no answer in time) or 502 (it answered with an error), with the reason.
/// </summary>
public static class HistoryEndpoints
{
    private const int MaximumPoints = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/halls/{site}/cdus/{cdu}/history/{field}",
            (string site, string cdu, string field, DateTimeOffset? since, DateTimeOffset? until, int? maxPoints, SupervisorRuntime runtime, TimeProvider time,
                CancellationToken cancellationToken) =>
                QueryAsync(HistorySeries.Cdu, site, cdu, field, since, until, maxPoints, runtime, time, cancellationToken));
        app.MapGet("/api/halls/{site}/racks/{rack}/history/{field}",
            (string site, string rack, string field, DateTimeOffset? since, DateTimeOffset? until, int? maxPoints, SupervisorRuntime runtime, TimeProvider time,
                CancellationToken cancellationToken) =>
                QueryAsync(HistorySeries.Rack, site, rack, field, since, until, maxPoints, runtime, time, cancellationToken));
    }

    private static async Task<IResult> QueryAsync(string device, string site, string id, string field, DateTimeOffset? since, DateTimeOffset? until,
        int? maxPoints, SupervisorRuntime runtime, TimeProvider time, CancellationToken cancellationToken)
    {
        if (HistorySeries.Find(device, field) is not { } series)
        {
            return HallEndpoints.BadRequest($"field: '{field}' is not a {device} history field; one of {string.Join(", ", HistorySeries.FieldsOf(device))}");
        }

        var to = until ?? time.GetUtcNow().AddSeconds(1);
        var from = since ?? to.AddHours(-1);
        if (from >= to) return HallEndpoints.BadRequest("since: must be before until");
        var points = maxPoints ?? 1000;
        if (points is < 1 or > MaximumPoints) return HallEndpoints.BadRequest($"maxPoints: must be 1 … {MaximumPoints}");
        if (runtime.TelemetryHistory is not { } history)
        {
            return Results.Problem("the store is not open", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        IReadOnlyList<HistoryPoint> result;
        try
        {
            result = await history.QueryAsync(new HistoryQuery(series, site, id, from, to, points), cancellationToken);
        }
        catch (HistoryUnavailableException ex)
        {
            return Results.Problem(ex.Message, statusCode: ex.StatusCode, title: $"history from {history.Source} unavailable");
        }

        return Results.Ok(new HistoryModel(site, device, id, series.Field, from, to, [.. result.Select(p => new HistoryPointModel(p.Time, p.Value))],
            history.Source, runtime.PendingRecords(history.Source)));
    }
}
