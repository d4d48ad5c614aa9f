using Cooling.Supervisor.Broker;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>The access policy as a table: identity, publish or subscribe, topic or filter, allowed (SEC-10, SEC-11).</summary>
public sealed class BrokerAccessPolicyTests
{
    private const string S = "cooling/v1/hall1";
    private static readonly BrokerAccessPolicy Policy = SiteInventory.Parse(SecuredSite.IdentityJson.Replace(
        "{\"name\":\"technician\",\"kind\":\"technicianTool\"}]}",
        "{\"name\":\"technician\",\"kind\":\"technicianTool\"},{\"name\":\"rig1\",\"kind\":\"rig\",\"cdus\":[\"cdu1\"]},{\"name\":\"twin\",\"kind\":\"twin\"}]}",
        StringComparison.Ordinal));

    public static TheoryData<string, string, bool> Publishes => new()
    {
        // A CDU publishes only its own topics.
        { "cdu1", $"{S}/cdu/cdu1/telemetry", true },
        { "cdu1", $"{S}/cdu/cdu1/state", true },
        { "cdu1", $"{S}/cdu/cdu1/event", true },
        { "cdu1", $"{S}/cdu/cdu1/setpoint/ack", true },
        { "cdu1", $"{S}/cdu/cdu1/command/ack", true },
        { "cdu1", $"{S}/cdu/cdu1/config/ack", true },
        { "cdu1", $"{S}/cdu/cdu1/config/document", true },
        { "cdu1", $"{S}/cdu/cdu1/hil/actuators", true },
        { "cdu1", $"{S}/cdu/cdu2/telemetry", false },
        { "cdu1", $"{S}/cdu/cdu1/setpoint/request", false },
        { "cdu1", $"{S}/cdu/cdu1/command", false },
        { "cdu1", $"{S}/cdu/cdu1/hil/sensors", false },
        { "cdu1", "cooling/v1/hall2/cdu/cdu1/telemetry", false },
        { "cdu1", $"{S}/cdu/cdu1/+", false },
        // Only the supervisor requests setpoints.
        { "supervisor", $"{S}/cdu/cdu1/setpoint/request", true },
        { "supervisor", $"{S}/cdu/cdu2/setpoint/request", true },
        { "supervisor", "cooling/v1/hall2/cdu/cdu1/setpoint/request", false },
        { "supervisor", $"{S}/cdu/cdu1/command", false },
        { "supervisor", $"{S}/cdu/cdu1/config/set", false },
        { "supervisor", $"{S}/cdu/cdu1/telemetry", false },
        { "operator", $"{S}/cdu/cdu1/setpoint/request", false },
        { "technician", $"{S}/cdu/cdu1/setpoint/request", false },
        { "agent-row1", $"{S}/cdu/cdu1/setpoint/request", false },
        { "rig1", $"{S}/cdu/cdu1/setpoint/request", false },
        { "twin", $"{S}/cdu/cdu1/setpoint/request", false },
        // Operators command; technicians command and configure.
        { "operator", $"{S}/cdu/cdu1/command", true },
        { "operator", $"{S}/cdu/cdu1/config/set", false },
        { "operator", $"{S}/cdu/cdu1/config/get", false },
        { "technician", $"{S}/cdu/cdu1/command", true },
        { "technician", $"{S}/cdu/cdu1/config/set", true },
        { "technician", $"{S}/cdu/cdu1/config/get", true },
        { "agent-row1", $"{S}/cdu/cdu1/command", false },
        { "agent-row1", $"{S}/cdu/cdu1/config/set", false },
        // Rack agents publish their racks' telemetry only.
        { "agent-row1", $"{S}/rack/cdu1-r01/telemetry", true },
        { "agent-row1", $"{S}/rack/cdu1-r02/telemetry", true },
        { "agent-row1", $"{S}/rack/cdu2-r01/telemetry", false },
        { "agent-row1", $"{S}/cdu/cdu1/telemetry", false },
        // A rig plays the sensors of its CDUs; the twin every CDU and rack of its site.
        { "rig1", $"{S}/cdu/cdu1/hil/sensors", true },
        { "rig1", $"{S}/cdu/cdu2/hil/sensors", false },
        { "rig1", $"{S}/cdu/cdu1/hil/actuators", false },
        { "twin", $"{S}/cdu/cdu7/telemetry", true },
        { "twin", $"{S}/rack/cdu7-r01/telemetry", true },
        { "twin", $"{S}/cdu/cdu7/command", false },
    };

    public static TheoryData<string, string, bool> Subscriptions => new()
    {
        { "cdu1", $"{S}/cdu/cdu1/setpoint/request", true },
        { "cdu1", $"{S}/cdu/cdu1/command", true },
        { "cdu1", $"{S}/cdu/cdu1/config/set", true },
        { "cdu1", $"{S}/cdu/cdu1/config/get", true },
        { "cdu1", $"{S}/cdu/cdu1/hil/sensors", true },
        { "cdu1", $"{S}/cdu/cdu2/setpoint/request", false },
        { "cdu1", $"{S}/cdu/+/setpoint/request", false },
        { "cdu1", $"{S}/cdu/cdu1/#", false },
        { "cdu1", $"{S}/cdu/cdu1/telemetry", false },
        { "supervisor", $"{S}/#", true },
        { "supervisor", $"{S}/cdu/+/telemetry", true },
        { "supervisor", $"{S}/rack/+/telemetry", true },
        { "supervisor", "cooling/v1/+/cdu/+/telemetry", false },
        { "supervisor", "#", false },
        { "operator", $"{S}/cdu/+/command/ack", true },
        { "operator", $"{S}/cdu/+/config/document", false },
        { "technician", $"{S}/cdu/+/config/document", true },
        { "technician", $"{S}/cdu/cdu1/config/ack", true },
        { "agent-row1", $"{S}/rack/cdu1-r01/telemetry", false },
        { "agent-row1", "#", false },
        { "rig1", $"{S}/cdu/cdu1/hil/actuators", true },
        { "rig1", $"{S}/cdu/cdu2/hil/actuators", false },
        { "twin", $"{S}/cdu/+/setpoint/request", true },
        { "twin", $"{S}/cdu/+/telemetry", false },
    };

    [Theory]
    [MemberData(nameof(Publishes))]
    public void Publish(string identity, string topic, bool allowed)
    {
        Assert.Equal(allowed, BrokerAccessPolicy.MayPublish(Policy.Find(identity)!, topic));
    }

    [Theory]
    [MemberData(nameof(Subscriptions))]
    public void Subscribe(string identity, string filter, bool allowed)
    {
        Assert.Equal(allowed, BrokerAccessPolicy.MaySubscribe(Policy.Find(identity)!, filter));
    }

    [Fact]
    public void A_supervisor_naming_its_site_subscribes_only_to_filters_its_identity_may_read()
    {
        var supervisor = Policy.Find("supervisor")!;

        Assert.All(SupervisorService.SubscriptionsFor(["hall1"]), filter => Assert.True(BrokerAccessPolicy.MaySubscribe(supervisor, filter), filter));
        Assert.All(SupervisorService.SubscriptionsFor([]), filter => Assert.False(BrokerAccessPolicy.MaySubscribe(supervisor, filter), filter));
    }

    [Fact]
    public void An_unknown_name_has_no_identity() => Assert.Null(Policy.Find("intruder"));

    [Fact]
    public void The_acl_file_lists_each_identitys_grants_in_an_explicit_user_block()
    {
        var acl = MosquittoAclFile.Format(Policy);

        Assert.Contains($"user cdu1\ntopic write {S}/cdu/cdu1/telemetry\n", acl, StringComparison.Ordinal);
        Assert.Contains($"user supervisor\ntopic write {S}/cdu/+/setpoint/request\ntopic read {S}/#\n", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("%u", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("pattern", acl, StringComparison.Ordinal);
        Assert.Equal(Policy.Identities.Count, acl.Split('\n').Count(l => l.StartsWith("user ", StringComparison.Ordinal)));
        Assert.Equal(Policy.Identities.Sum(i => BrokerAccessPolicy.Grants(i).Count), acl.Split('\n').Count(l => l.StartsWith("topic ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"site":"hall1","identities":[{"name":"cdu1","kind":"cdu"}]}""", "exactly one CDU")]
    [InlineData("""{"site":"hall1","identities":[{"name":"a","kind":"rackAgent","racks":[]}]}""", "names its racks")]
    [InlineData("""{"site":"hall1","identities":[{"name":"x","kind":"admin"}]}""", "not a site identity file")]
    [InlineData("""{"site":"Hall 1","identities":[{"name":"s","kind":"supervisor"}]}""", "not a contract id")]
    [InlineData("""{"site":"hall1","identities":[{"name":"s","kind":"supervisor"},{"name":"s","kind":"operatorTool"}]}""", "listed twice")]
    [InlineData("""{"site":"hall1","identities":[{"name":"S/1","kind":"supervisor"}]}""", "the name must be")]
    [InlineData("""{"site":"hall1","identities":[]}""", "lists no identity")]
    public void A_bad_identity_file_is_refused_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => SiteInventory.Parse(json));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
