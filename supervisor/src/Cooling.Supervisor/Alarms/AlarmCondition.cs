namespace Cooling.Supervisor.Alarms;

/// <summary>
/// The state of one alarm condition with hysteresis and dwell, on the times it is given:
/// raise when value ≥ threshold without a break for the dwell; clear when value &lt; threshold − hysteresis without a
/// break for the clear dwell; between the two (the hysteresis band) nothing changes and both timers restart.
/// A raise that is not allowed (start-up suppression) is held back while the timer keeps running, so a condition that
/// outlasts the suppression is raised on the first evaluation after it.
/// </summary>
internal sealed class AlarmCondition
{
    private DateTimeOffset? _beyondSince;
    private DateTimeOffset? _withinSince;

    public bool Active { get; private set; }

    /// <summary>Inactive with no raise being timed: the same as a condition never seen (it may be forgotten).</summary>
    public bool Idle => !Active && _beyondSince is null;

    /// <summary>An alarm that was active when the supervisor stopped: active, its clear timed from the next value.</summary>
    public static AlarmCondition ActiveFromBefore() => new() { Active = true };

    /// <summary>The transition this value causes: Raised, Cleared, or null for none.</summary>
    public AlarmTransition? Update(double value, double threshold, double hysteresis, TimeSpan dwell, TimeSpan clearDwell, bool mayRaise,
        DateTimeOffset now)
    {
        if (value >= threshold)
        {
            _withinSince = null;
            _beyondSince ??= now;
            if (!Active && mayRaise && now - _beyondSince.Value >= dwell)
            {
                Active = true;
                return AlarmTransition.Raised;
            }
        }
        else if (value < threshold - hysteresis)
        {
            _beyondSince = null;
            _withinSince ??= now;
            if (Active && now - _withinSince.Value >= clearDwell)
            {
                Active = false;
                return AlarmTransition.Cleared;
            }
        }
        else
        {
            _beyondSince = null;
            _withinSince = null;
        }

        return null;
    }

    /// <summary>A flag condition: true is beyond, false is within (no hysteresis).</summary>
    public AlarmTransition? Update(bool condition, TimeSpan dwell, TimeSpan clearDwell, bool mayRaise, DateTimeOffset now) =>
        Update(condition ? 1 : 0, 0.5, 0, dwell, clearDwell, mayRaise, now);

    /// <summary>Forgets the timers (the condition can no longer be judged, e.g. the device went silent); an active alarm stays.</summary>
    public void Hold()
    {
        _beyondSince = null;
        _withinSince = null;
    }
}
