using System.Collections.Concurrent;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>Everything the supervisor currently knows of the hall, keyed by "site/id".</summary>
public sealed class HallState
{
    private readonly ConcurrentDictionary<string, RackView> _racks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CduView> _cdus = new(StringComparer.Ordinal);

    public IReadOnlyCollection<RackView> Racks => [.. _racks.Values.OrderBy(r => r.SiteId, StringComparer.Ordinal).ThenBy(r => r.RackId, StringComparer.Ordinal)];

    public IReadOnlyCollection<CduView> Cdus => [.. _cdus.Values.OrderBy(c => c.SiteId, StringComparer.Ordinal).ThenBy(c => c.CduId, StringComparer.Ordinal)];

    public void Update(RackView rack) => _racks[$"{rack.SiteId}/{rack.RackId}"] = rack;

    /// <summary>
    /// One accepted rack message under the rack's key "site/rack": its GPUs are written into the rack's GPU table (made
    /// at the rack's first message, then updated in place) and its summary replaces the rack's view.
    /// One writer per rack (ingestion: the receive path, or the rack's worker).
    /// </summary>
    internal void Update(string rackKey, string siteId, string rackId, RackTelemetry telemetry, ReadOnlySpan<GpuReading> gpus, DateTimeOffset receivedAt)
    {
        var table = _racks.TryGetValue(rackKey, out var previous) && !ReferenceEquals(previous.Gpus, RackGpuTable.Empty) ? previous.Gpus : new RackGpuTable();
        table.Commit(gpus, receivedAt);
        _racks[rackKey] = new RackView(siteId, rackId, telemetry, receivedAt) { Gpus = table };
    }

    public bool TryGetRack(string siteId, string rackId, out RackView? rack) => _racks.TryGetValue($"{siteId}/{rackId}", out rack);

    public CduView Cdu(string siteId, string cduId) => _cdus.GetOrAdd($"{siteId}/{cduId}", _ => new CduView(siteId, cduId));

    public bool TryGetCdu(string siteId, string cduId, out CduView? cdu) => _cdus.TryGetValue($"{siteId}/{cduId}", out cdu);
}
