namespace Cooling.Supervisor.Alarms;

/// <summary>
/// One line of alarm history: an alarm raised, cleared or acknowledged (by whom), with the value then and the
/// threshold it was raised at (when it has one).
/// </summary>
public sealed record AlarmHistoryEntry(
    DateTimeOffset At,
    long AlarmId,
    AlarmTransition Transition,
    AlarmOrigin Origin,
    string Code,
    AlarmSeverity Severity,
    string Source,
    string Message,
    double? Value,
    string? By,
    double? Threshold = null);
