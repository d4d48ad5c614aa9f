namespace Cooling.Supervisor.Alarms;

/// <summary>Alarm severity in Redfish words: a caution threshold raises Warning, a critical threshold Critical.</summary>
public enum AlarmSeverity
{
    Warning,
    Critical,
}

/// <summary>What happened to an alarm, as kept in its history.</summary>
public enum AlarmTransition
{
    Raised,
    Cleared,
    Acknowledged,
}

/// <summary>Who found the condition: the supervisor's own rules, or the CDU's firmware (listed in its telemetry).</summary>
public enum AlarmOrigin
{
    Supervisor,
    Cdu,
}
