namespace Cooling.Supervisor.Alarms;

/// <summary>
/// One alarm as the operator sees it: raised at a time with a value and the threshold it crossed; later cleared
/// and/or acknowledged. It stays open (listed) while active or while cleared but not yet acknowledged.
/// </summary>
public sealed record AlarmRecord(
    long Id,
    AlarmOrigin Origin,
    string Code,
    AlarmSeverity Severity,
    string Source,
    string SiteId,
    string Message,
    DateTimeOffset RaisedAt,
    double? Value,
    double? Threshold)
{
    public DateTimeOffset? ClearedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public bool Active => ClearedAt is null;

    public bool Acknowledged => AcknowledgedAt is not null;

    /// <summary>ISA-18.2 state: <c>unacknowledged</c>, <c>acknowledged</c> (both active) or <c>clearedUnacknowledged</c>.</summary>
    public string State => (Active, Acknowledged) switch
    {
        (true, false) => "unacknowledged",
        (true, true) => "acknowledged",
        (false, false) => "clearedUnacknowledged",
        (false, true) => "closed",
    };

    public AlarmKey Key => new(Origin, Code, Source);
}
