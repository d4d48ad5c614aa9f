using Cooling.Mqtt.Connection;
using Cooling.Supervisor.Broker;
using Cooling.Twin;

namespace Cooling.Hall;

/// <summary>
/// The identities of the hall's embedded broker: the supervisor, one per CDU (named by its CDU id), the rack agent
/// (<c>rack-agent</c>, all racks of the hall), and two tools for people — <c>operator</c> and <c>technician</c> — with
/// random passwords. Written with <see cref="SiteCredentials"/> into <see cref="Folder"/> (<c>secrets/{name}.password</c>,
/// owner-readable only, plus the <c>acl</c> and <c>passwords</c> files mosquitto would read), so that a person can
/// use mosquitto_pub/sub against the running hall; a password already there is kept.
/// </summary>
public sealed class HallCredentials
{
    public const string SupervisorName = "supervisor";
    public const string RackAgentName = "rack-agent";
    public const string OperatorName = "operator";
    public const string TechnicianName = "technician";

    private readonly Dictionary<string, string> _passwords;

    private HallCredentials(string folder, BrokerAccessPolicy policy, Dictionary<string, string> passwords)
    {
        Folder = folder;
        Policy = policy;
        _passwords = passwords;
    }

    /// <summary>Where the credentials are written.</summary>
    public string Folder { get; }

    public BrokerAccessPolicy Policy { get; }

    /// <summary>The embedded broker's access: these identities only, on their topics.</summary>
    public BrokerAccess Access => BrokerAccess.Enforced(Policy, MosquittoPasswordFile.Load(Path.Combine(Folder, SiteCredentials.PasswordFileName)));

    /// <summary>Makes (or keeps) the credentials of the hall <paramref name="description"/> in <paramref name="folder"/>.</summary>
    public static HallCredentials Create(HallDescription description, string folder)
    {
        var site = description.SiteId;
        var identities = new List<BrokerIdentity>
        {
            BrokerIdentity.Supervisor(SupervisorName, site),
            BrokerIdentity.RackAgent(RackAgentName, site, [.. SimulatedHall.RackIds(description)]),
            BrokerIdentity.OperatorTool(OperatorName, site),
            BrokerIdentity.TechnicianTool(TechnicianName, site),
        };
        identities.AddRange(Enumerable.Range(0, description.CduCount).Select(i => BrokerIdentity.Cdu(HallDescription.CduId(i), site, HallDescription.CduId(i))));
        var policy = new BrokerAccessPolicy(identities);
        SiteCredentials.Write(policy, folder);
        var passwords = policy.Identities.ToDictionary(i => i.Name, i => File.ReadAllText(PasswordPath(folder, i.Name)).Trim(), StringComparer.Ordinal);
        return new HallCredentials(folder, policy, passwords);
    }

    /// <summary>The file holding the password of <paramref name="name"/>.</summary>
    public static string PasswordPath(string folder, string name) => Path.Combine(folder, SiteCredentials.SecretsFolderName, $"{name}.password");

    /// <summary>The password of identity <paramref name="name"/>.</summary>
    public string Password(string name) => _passwords.TryGetValue(name, out var password)
        ? password
        : throw new ArgumentException($"The hall has no broker identity '{name}'.", nameof(name));

    /// <summary><paramref name="broker"/> signed in as <paramref name="name"/>.</summary>
    public BrokerConnectionOptions For(string name, BrokerConnectionOptions broker) => broker with { UserName = name, Password = Password(name) };
}
