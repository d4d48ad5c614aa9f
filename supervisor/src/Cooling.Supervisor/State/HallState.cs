using System.Collections.Concurrent;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>Everything the supervisor currently knows of the hall, keyed by "site/id".</summary>
public sealed class HallState
{
    private readonly ConcurrentDictionary<string, RackEntry> _racks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CduView> _cdus = new(StringComparer.Ordinal);

    /// <summary>The latest of every rack, by site and rack id (views taken now).</summary>
    public IReadOnlyCollection<RackView> Racks => [.. _racks.Values.Select(r => r.View()).OrderBy(r => r.SiteId, StringComparer.Ordinal).ThenBy(r => r.RackId, StringComparer.Ordinal)];

    public IReadOnlyCollection<CduView> Cdus => [.. _cdus.Values.OrderBy(c => c.SiteId, StringComparer.Ordinal).ThenBy(c => c.CduId, StringComparer.Ordinal)];

    /// <summary>The rack's place under its key "site/rack", made at its first message (see <see cref="RackEntry"/>).</summary>
    internal RackEntry Rack(string rackKey, string siteId, string rackId) => _racks.GetOrAdd(rackKey, static (_, ids) => new RackEntry(ids.siteId, ids.rackId), (siteId, rackId));

    public bool TryGetRack(string siteId, string rackId, out RackView? rack)
    {
        rack = _racks.TryGetValue($"{siteId}/{rackId}", out var entry) ? entry.View() : null;
        return rack is not null;
    }

    public CduView Cdu(string siteId, string cduId) => _cdus.GetOrAdd($"{siteId}/{cduId}", _ => new CduView(siteId, cduId));

    public bool TryGetCdu(string siteId, string cduId, out CduView? cdu) => _cdus.TryGetValue($"{siteId}/{cduId}", out cdu);
}
