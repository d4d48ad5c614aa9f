using System.Globalization;
using Cooling.Hil.Kpis;
using Cooling.Hil.Rig;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Virtual;

/// <summary>
/// What a rig's run records: the KPI windows (every cycle once the CDU has told its state), the reaction watches and
/// their reactions, the plotted trace (every few seconds of plant time) and the event log.
/// </summary>
public sealed class RunRecorder
{
    private readonly Scenario _scenario;
    private readonly List<KpiWindow> _windows;
    private readonly List<ReactionWatch> _watches = [];
    private readonly List<Reaction> _reactions = [];
    private readonly List<TracePoint> _trace = [];
    private readonly List<string> _log = [];
    private readonly long _traceEvery;

    public RunRecorder(Scenario scenario, double periodSeconds)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        _windows = ScenarioWindows.Build(scenario, setpointEveryCycle: false);
        _traceEvery = Math.Max(1, (long)Math.Round(Math.Max(1, scenario.DurationSeconds / Sil.ScenarioRun.TracePoints) / periodSeconds));
    }

    /// <summary>The open reaction watches (the load-step watch looks for its own).</summary>
    public List<ReactionWatch> Watches => _watches;

    public void Log(string line) => _log.Add(line);

    public void Log(double seconds, string what) => _log.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s {what}"));

    public void Watch(ReactionWatch watch) => _watches.Add(watch);

    public void React(Reaction reaction) => _reactions.Add(reaction);

    /// <summary>
    /// Records cycle <paramref name="cycle"/> (0 = the scenario's first) that ended at <paramref name="endSeconds"/>: into
    /// the KPI windows when <paramref name="stateKnown"/>, the watches checked, every few cycles a trace point.
    /// </summary>
    public void Record(in CycleSample sample, double periodSeconds, double endSeconds, long cycle, bool stateKnown, Func<TracePoint> trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        if (stateKnown) foreach (var w in _windows) w.Add(sample, periodSeconds, double.NaN);
        for (var i = _watches.Count - 1; i >= 0; i--)
        {
            if (_watches[i].Check(endSeconds) is { } reaction)
            {
                _reactions.Add(reaction);
                _watches.RemoveAt(i);
            }
        }

        if (cycle % _traceEvery == 0) _trace.Add(trace());
    }

    /// <summary>Alarms raised, cleared and critical raised, and messages refused, at scenario time <paramref name="seconds"/>.</summary>
    public void Count(double seconds, int raised, int cleared, int criticalRaised, long rejected)
    {
        foreach (var w in _windows) w.Count(seconds, raised, cleared, criticalRaised, rejected);
    }

    /// <summary>The finished run: watches still open end unfinished.</summary>
    public PlannerRun Finish(string planner, IReadOnlyList<Supervision.RequestRecord> requests)
    {
        foreach (var w in _watches) _reactions.Add(w.Unfinished(_scenario.DurationSeconds));
        return new PlannerRun(planner, _windows, _reactions, _trace, requests, _log);
    }

    /// <summary>The run of a scenario that ended before it started (its KPI windows empty, the reason in its log).</summary>
    public PlannerRun Unstarted(string planner, string reason)
    {
        _log.Add(reason);
        return new PlannerRun(planner, _windows, [], [], [], _log);
    }
}
