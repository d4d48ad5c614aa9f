namespace Cooling.Supervisor.Storage;

/// <summary>
/// One change of an alarm: raised, cleared or acknowledged; by whom or why in <see cref="Reason"/>. Source names
/// what the alarm is about (a rack, a GPU as "rack/gpu", a CDU); Value is the measurement that crossed the threshold.
/// </summary>
public sealed record AlarmTransition(DateTimeOffset At, string SiteId, string Source, string Code, string Severity, string Transition,
    double? Value, string? Reason);

/// <summary>Keeps alarm history. Like <see cref="ITelemetryStore"/>, a call queues and returns.</summary>
public interface IAlarmHistoryStore
{
    void AddAlarmTransition(AlarmTransition transition);
}
