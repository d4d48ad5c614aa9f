using Cooling.Hil.Kpis;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Rig;

/// <summary>The KPI windows of a run: the whole run, then one per distinct criterion window.</summary>
public static class ScenarioWindows
{
    /// <param name="setpointEveryCycle">whether the controller's setpoint is known every cycle (SIL) or only from its 1 Hz telemetry (a rig)</param>
    public static List<KpiWindow> Build(Scenario s, bool setpointEveryCycle)
    {
        ArgumentNullException.ThrowIfNull(s);
        var windows = new List<KpiWindow> { new(0, s.DurationSeconds) { SetpointEveryCycle = setpointEveryCycle } };
        foreach (var c in s.Criteria)
        {
            var until = c.UntilSeconds ?? s.DurationSeconds;
            if (!windows.Any(w => w.FromSeconds == c.FromSeconds && w.UntilSeconds == until)) windows.Add(new KpiWindow(c.FromSeconds, until) { SetpointEveryCycle = setpointEveryCycle });
        }

        return windows;
    }
}
