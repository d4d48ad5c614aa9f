using System.Diagnostics;
using System.Text;
using Cooling.Supervisor.Broker;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>One password file for both brokers: hashes made by mosquitto_passwd verify here (those made here verify in mosquitto: BrokerEnforcementTests).</summary>
public sealed class MosquittoPasswordFileTests
{
    [Fact]
    public void A_hash_made_by_mosquitto_passwd_verifies()
    {
        var path = Path.GetTempFileName();
        try
        {
            var passwd = InstalledProgram.Find("mosquitto_passwd", "mosquitto", "/usr/bin/mosquitto_passwd", "/usr/local/bin/mosquitto_passwd");
            using (var process = Process.Start(passwd, ["-b", path, "cdu1", "s3cret-pässword"])) process.WaitForExit();
            var file = MosquittoPasswordFile.Load(path);

            Assert.StartsWith("cdu1:$7$", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.True(file.Verify("cdu1", Encoding.UTF8.GetBytes("s3cret-pässword")));
            Assert.False(file.Verify("cdu1", Encoding.UTF8.GetBytes("s3cret-password")));
            Assert.False(file.Verify("cdu2", Encoding.UTF8.GetBytes("s3cret-pässword")));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_hash_made_here_verifies_and_salts_differ()
    {
        var file = MosquittoPasswordFile.Parse(MosquittoPasswordFile.Format([new("a", "one"), new("b", "one")]));
        var text = MosquittoPasswordFile.Format([new("a", "one")]);

        Assert.True(file.Verify("a", "one"u8));
        Assert.True(file.Verify("b", "one"u8));
        Assert.False(file.Verify("a", "two"u8));
        Assert.NotEqual(MosquittoPasswordFile.Hash("one"), MosquittoPasswordFile.Hash("one"));
        Assert.Matches(@"^a:\$7\$10000\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}\n$", text);
    }

    [Theory]
    [InlineData("a:plain")]
    [InlineData(":$7$101$abc$def")]
    [InlineData("a:$7$101$x$y\na:$7$101$x$y")]
    public void A_malformed_file_is_refused_with_its_line(string text) =>
        Assert.Contains("line", Assert.Throws<FormatException>(() => MosquittoPasswordFile.Parse(text)).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("$7$notanumber$AAAA$AAAA")]
    [InlineData("$7$101$!!!$AAAA")]
    [InlineData("$5$abc$def")]
    public void A_malformed_hash_verifies_nothing(string hash) => Assert.False(MosquittoPasswordFile.VerifyHash(hash, "x"u8));
}
