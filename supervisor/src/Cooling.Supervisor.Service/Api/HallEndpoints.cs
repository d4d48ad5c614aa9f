using System.Globalization;
using Cooling.Supervisor.Api;
using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Service.Api;

/// <summary>GET endpoints for halls, CDUs, racks, GPUs (each GPU's latest values) and setpoints, from the supervisor's live hall state.</summary>
public static class HallEndpoints
{
    private const int MaximumHottest = 1000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/halls", (SupervisorRuntime runtime) =>
        {
            var hall = runtime.Supervisor.Hall;
            var open = runtime.Supervisor.Alarms.Engine.Open();
            var sites = hall.Racks.Select(r => r.SiteId).Concat(hall.Cdus.Select(c => c.SiteId)).Distinct().Order(StringComparer.Ordinal);
            return sites.Select(site => new HallModel(site,
                hall.Cdus.Count(c => c.SiteId == site),
                hall.Racks.Count(r => r.SiteId == site),
                hall.Racks.Where(r => r.SiteId == site).Sum(r => r.Telemetry.GpuCount),
                open.Count(a => a.SiteId == site),
                open.Count(a => a.SiteId == site && a.Severity == Alarms.AlarmSeverity.Critical)));
        });

        api.MapGet("/halls/{site}/cdus", (string site, SupervisorRuntime runtime, TimeProvider time) =>
            runtime.Supervisor.Hall.Cdus.Where(c => c.SiteId == site).Select(c => ApiMapping.Cdu(CduStatus.Of(c), time.GetUtcNow())));

        api.MapGet("/halls/{site}/cdus/{cdu}", (string site, string cdu, SupervisorRuntime runtime, TimeProvider time) =>
            runtime.Supervisor.Hall.TryGetCdu(site, cdu, out var view) && view is not null
                ? Results.Ok(ApiMapping.Cdu(CduStatus.Of(view), time.GetUtcNow()))
                : NotFound($"no CDU '{cdu}' in hall '{site}'"));

        api.MapGet("/halls/{site}/racks", (string site, SupervisorRuntime runtime, TimeProvider time) =>
            runtime.Supervisor.Hall.Racks.Where(r => r.SiteId == site).Select(r => ApiMapping.Rack(r, time.GetUtcNow())));

        api.MapGet("/halls/{site}/racks/{rack}", (string site, string rack, SupervisorRuntime runtime, TimeProvider time) =>
            runtime.Supervisor.Hall.Racks.FirstOrDefault(r => r.SiteId == site && r.RackId == rack) is { } view
                ? Results.Ok(ApiMapping.Rack(view, time.GetUtcNow()))
                : NotFound($"no rack '{rack}' in hall '{site}'"));

        api.MapGet("/halls/{site}/gpus", (string site, SupervisorRuntime runtime) =>
            runtime.Supervisor.Hall.Racks.Where(r => r.SiteId == site).Select(ApiMapping.Gpus));

        api.MapGet("/halls/{site}/gpus/hottest", (string site, int? count, SupervisorRuntime runtime, TimeProvider time) =>
        {
            var wanted = count ?? 20;
            if (wanted is < 1 or > MaximumHottest) return BadRequest($"count: must be 1 … {MaximumHottest}");
            var now = time.GetUtcNow();
            var hottest = new PriorityQueue<(string RackId, GpuValue Gpu), double>(wanted + 1);
            foreach (var rack in runtime.Supervisor.Hall.Racks.Where(r => r.SiteId == site))
            {
                foreach (var gpu in rack.Gpus.Snapshot())
                {
                    hottest.Enqueue((rack.RackId, gpu), gpu.Reading.TemperatureCelsius);
                    if (hottest.Count > wanted) hottest.Dequeue(); // the coolest of those kept
                }
            }

            var list = new List<SiteGpuModel>(hottest.Count);
            while (hottest.TryDequeue(out var entry, out _)) list.Add(new SiteGpuModel(entry.RackId, ApiMapping.Gpu(entry.Gpu, now)));
            list.Reverse();
            return Results.Ok(list);
        });

        api.MapGet("/halls/{site}/racks/{rack}/gpus", (string site, string rack, SupervisorRuntime runtime, TimeProvider time) =>
            runtime.Supervisor.Hall.TryGetRack(site, rack, out var view) && view is not null
                ? Results.Ok(ApiMapping.RackGpus(view, time.GetUtcNow()))
                : NotFound($"no rack '{rack}' in hall '{site}'"));

        api.MapGet("/halls/{site}/racks/{rack}/gpus/{index}", (string site, string rack, string index, SupervisorRuntime runtime, TimeProvider time) =>
        {
            if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var gpu) || gpu > 1023)
            {
                return BadRequest($"index: '{index}' is not a GPU index (an integer 0 … 1023)");
            }

            if (!runtime.Supervisor.Hall.TryGetRack(site, rack, out var view) || view is null) return NotFound($"no rack '{rack}' in hall '{site}'");
            return view.Gpus.TryGet(gpu, out var value)
                ? Results.Ok(ApiMapping.Gpu(value, time.GetUtcNow()))
                : NotFound($"rack '{rack}' in hall '{site}' has reported no GPU {gpu}");
        });

        api.MapGet("/setpoints", (SupervisorRuntime runtime) => new
        {
            planner = runtime.Supervisor.Coordinator.Planner.Name,
            requestsSent = runtime.Supervisor.Coordinator.RequestsSent,
            acknowledgements = new
            {
                accepted = runtime.Supervisor.Acknowledgements.Accepted,
                clamped = runtime.Supervisor.Acknowledgements.Clamped,
                rejected = runtime.Supervisor.Acknowledgements.Rejected,
            },
            cdus = runtime.Supervisor.Hall.Cdus.Select(c => ApiMapping.Setpoint(CduStatus.Of(c))),
        });
    }

    internal static IResult NotFound(string error) => Results.NotFound(new ErrorModel(error));

    internal static IResult BadRequest(string error) => Results.BadRequest(new ErrorModel(error));
}
