namespace Cooling.Mqtt.Topics;

/// <summary>
/// The topics of MQTT contract v1 (docs/mqtt.md): <c>cooling/v1/{site}/rack/{rack}/telemetry</c> and
/// <c>cooling/v1/{site}/cdu/{cdu}/{leaf}</c>, with the filters a supervisor subscribes to. Ids are 1 … 32 characters
/// of a-z, 0-9, '-' or '_'. (The firmware core builds the same CDU topics in its own nanoFramework-safe
/// <c>Cdu.Firmware.Messages.CduTopics</c>; a test holds the two equal.)
/// </summary>
public static class ContractTopics
{
    public const string Root = "cooling/v1/";

    /// <summary>Every rack's telemetry on every site.</summary>
    public const string AllRackTelemetry = Root + "+/rack/+/telemetry";

    /// <summary>True when <paramref name="id"/> is 1 … 32 characters of a-z, 0-9, '-' or '_'.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 32 } && id.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_');

    /// <summary>A rack's telemetry (rack agent → supervisor, QoS 0).</summary>
    public static string RackTelemetry(string siteId, string rackId) => $"{Root}{Checked(siteId, "site")}/rack/{Checked(rackId, "rack")}/telemetry";

    /// <summary>The topics of one CDU.</summary>
    public static CduContractTopics Cdu(string siteId, string cduId) => new(Checked(siteId, "site"), Checked(cduId, "CDU"));

    /// <summary>The filter of one CDU leaf (e.g. <see cref="CduLeaf.State"/>) on every site and CDU: <c>cooling/v1/+/cdu/+/{leaf}</c>.</summary>
    public static string AllCdus(string leaf) => $"{Root}+/cdu/+/{leaf}";

    /// <summary>Every rack's telemetry on one site: <c>cooling/v1/{site}/rack/+/telemetry</c>.</summary>
    public static string AllRackTelemetryOf(string siteId) => $"{Root}{Checked(siteId, "site")}/rack/+/telemetry";

    /// <summary>The filter of one CDU leaf on every CDU of one site: <c>cooling/v1/{site}/cdu/+/{leaf}</c>.</summary>
    public static string AllCdusOf(string siteId, string leaf) => $"{Root}{Checked(siteId, "site")}/cdu/+/{leaf}";

    internal static string Checked(string id, string what) =>
        IsValidId(id) ? id : throw new ArgumentException($"The {what} id '{id}' must be 1 to 32 characters of a-z, 0-9, '-' or '_'.");
}

/// <summary>The last parts of a CDU's topics (<c>cooling/v1/{site}/cdu/{cdu}/{leaf}</c>).</summary>
public static class CduLeaf
{
    public const string Telemetry = "telemetry";
    public const string State = "state";
    public const string Event = "event";
    public const string SetpointRequest = "setpoint/request";
    public const string SetpointAcknowledgement = "setpoint/ack";
    public const string Command = "command";
    public const string CommandAcknowledgement = "command/ack";
    public const string ConfigurationSet = "config/set";
    public const string ConfigurationGet = "config/get";
    public const string ConfigurationAcknowledgement = "config/ack";
    public const string ConfigurationDocument = "config/document";
}

/// <summary>The contract topics of one CDU (see docs/mqtt.md for direction, QoS and retain of each).</summary>
public sealed class CduContractTopics
{
    internal CduContractTopics(string siteId, string cduId)
    {
        SiteId = siteId;
        CduId = cduId;
        Root = $"{ContractTopics.Root}{siteId}/cdu/{cduId}/";
    }

    public string SiteId { get; }

    public string CduId { get; }

    /// <summary><c>cooling/v1/{site}/cdu/{cdu}/</c>.</summary>
    public string Root { get; }

    public string Telemetry => Root + CduLeaf.Telemetry;
    public string State => Root + CduLeaf.State;
    public string Event => Root + CduLeaf.Event;
    public string SetpointRequest => Root + CduLeaf.SetpointRequest;
    public string SetpointAcknowledgement => Root + CduLeaf.SetpointAcknowledgement;
    public string Command => Root + CduLeaf.Command;
    public string CommandAcknowledgement => Root + CduLeaf.CommandAcknowledgement;
    public string ConfigurationSet => Root + CduLeaf.ConfigurationSet;
    public string ConfigurationGet => Root + CduLeaf.ConfigurationGet;
    public string ConfigurationAcknowledgement => Root + CduLeaf.ConfigurationAcknowledgement;
    public string ConfigurationDocument => Root + CduLeaf.ConfigurationDocument;
}
