using System.Security.Cryptography;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// Writes a site's broker credentials from its identity file, all from the one <see cref="BrokerAccessPolicy"/>:
/// <c>acl</c> (mosquitto's acl_file), <c>passwords</c> (mosquitto password file, also read by the embedded broker) and
/// <c>secrets/{identity}.password</c> (each identity's password in clear, owner-readable only, to install on that device
/// or tool). A password already in <c>secrets/</c> is kept, so running it again after adding an identity changes no
/// other identity's password.
/// </summary>
public static class SiteCredentials
{
    public const string AclFileName = "acl";
    public const string PasswordFileName = "passwords";
    public const string SecretsFolderName = "secrets";

    /// <summary>Writes the files into <paramref name="folder"/>; returns the identities whose password was made now.</summary>
    public static IReadOnlyList<string> Write(BrokerAccessPolicy policy, string folder)
    {
        var secrets = Directory.CreateDirectory(Path.Combine(folder, SecretsFolderName));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(secrets.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var made = new List<string>();
        var passwords = new List<KeyValuePair<string, string>>();
        foreach (var identity in policy.Identities)
        {
            var path = Path.Combine(secrets.FullName, $"{identity.Name}.password");
            string password;
            if (File.Exists(path))
            {
                password = File.ReadAllText(path).Trim();
            }
            else
            {
                password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
                WriteOwnerOnly(path, password + "\n");
                made.Add(identity.Name);
            }

            passwords.Add(new(identity.Name, password));
        }

        WriteOwnerOnly(Path.Combine(folder, PasswordFileName), MosquittoPasswordFile.Format(passwords));
        File.WriteAllText(Path.Combine(folder, AclFileName), MosquittoAclFile.Format(policy));
        return made;
    }

    private static void WriteOwnerOnly(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
