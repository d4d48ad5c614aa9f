using Cooling.Testing;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>
/// SEC-10 … SEC-13 on both brokers, driven by mosquitto_pub/mosquitto_sub (with their default client ids) as an outside
/// client: the shipped mosquitto configuration with the generated ACL and password files, and the embedded broker
/// loaded from the same files. "Sees nothing" is shown without waiting: after the forbidden message an authorized
/// identity publishes a sentinel on a topic the same subscriber reads; the subscriber ends after one message, which
/// must be the sentinel.
/// </summary>
public sealed class BrokerEnforcementTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private const string Root = "cooling/v1/hall1";
    private readonly SecuredSite _site = SecuredSite.Create();

    public static TheoryData<string> Brokers => ["mosquitto", "embedded"];

    public void Dispose() => _site.Dispose();

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task An_anonymous_client_or_a_wrong_password_is_refused(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);

        var anonymous = await MosquittoClients.PublishAsync([.. broker.AsIdentity(null), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);
        var wrongPassword = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor", "not-the-password"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);
        var unknown = await MosquittoClients.PublishAsync([.. broker.AsIdentity("intruder", "whatever"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);
        var supervisor = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);

        Assert.NotEqual(0, anonymous.ExitCode);
        Assert.NotEqual(0, wrongPassword.ExitCode);
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.True(supervisor.ExitCode == 0, supervisor.Output);
        Assert.Matches("(?i)not authori[sz]ed|bad user name or password", anonymous.Output);
        Assert.Matches("(?i)not authori[sz]ed|bad user name or password", wrongPassword.Output);
        if (broker.Embedded is { } embedded) Assert.Equal(3, embedded.Access.RefusedConnections);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_rack_agent_cannot_publish_a_setpoint_request_a_command_or_configuration(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);
        await using var cdu = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("cdu1"), "-C", "1",
            "-t", $"{Root}/cdu/cdu1/setpoint/request", "-t", $"{Root}/cdu/cdu1/command", "-t", $"{Root}/cdu/cdu1/config/set"]);
        Assert.Equal("1, 1, 1", cdu.Granted);

        foreach (var topic in new[] { "setpoint/request", "command", "config/set" })
        {
            var forbidden = await MosquittoClients.PublishAsync([.. broker.AsIdentity("agent-row1"), "-t", $"{Root}/cdu/cdu1/{topic}", "-m", "forbidden"]);
            Assert.True(forbidden.ExitCode == 0 || forbidden.Output.Contains("not authori", StringComparison.OrdinalIgnoreCase), forbidden.Output);
        }

        var sentinel = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "sentinel"]);
        Assert.True(sentinel.ExitCode == 0, sentinel.Output);
        await cdu.WaitExitAsync(Timeout);

        Assert.Equal([$"{Root}/cdu/cdu1/setpoint/request sentinel"], cdu.Messages);
        if (broker.Embedded is { } embedded) Assert.Equal(3, embedded.Access.RefusedPublishes);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_cdu_cannot_publish_another_cdus_telemetry(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);
        await using var supervisor = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("supervisor"), "-C", "1", "-t", $"{Root}/cdu/+/telemetry"]);

        var forbidden = await MosquittoClients.PublishAsync([.. broker.AsIdentity("cdu1"), "-t", $"{Root}/cdu/cdu2/telemetry", "-m", "spoofed"]);
        var sentinel = await MosquittoClients.PublishAsync([.. broker.AsIdentity("cdu2"), "-t", $"{Root}/cdu/cdu2/telemetry", "-m", "sentinel"]);
        Assert.True(sentinel.ExitCode == 0, sentinel.Output);
        await supervisor.WaitExitAsync(Timeout);

        Assert.Equal([$"{Root}/cdu/cdu2/telemetry sentinel"], supervisor.Messages);
        Assert.True(forbidden.ExitCode == 0 || forbidden.Output.Contains("not authori", StringComparison.OrdinalIgnoreCase), forbidden.Output);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task The_supervisor_publishes_a_request_and_the_cdu_receives_it(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);
        await using var cdu = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("cdu1"), "-C", "1", "-t", $"{Root}/cdu/cdu1/setpoint/request"]);

        var request = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "request"]);
        Assert.True(request.ExitCode == 0, request.Output);
        await cdu.WaitExitAsync(Timeout);

        Assert.Equal([$"{Root}/cdu/cdu1/setpoint/request request"], cdu.Messages);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_cdu_reads_nothing_of_another_cdu(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);
        await using var cdu1 = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("cdu1"), "-C", "1",
            "-t", $"{Root}/cdu/cdu2/setpoint/request", "-t", $"{Root}/cdu/cdu1/setpoint/request"]);
        await using var agent = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("agent-row1"), "-t", $"{Root}/#"]);

        var forCdu2 = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor"), "-t", $"{Root}/cdu/cdu2/setpoint/request", "-m", "for-cdu2"]);
        var sentinel = await MosquittoClients.PublishAsync([.. broker.AsIdentity("supervisor"), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "sentinel"]);
        Assert.True(forCdu2.ExitCode == 0 && sentinel.ExitCode == 0, forCdu2.Output + sentinel.Output);
        await cdu1.WaitExitAsync(Timeout);

        Assert.Equal([$"{Root}/cdu/cdu1/setpoint/request sentinel"], cdu1.Messages);
        if (kind == "embedded")
        {
            // The embedded broker refuses the filters outright; mosquitto grants them and delivers nothing the ACL denies.
            Assert.Equal("128, 1", cdu1.Granted);
            Assert.Equal("128", agent.Granted);
        }
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task Tls_with_a_wrong_ca_is_refused(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site);

        var wrongCa = await MosquittoClients.PublishAsync([.. broker.OverTls("supervisor", _site.OtherCaPath), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);
        var rightCa = await MosquittoClients.PublishAsync([.. broker.OverTls("supervisor", _site.CaPath), "-t", $"{Root}/cdu/cdu1/setpoint/request", "-m", "{}"]);

        Assert.NotEqual(0, wrongCa.ExitCode);
        Assert.True(rightCa.ExitCode == 0, rightCa.Output);
    }

    [Theory]
    [MemberData(nameof(Brokers))]
    public async Task A_client_certificate_is_the_identity(string kind)
    {
        await using var broker = await SecuredBroker.StartAsync(kind, _site, requireClientCertificate: true);
        await using var supervisor = await MosquittoClients.SubscribeAsync([.. broker.AsIdentity("supervisor"), "-C", "1", "-t", $"{Root}/cdu/+/telemetry"]);

        var spoofed = await MosquittoClients.PublishAsync([.. broker.WithCertificate("cdu1"), "-t", $"{Root}/cdu/cdu2/telemetry", "-m", "spoofed"]);
        var own = await MosquittoClients.PublishAsync([.. broker.WithCertificate("cdu1"), "-t", $"{Root}/cdu/cdu1/telemetry", "-m", "own"]);
        var wrongCa = await MosquittoClients.PublishAsync([.. broker.WithCertificate("cdu1", _site.OtherCaPath), "-t", $"{Root}/cdu/cdu1/telemetry", "-m", "x"]);
        Assert.True(own.ExitCode == 0, own.Output);
        await supervisor.WaitExitAsync(Timeout);

        Assert.Equal([$"{Root}/cdu/cdu1/telemetry own"], supervisor.Messages);
        Assert.True(spoofed.ExitCode == 0 || spoofed.Output.Contains("not authori", StringComparison.OrdinalIgnoreCase), spoofed.Output);
        Assert.NotEqual(0, wrongCa.ExitCode);
    }
}
