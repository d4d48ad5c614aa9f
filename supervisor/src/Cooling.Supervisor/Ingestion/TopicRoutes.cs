using System.Collections.Concurrent;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Ingestion;

/// <summary>A topic read once: its address, the hall-state key of its device and the rack queue it goes to.</summary>
public sealed class TopicRoute(string topic, TopicAddress address, int partition)
{
    public string Topic { get; } = topic;

    public TopicAddress Address { get; } = address;

    public TopicKind Kind => Address.Kind;

    /// <summary>"site/device", the key of the device in the hall state.</summary>
    public string DeviceKey { get; } = $"{address.SiteId}/{address.DeviceId}";

    /// <summary>The rack queue (0 … workers − 1) of this topic's messages (0 when racks are read on the receive path).</summary>
    public int Partition { get; } = partition;

    /// <summary>The rack's place in the hall state, found at its first message (rack telemetry topics).</summary>
    internal State.RackEntry? Rack { get; set; }
}

/// <summary>
/// Topics are few and repeat every second: each is parsed once and its <see cref="TopicRoute"/> kept (up to
/// <see cref="MaximumKept"/> topics; beyond that, and for topics outside the contract, it is parsed every time).
/// </summary>
public sealed class TopicRoutes(int partitions)
{
    public const int MaximumKept = 200_000;

    private readonly ConcurrentDictionary<string, TopicRoute> _routes = new(StringComparer.Ordinal);

    public TopicRoute Get(string topic)
    {
        if (_routes.TryGetValue(topic, out var route))
        {
            return route;
        }

        var address = TopicAddress.Parse(topic);
        var partition = (int)((uint)StringComparer.Ordinal.GetHashCode(address.DeviceId) % (uint)Math.Max(partitions, 1));
        route = new TopicRoute(topic, address, partition);
        if (address.Kind != TopicKind.Unknown && _routes.Count < MaximumKept)
        {
            _routes.TryAdd(topic, route);
        }

        return route;
    }
}
