using Cooling.Supervisor.Broker;

namespace Cooling.Supervisor.Service;

/// <summary>
/// <c>cooling-supervisor site-credentials --identities site.json --out /etc/cooling/broker</c>: writes the mosquitto
/// ACL file, the mosquitto password file and each identity's password (<see cref="SiteCredentials"/>) from the site
/// identity file — the same policy the embedded broker enforces. Certificates come from scripts/site-certificates.sh.
/// Exit code 2 for bad arguments or a bad identity file (the message says which).
/// </summary>
public static class SiteCredentialsCommand
{
    public const string Name = "site-credentials";

    public static int Run(string[] args, TextWriter? output = null)
    {
        output ??= Console.Out;
        try
        {
            var arguments = new ConfigurationBuilder().AddCommandLine(args, new Dictionary<string, string>
            {
                ["--identities"] = "identities", ["--out"] = "out",
            }).Build();
            var identities = arguments["identities"] ?? throw new ArgumentException("--identities is required: the site identity file (JSON, docs/security.md).");
            var folder = arguments["out"] ?? throw new ArgumentException("--out is required: the folder for acl, passwords and secrets/.");
            var policy = SiteInventory.Load(identities);
            var made = SiteCredentials.Write(policy, folder);
            output.WriteLine($"cooling-supervisor {Name}: {policy.Identities.Count} identities; wrote {Path.Combine(folder, SiteCredentials.AclFileName)}, "
                + $"{Path.Combine(folder, SiteCredentials.PasswordFileName)}; new passwords for: {(made.Count == 0 ? "none" : string.Join(", ", made))}");
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            output.WriteLine($"cooling-supervisor {Name}: {ex.Message}");
            return 2;
        }
    }
}
