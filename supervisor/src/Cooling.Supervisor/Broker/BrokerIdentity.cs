namespace Cooling.Supervisor.Broker;

/// <summary>What an identity on the broker is; decides its topics (<see cref="BrokerAccessPolicy"/>).</summary>
public enum BrokerIdentityKind
{
    /// <summary>The supervisor: reads everything of its site, publishes setpoint requests.</summary>
    Supervisor,

    /// <summary>One CDU: publishes its own telemetry, state, events and answers; reads its own requests, commands and configuration.</summary>
    Cdu,

    /// <summary>A rack agent (or the dcgm-exporter bridge): publishes the telemetry of its racks.</summary>
    RackAgent,

    /// <summary>An operators' tool: publishes commands, reads what CDUs and racks report.</summary>
    OperatorTool,

    /// <summary>A technicians' tool: publishes commands and configuration, reads what CDUs report and answer.</summary>
    TechnicianTool,

    /// <summary>A hardware-in-the-loop rig: plays the plant for its CDUs over <c>hil/sensors</c> and <c>hil/actuators</c>.</summary>
    Rig,

    /// <summary>A simulated hall (the twin): plays every CDU and rack agent of its site.</summary>
    Twin,
}

/// <summary>
/// One identity on a site's broker: its name (the MQTT user name, or the common name of its client certificate), its
/// kind, its site, and the CDUs (<see cref="BrokerIdentityKind.Cdu"/>: exactly one; <see cref="BrokerIdentityKind.Rig"/>:
/// one or more) or racks (<see cref="BrokerIdentityKind.RackAgent"/>: one or more) it stands for.
/// </summary>
public sealed record BrokerIdentity
{
    public BrokerIdentity(string name, BrokerIdentityKind kind, string site, IReadOnlyList<string>? cdus = null, IReadOnlyList<string>? racks = null)
    {
        Name = name;
        Kind = kind;
        Site = site;
        Cdus = cdus ?? [];
        Racks = racks ?? [];
        var problem = Problem();
        if (problem is not null) throw new ArgumentException($"identity '{name}': {problem}");
    }

    public string Name { get; }

    public BrokerIdentityKind Kind { get; }

    public string Site { get; }

    public IReadOnlyList<string> Cdus { get; }

    public IReadOnlyList<string> Racks { get; }

    public static BrokerIdentity Supervisor(string name, string site) => new(name, BrokerIdentityKind.Supervisor, site);

    public static BrokerIdentity Cdu(string name, string site, string cdu) => new(name, BrokerIdentityKind.Cdu, site, cdus: [cdu]);

    public static BrokerIdentity RackAgent(string name, string site, params string[] racks) => new(name, BrokerIdentityKind.RackAgent, site, racks: racks);

    public static BrokerIdentity OperatorTool(string name, string site) => new(name, BrokerIdentityKind.OperatorTool, site);

    public static BrokerIdentity TechnicianTool(string name, string site) => new(name, BrokerIdentityKind.TechnicianTool, site);

    public static BrokerIdentity Rig(string name, string site, params string[] cdus) => new(name, BrokerIdentityKind.Rig, site, cdus: cdus);

    public static BrokerIdentity Twin(string name, string site) => new(name, BrokerIdentityKind.Twin, site);

    /// <summary>A name usable as an MQTT user name, a certificate common name and a mosquitto ACL <c>user</c> line.</summary>
    public static bool IsValidName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.');

    private string? Problem()
    {
        if (!IsValidName(Name)) return "the name must be 1 … 64 characters of a-z, 0-9, '-', '_' or '.'";
        if (!Contract.TopicAddress.IsValidId(Site)) return $"site '{Site}' is not a contract id (1 … 32 characters of a-z, 0-9, '-', '_')";
        foreach (var id in Cdus.Concat(Racks))
        {
            if (!Contract.TopicAddress.IsValidId(id)) return $"'{id}' is not a contract id (1 … 32 characters of a-z, 0-9, '-', '_')";
        }

        return Kind switch
        {
            BrokerIdentityKind.Cdu when Cdus.Count != 1 => "a CDU identity stands for exactly one CDU",
            BrokerIdentityKind.Rig when Cdus.Count == 0 => "a rig identity names the CDUs it plays the plant for",
            BrokerIdentityKind.RackAgent when Racks.Count == 0 => "a rack agent identity names its racks",
            BrokerIdentityKind.Cdu or BrokerIdentityKind.Rig when Racks.Count > 0 => "only rack agents name racks",
            not (BrokerIdentityKind.Cdu or BrokerIdentityKind.Rig) when Cdus.Count > 0 => "only CDU and rig identities name CDUs",
            not BrokerIdentityKind.RackAgent when Racks.Count > 0 => "only rack agents name racks",
            _ => null,
        };
    }
}
