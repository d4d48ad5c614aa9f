using Cooling.Hil.Kpis;
using Cooling.Hil.Rig;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Supervision;
using Cooling.Models;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Sil;

/// <summary>
/// One run of a scenario on the SIL target with one planner: the firmware core on the twin's plant, in process, on
/// simulated time, deterministic for the seed. A lockstep twin lane without the communication faults runs beside
/// it when the scenario has any, so that "never an actuator move" can be measured as a difference.
/// </summary>
public sealed class ScenarioRun
{
    /// <summary>Points kept for plots (the KPIs use every cycle).</summary>
    public const int TracePoints = 3000;

    private readonly Scenario _scenario;
    private readonly string _planner;
    private readonly int _seed;
    private readonly SilLane _main;
    private readonly SilLane? _twin;
    private readonly List<ReactionWatch> _watches = [];
    private readonly List<Reaction> _reactions = [];
    private readonly List<string> _log = [];
    private double _seconds;

    public ScenarioRun(Scenario scenario, string planner, int seed, IReadOnlyDictionary<string, double>? firmwareOverrides = null)
    {
        _scenario = scenario;
        _planner = planner;
        _seed = seed;
        _main = new SilLane(scenario, planner, firmwareOverrides, seed);
        if (scenario.Faults.Any(f => f.Kind is "brokerOutage" or "malformedBurst"))
        {
            _twin = new SilLane(scenario, planner, firmwareOverrides, seed);
        }
    }

    /// <summary>The main lane (tests look inside).</summary>
    public SilLane Main => _main;

    /// <summary>Called after every cycle with the scenario time, s (progress, tests).</summary>
    public Action<double>? AfterCycle { get; set; }

    public PlannerRun Run(CancellationToken cancellationToken = default)
    {
        var s = _scenario;
        var period = _main.Rig.PeriodSeconds;
        var surroundings = new ScenarioSurroundings(s, _seed);
        var events = new ScenarioEvents(s, w => _watches.Add(w), () => _seconds).Build();
        var windows = ScenarioWindows.Build(s, setpointEveryCycle: true);
        var trace = new List<TracePoint>();
        var traceEvery = Math.Max(1, (long)Math.Round(Math.Max(1, s.DurationSeconds / TracePoints) / period));
        var observeEvery = (long)Math.Round(1.0 / period);
        var bursts = new MalformedBursts(s, _seed);
        var loadStep = _main.Supervisor is { } supervisor ? new LoadStepWatch(supervisor, _watches) : null;
        double? bumpBefore = null;

        Settle(surroundings);
        var lanes = _twin is null ? new[] { _main } : [_main, _twin];
        var nextEvent = 0;
        var steps = (long)Math.Round(s.DurationSeconds / period);
        for (long step = 0; step < steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _seconds = step * period;
            foreach (var lane in lanes) surroundings.Apply(lane.Rig.Plant, _seconds);
            while (nextEvent < events.Count && events[nextEvent].AtSeconds <= _seconds + 1e-9)
            {
                var e = events[nextEvent++];
                _log.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_seconds:F1} s {e.What}"));
                if (e.What.StartsWith("operator: automatic", StringComparison.Ordinal)) bumpBefore = _main.Rig.Io.Commands.ValveCommandPercent;
                e.Apply(_main);
                if (_twin is not null && !e.Communication) e.Apply(_twin);
            }

            bursts.Send(_seconds, _main.Rig.Topics, _main.Supervisor?.Requests.Count ?? 0, _main.Deliver);

            if (step % observeEvery == 0)
            {
                foreach (var lane in lanes)
                {
                    if (lane.Supervisor is null) continue;
                    var observation = lane.Observe(_seconds);
                    if (lane == _main) loadStep?.Observe(observation, _seconds);
                    lane.Supervisor.Tick(_seconds, observation);
                }
            }

            foreach (var lane in lanes) lane.Step();
            var end = _seconds + period;
            var sample = _main.Sample(_seconds);
            var divergence = _twin is null ? double.NaN : Divergence(_main, _twin);
            var (raised, cleared, critical, rejected) = _main.TakeChanges(_log, end);
            foreach (var w in windows)
            {
                w.Add(sample, period, divergence);
                w.Count(_seconds, raised, cleared, critical, rejected);
            }

            if (bumpBefore is { } before)
            {
                _reactions.Add(new Reaction(KpiCatalog.ManualTransferBumpPercent, _seconds, Math.Abs(_main.Rig.Io.Commands.ValveCommandPercent - before), "manual → automatic"));
                bumpBefore = null;
            }

            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (_watches[i].Check(end) is { } reaction)
                {
                    _reactions.Add(reaction);
                    _watches.RemoveAt(i);
                }
            }

            if (step % traceEvery == 0) trace.Add(CycleSampler.Trace(_main.Rig.Plant, sample, _main.Rig.Controller.Mode.ToString()));
            AfterCycle?.Invoke(end);
        }

        foreach (var w in _watches) _reactions.Add(w.Unfinished(s.DurationSeconds));
        return new PlannerRun(_planner, windows, _reactions, trace, _main.Supervisor?.Requests ?? [], _log);
    }

    // Runs the scenario's state at t = 0 for initial.settleSeconds, unrecorded; the scenario's clock starts after it.
    private void Settle(ScenarioSurroundings surroundings)
    {
        if (_scenario.Initial.SettleSeconds <= 0) return;
        var lanes = _twin is null ? new[] { _main } : [_main, _twin];
        var period = _main.Rig.PeriodSeconds;
        var steps = (long)Math.Round(_scenario.Initial.SettleSeconds / period);
        var observeEvery = (long)Math.Round(1.0 / period);
        foreach (var lane in lanes) surroundings.Apply(lane.Rig.Plant, 0);
        for (long step = 0; step < steps; step++)
        {
            foreach (var lane in lanes)
            {
                var settleSeconds = step * period - _scenario.Initial.SettleSeconds;
                if (step % observeEvery == 0) lane.Supervisor?.Tick(settleSeconds, lane.Observe(settleSeconds));
                lane.Step();
                lane.TakeChanges(null, 0);
            }
        }
    }

    private static double Divergence(SilLane a, SilLane b)
    {
        var oa = a.Rig.Io.Commands;
        var ob = b.Rig.Io.Commands;
        var worst = Math.Abs(oa.ValveCommandPercent - ob.ValveCommandPercent);
        for (var i = 0; i < a.Rig.Plant.Pumps.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(oa.PumpSpeedCommandPercent[i] - ob.PumpSpeedCommandPercent[i]));
            if (oa.PumpRunCommand[i] != ob.PumpRunCommand[i]) worst = 100;
        }

        if (oa.IsolationValvesOpen != ob.IsolationValvesOpen) worst = 100;
        return worst;
    }
}
