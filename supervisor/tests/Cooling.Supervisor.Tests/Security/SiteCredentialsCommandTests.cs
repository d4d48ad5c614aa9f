using Cooling.Supervisor.Broker;
using Cooling.Supervisor.Service;
using Cooling.Supervisor.Service.Hosting;

namespace Cooling.Supervisor.Tests.Security;

/// <summary><c>cooling-supervisor site-credentials</c> and the service's embedded-broker settings (SEC-10, SEC-13).</summary>
public sealed class SiteCredentialsCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-credentials-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void The_verb_writes_acl_passwords_and_secrets_and_keeps_existing_passwords()
    {
        var identities = Path.Combine(_folder.FullName, "site.json");
        File.WriteAllText(identities, SecuredSite.IdentityJson);
        var output = new StringWriter();

        Assert.Equal(0, SiteCredentialsCommand.Run(["--identities", identities, "--out", _folder.FullName], output));
        var cdu1 = File.ReadAllText(Path.Combine(_folder.FullName, "secrets", "cdu1.password")).Trim();
        Assert.Equal(0, SiteCredentialsCommand.Run(["--identities", identities, "--out", _folder.FullName], output));

        var passwords = MosquittoPasswordFile.Load(Path.Combine(_folder.FullName, "passwords"));
        Assert.Equal(cdu1, File.ReadAllText(Path.Combine(_folder.FullName, "secrets", "cdu1.password")).Trim());
        Assert.True(passwords.Verify("cdu1", System.Text.Encoding.UTF8.GetBytes(cdu1)));
        Assert.Equal(6, passwords.Names.Count);
        Assert.Equal(MosquittoAclFile.Format(SiteInventory.Load(identities)), File.ReadAllText(Path.Combine(_folder.FullName, "acl")));
        Assert.Contains("new passwords for: none", output.ToString(), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder.FullName, "secrets", "cdu1.password")));
    }

    [Fact]
    public void A_bad_identity_file_or_missing_argument_exits_2_with_the_reason()
    {
        var identities = Path.Combine(_folder.FullName, "bad.json");
        File.WriteAllText(identities, """{"site":"hall1","identities":[{"name":"cdu1","kind":"cdu"}]}""");
        var output = new StringWriter();

        Assert.Equal(2, SiteCredentialsCommand.Run(["--identities", identities, "--out", _folder.FullName], output));
        Assert.Equal(2, SiteCredentialsCommand.Run(["--out", _folder.FullName], output));
        Assert.Contains("exactly one CDU", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--identities is required", output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.FullName, "acl")));
    }

    [Fact]
    public void The_embedded_broker_needs_identities_or_the_named_lab_mode()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new MqttOptions().EmbeddedBrokerAccess());
        var lab = new MqttOptions { EmbeddedBrokerAnonymousLab = true }.EmbeddedBrokerAccess();
        var both = new CoolingOptionsValidator().Validate(null, new CoolingOptions
        {
            Mqtt = new MqttOptions { EmbeddedBrokerAnonymousLab = true, EmbeddedBrokerIdentityFile = "site.json", EmbeddedBrokerPasswordFile = "passwords" },
        });

        Assert.Contains("EmbeddedBrokerAnonymousLab=true", error.Message, StringComparison.Ordinal);
        Assert.True(lab.IsAnonymousLab);
        Assert.True(both.Failed);
        Assert.Contains(both.Failures!, f => f.StartsWith("Cooling:Mqtt:EmbeddedBrokerAnonymousLab", StringComparison.Ordinal));
    }
}
