namespace Cooling.Supervisor.Alarms;

/// <summary>
/// Identifies one alarm condition: who found it, its code (a Redfish MessageId where one fits) and its source,
/// a path such as <c>hall1/rack/r01/gpu</c> or <c>hall1/cdu/cdu1/supply</c>.
/// </summary>
public readonly record struct AlarmKey(AlarmOrigin Origin, string Code, string Source)
{
    public override string ToString() => $"{Code}@{Source}";
}
