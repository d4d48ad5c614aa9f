namespace Cooling.Supervisor.Contract;

/// <summary>
/// A parsed contract-v1 topic: <c>cooling/v1/{site}/rack/{rack}/telemetry</c> or
/// <c>cooling/v1/{site}/cdu/{cdu}/(telemetry|state|event|setpoint/ack|setpoint/request)</c>.
/// Ids are 1 … 32 characters of a-z, 0-9, '-' and '_'.
/// </summary>
public readonly record struct TopicAddress(TopicKind Kind, string SiteId, string DeviceId)
{
    public const string Root = Cooling.Mqtt.Topics.ContractTopics.Root;

    public static TopicAddress Parse(string topic)
    {
        var unknown = new TopicAddress(TopicKind.Unknown, "", "");
        if (!topic.StartsWith(Root, StringComparison.Ordinal))
        {
            return unknown;
        }

        var parts = topic[Root.Length..].Split('/');
        if (parts.Length < 4 || !IsValidId(parts[0]) || !IsValidId(parts[2]))
        {
            return unknown;
        }

        var kind = (parts[1], parts.Length, parts[3], parts.Length > 4 ? parts[4] : null) switch
        {
            ("rack", 4, "telemetry", null) => TopicKind.RackTelemetry,
            ("cdu", 4, "telemetry", null) => TopicKind.CduTelemetry,
            ("cdu", 4, "state", null) => TopicKind.CduState,
            ("cdu", 4, "event", null) => TopicKind.CduEvent,
            ("cdu", 5, "setpoint", "ack") => TopicKind.SetpointAcknowledgement,
            ("cdu", 5, "setpoint", "request") => TopicKind.SetpointRequest,
            _ => TopicKind.Unknown,
        };
        return kind == TopicKind.Unknown ? unknown : new TopicAddress(kind, parts[0], parts[2]);
    }

    public static string SetpointRequestTopic(string siteId, string cduId) => Cooling.Mqtt.Topics.ContractTopics.Cdu(siteId, cduId).SetpointRequest;

    public static bool IsValidId(string id) => Cooling.Mqtt.Topics.ContractTopics.IsValidId(id);
}
