using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Broker;

/// <summary>Publish (write) or read (subscribe and receive) on the topics a <see cref="TopicGrant"/> filter matches.</summary>
public enum TopicAccess
{
    Publish,
    Read,
}

/// <summary>One right of an identity: <see cref="Access"/> on every topic <see cref="Filter"/> matches.</summary>
public readonly record struct TopicGrant(TopicAccess Access, string Filter);

/// <summary>
/// Who may do what on a site's broker — the one access policy that both the embedded broker
/// (<see cref="BrokerAccessEnforcer"/>) and mosquitto (its ACL file, <see cref="MosquittoAclFile"/>) enforce
/// (docs/security.md, "The broker: identities and topics"). Rights per identity kind, on contract v1 (docs/mqtt.md):
/// <list type="bullet">
/// <item>CDU: publishes only its own telemetry, state, event, setpoint/ack, command/ack, config/ack, config/document and
/// hil/actuators; reads only its own setpoint/request, command, config/set, config/get and hil/sensors.</item>
/// <item>Supervisor: the only identity that publishes setpoint requests (any CDU of its site); reads everything of its site.</item>
/// <item>Operator tool: publishes commands (any CDU of its site); reads telemetry, state, events and the answers to setpoints and commands.</item>
/// <item>Technician tool: publishes commands and configuration (config/set, config/get); reads what an operator tool reads
/// and the configuration answers (config/ack, config/document).</item>
/// <item>Rack agent: publishes its racks' telemetry; reads nothing.</item>
/// <item>Rig: publishes hil/sensors of its CDUs; reads their hil/actuators, state and telemetry.</item>
/// <item>Twin: plays every CDU and rack agent of its site (a simulated hall): their publishing and reading rights with <c>+</c> for the device.</item>
/// </list>
/// A publish is allowed when a publish grant matches the topic; a subscription when one read grant covers the whole
/// filter (every topic it could match). Identities are looked up by name (user name or certificate common name).
/// </summary>
public sealed class BrokerAccessPolicy
{
    /// <summary>What a CDU publishes under <c>…/cdu/{cdu}/</c>.</summary>
    public static readonly IReadOnlyList<string> CduPublishes =
        ["telemetry", "state", "event", "setpoint/ack", "command/ack", "config/ack", "config/document", "hil/actuators"];

    /// <summary>What a CDU reads under <c>…/cdu/{cdu}/</c>.</summary>
    public static readonly IReadOnlyList<string> CduReads = ["setpoint/request", "command", "config/set", "config/get", "hil/sensors"];

    private static readonly string[] OperatorReads = ["telemetry", "state", "event", "setpoint/ack", "command/ack"];
    private static readonly string[] TechnicianReads = [.. OperatorReads, "config/ack", "config/document"];

    private readonly Dictionary<string, BrokerIdentity> _identities;

    public BrokerAccessPolicy(IEnumerable<BrokerIdentity> identities)
    {
        _identities = new Dictionary<string, BrokerIdentity>(StringComparer.Ordinal);
        foreach (var identity in identities)
        {
            if (!_identities.TryAdd(identity.Name, identity)) throw new ArgumentException($"identity '{identity.Name}' is listed twice");
        }
    }

    /// <summary>Every identity, in name order.</summary>
    public IReadOnlyList<BrokerIdentity> Identities => [.. _identities.Values.OrderBy(i => i.Name, StringComparer.Ordinal)];

    /// <summary>The identity of this name, or null: an unknown name may not connect.</summary>
    public BrokerIdentity? Find(string? name) => name is not null && _identities.TryGetValue(name, out var identity) ? identity : null;

    /// <summary>True when <paramref name="identity"/> may publish on the topic name <paramref name="topic"/>.</summary>
    public static bool MayPublish(BrokerIdentity identity, string topic) =>
        TopicFilter.IsValidTopic(topic) && Grants(identity).Any(g => g.Access == TopicAccess.Publish && TopicFilter.Matches(g.Filter, topic));

    /// <summary>True when one of <paramref name="identity"/>'s read grants covers every topic <paramref name="filter"/> could match.</summary>
    public static bool MaySubscribe(BrokerIdentity identity, string filter) =>
        Grants(identity).Any(g => g.Access == TopicAccess.Read && TopicFilter.Covers(g.Filter, filter));

    /// <summary>The rights of <paramref name="identity"/>, as topic filters (the lines of its mosquitto ACL block).</summary>
    public static IReadOnlyList<TopicGrant> Grants(BrokerIdentity identity)
    {
        var site = $"{TopicAddress.Root}{identity.Site}";
        var grants = new List<TopicGrant>();
        void Cdu(TopicAccess access, string cdu, IEnumerable<string> suffixes) =>
            grants.AddRange(suffixes.Select(s => new TopicGrant(access, $"{site}/cdu/{cdu}/{s}")));

        switch (identity.Kind)
        {
            case BrokerIdentityKind.Supervisor:
                Cdu(TopicAccess.Publish, "+", ["setpoint/request"]);
                grants.Add(new TopicGrant(TopicAccess.Read, $"{site}/#"));
                break;
            case BrokerIdentityKind.Cdu:
                Cdu(TopicAccess.Publish, identity.Cdus[0], CduPublishes);
                Cdu(TopicAccess.Read, identity.Cdus[0], CduReads);
                break;
            case BrokerIdentityKind.RackAgent:
                grants.AddRange(identity.Racks.Select(r => new TopicGrant(TopicAccess.Publish, $"{site}/rack/{r}/telemetry")));
                break;
            case BrokerIdentityKind.OperatorTool:
                Cdu(TopicAccess.Publish, "+", ["command"]);
                Cdu(TopicAccess.Read, "+", OperatorReads);
                grants.Add(new TopicGrant(TopicAccess.Read, $"{site}/rack/+/telemetry"));
                break;
            case BrokerIdentityKind.TechnicianTool:
                Cdu(TopicAccess.Publish, "+", ["command", "config/set", "config/get"]);
                Cdu(TopicAccess.Read, "+", TechnicianReads);
                grants.Add(new TopicGrant(TopicAccess.Read, $"{site}/rack/+/telemetry"));
                break;
            case BrokerIdentityKind.Rig:
                foreach (var cdu in identity.Cdus)
                {
                    Cdu(TopicAccess.Publish, cdu, ["hil/sensors"]);
                    Cdu(TopicAccess.Read, cdu, ["hil/actuators", "state", "telemetry"]);
                }

                break;
            case BrokerIdentityKind.Twin:
                Cdu(TopicAccess.Publish, "+", CduPublishes);
                Cdu(TopicAccess.Read, "+", CduReads);
                grants.Add(new TopicGrant(TopicAccess.Publish, $"{site}/rack/+/telemetry"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(identity), identity.Kind, "unknown identity kind");
        }

        return grants;
    }
}
