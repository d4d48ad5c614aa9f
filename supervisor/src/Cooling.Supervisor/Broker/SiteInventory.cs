using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// A site's identity file: the site and every identity on its broker (docs/security.md):
/// <code>
/// {"site":"hall1","identities":[
///   {"name":"supervisor","kind":"supervisor"},
///   {"name":"cdu1","kind":"cdu","cdus":["cdu1"]},
///   {"name":"agent-row1","kind":"rackAgent","racks":["cdu1-r01","cdu1-r02"]},
///   {"name":"operator","kind":"operatorTool"}, {"name":"technician","kind":"technicianTool"},
///   {"name":"rig1","kind":"rig","cdus":["cdu1"]}]}
/// </code>
/// Kinds: supervisor, cdu, rackAgent, operatorTool, technicianTool, rig, twin.
/// </summary>
public static class SiteInventory
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    /// <summary>Reads an identity file; anything wrong is an <see cref="ArgumentException"/> naming the file and the problem.</summary>
    public static BrokerAccessPolicy Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{path}: {ex.Message}", ex);
        }
    }

    public static BrokerAccessPolicy Parse(string json)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"not a site identity file: {ex.Message}", ex);
        }

        if (document?.Site is null) throw new ArgumentException("'site' is required");
        if (document.Identities is null || document.Identities.Count == 0) throw new ArgumentException("'identities' lists no identity");
        return new BrokerAccessPolicy(document.Identities.Select(i =>
            new BrokerIdentity(i.Name ?? throw new ArgumentException("every identity needs a 'name'"),
                i.Kind ?? throw new ArgumentException($"identity '{i.Name}' needs a 'kind'"), document.Site, i.Cdus, i.Racks)));
    }

    private sealed record Document(string? Site, List<Entry>? Identities);

    private sealed record Entry(string? Name, BrokerIdentityKind? Kind, List<string>? Cdus, List<string>? Racks);
}
