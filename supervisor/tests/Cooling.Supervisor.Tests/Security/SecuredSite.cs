using System.Diagnostics;
using Cooling.Supervisor.Broker;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>
/// A site's broker credentials made the way a site makes them, in a temporary folder: the identity file, then
/// <see cref="SiteCredentials"/> (acl, passwords, secrets/) and scripts/site-certificates.sh (site CA, server and client
/// certificates), plus a second, unrelated CA (<see cref="OtherCaPath"/>). Disposing deletes the folder.
/// </summary>
internal sealed class SecuredSite : IDisposable
{
    public const string Site = "hall1";

    public const string IdentityJson = """
        {"site":"hall1","identities":[
          {"name":"supervisor","kind":"supervisor"},
          {"name":"cdu1","kind":"cdu","cdus":["cdu1"]},
          {"name":"cdu2","kind":"cdu","cdus":["cdu2"]},
          {"name":"agent-row1","kind":"rackAgent","racks":["cdu1-r01","cdu1-r02"]},
          {"name":"operator","kind":"operatorTool"},
          {"name":"technician","kind":"technicianTool"}]}
        """;

    private SecuredSite(DirectoryInfo folder) => Folder = folder.FullName;

    public string Folder { get; }

    public string IdentityFile => Path.Combine(Folder, "site.json");

    public string CaPath => Path.Combine(Folder, "ca.pem");

    public string OtherCaPath => Path.Combine(Folder, "other", "ca.pem");

    public string PasswordFile => Path.Combine(Folder, SiteCredentials.PasswordFileName);

    public string AclFile => Path.Combine(Folder, SiteCredentials.AclFileName);

    public string ServerCertificatePath => Path.Combine(Folder, "server.pem");

    public string ServerKeyPath => Path.Combine(Folder, "server.key");

    public static SecuredSite Create()
    {
        var site = new SecuredSite(Directory.CreateTempSubdirectory("cooling-site-"));
        try
        {
            File.WriteAllText(site.IdentityFile, IdentityJson);
            SiteCredentials.Write(SiteInventory.Load(site.IdentityFile), site.Folder);
            RunCertificateScript(site.IdentityFile, site.Folder);
            RunCertificateScript(site.IdentityFile, Path.Combine(site.Folder, "other"));
            if (!OperatingSystem.IsWindows()) MakeReadableByBroker(site.Folder);
            return site;
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    public string Password(string identity) => File.ReadAllText(Path.Combine(Folder, SiteCredentials.SecretsFolderName, $"{identity}.password")).Trim();

    public string ClientCertificate(string identity) => Path.Combine(Folder, "clients", $"{identity}.pem");

    public string ClientKey(string identity) => Path.Combine(Folder, "clients", $"{identity}.key");

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Cooling.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException("Cooling.sln not found above the test assembly.");
    }

    private static void RunCertificateScript(string identityFile, string folder)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(RepositoryRoot(), "scripts", "site-certificates.sh"), identityFile, folder, "localhost", "127.0.0.1" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"site-certificates.sh failed ({process.ExitCode}): {output} {error.Result}");
    }

    /// <summary>mosquitto started as root reads its files as the unprivileged user it switches to; a test folder is throwaway.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeReadableByBroker(string folder)
    {
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode directory = file | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, directory);
        foreach (var path in Directory.GetDirectories(folder, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(path, directory);
        foreach (var path in Directory.GetFiles(folder, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(path, file);
    }

    public void Dispose()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
