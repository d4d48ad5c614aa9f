using Cdu.Firmware.Messages;
using Cooling.Hil.Kpis;
using Cooling.Hil.Rig;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Virtual;

/// <summary>
/// A scenario played by the rig for one CDU over the HIL I/O topics: its plant (<see cref="VirtualPlant"/>) stepped one
/// control period at a time, what happens to it from outside (workload, facility water, events and faults, malformed
/// bursts), the supervisor emulation planning every second of plant time, and the KPIs measured as the SIL target
/// measures a cycle — the plant from the rig's model, the CDU's commands from its actuator messages, its state from
/// its telemetry (<see cref="View"/>). How plant time keeps up with the CDU's clock is the pacer's business.
/// </summary>
public sealed class RigScenario
{
    private readonly Scenario _scenario;
    private readonly VirtualRunOptions _options;
    private readonly string _cduId;
    private readonly RigLink _link;
    private readonly ScenarioSurroundings _surroundings;
    private readonly List<VirtualEvent> _events;
    private readonly MalformedBursts _bursts;
    private readonly LoadStepWatch? _loadStep;
    private readonly long _settleSteps;
    private readonly long _observeEvery;
    private long _steps;
    private int _nextEvent;

    public RigScenario(Scenario scenario, VirtualRunOptions options, string cduId, RigLink link)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        _scenario = scenario;
        _options = options;
        _cduId = cduId;
        _link = link;
        Seed = options.Seed ?? scenario.Seed;
        Topics = new CduTopics(options.SiteId, cduId);
        Settings = SilLane.BuildSettings(scenario, options.FirmwareOverrides);
        Plant = new VirtualPlant(scenario, Settings, Seed);
        Supervisor = scenario.Supervisor is { } sup ? new SupervisorEmulator(sup, sup.Planner, payload => link.Publish(Topics.SetpointRequest, payload)) : null;
        Commands = new OperatorCommands(Topics.Command, link.Publish);
        var period = Plant.PeriodSeconds;
        Recorder = new RunRecorder(scenario, period);
        _loadStep = Supervisor is null ? null : new LoadStepWatch(Supervisor, Recorder.Watches);
        _surroundings = new ScenarioSurroundings(scenario, Seed);
        _bursts = new MalformedBursts(scenario, Seed);
        _observeEvery = (long)Math.Round(1.0 / period);
        _settleSteps = (long)Math.Round(scenario.Initial.SettleSeconds / period);
        TotalSteps = (long)Math.Round((scenario.Initial.SettleSeconds + scenario.DurationSeconds) / period);
        _events = new VirtualEvents(scenario, this).Build();
        _surroundings.Apply(Plant.Plant, 0);
    }

    public int Seed { get; }

    public CduTopics Topics { get; }

    public Cdu.Firmware.CduSettings Settings { get; }

    public VirtualPlant Plant { get; }

    /// <summary>The CDU's state as its telemetry and events tell it.</summary>
    public CduView View { get; } = new();

    public SupervisorEmulator? Supervisor { get; }

    public OperatorCommands Commands { get; }

    public RunRecorder Recorder { get; }

    /// <summary>Plant periods to play, settling included.</summary>
    public long TotalSteps { get; }

    /// <summary>Plant periods played so far.</summary>
    public long Steps => _steps;

    public bool Done => _steps >= TotalSteps;

    /// <summary>Scenario time now (plant time minus the settling time), s.</summary>
    public double ScenarioSeconds => Plant.Seconds - _scenario.Initial.SettleSeconds;

    public double SettleSeconds => _scenario.Initial.SettleSeconds;

    public void Watch(ReactionWatch watch) => Recorder.Watch(watch);

    /// <summary>Sends a scenario's operator command to the CDU.</summary>
    public void SendOperatorCommand(OperatorActionSpec o) => Commands.Send(o, Plant.Io.Commands.ValveCommandPercent);

    /// <summary>
    /// The lead pump: the one pump commanded to run, at once from the actuator messages; while several or none run, the
    /// lead the CDU's telemetry names (1 Hz) — a failover shows in the commands a second before it shows there.
    /// </summary>
    public int LeadPump()
    {
        var commands = Plant.Io.Commands;
        int running = -1, count = 0;
        for (var i = 0; i < Plant.Plant.Pumps.Length; i++)
        {
            if (!commands.PumpRunCommand[i]) continue;
            running = i;
            count++;
        }

        return count == 1 ? running : View.LeadPump;
    }

    /// <summary>The commands of the CDU's latest actuator message drive the plant from now on (after a bump measurement, if one was armed).</summary>
    public void ApplyCommands()
    {
        if (Commands.TakeArmedBump(out var before))
        {
            // The command's acknowledgement arrived before the actuator message of the cycle that ran it.
            Plant.ApplyCommands();
            Recorder.React(new Reaction(KpiCatalog.ManualTransferBumpPercent, ScenarioSeconds, Math.Abs(Plant.Io.Commands.ValveCommandPercent - before), "manual → automatic"));
        }

        Plant.ApplyCommands();
    }

    /// <summary>The supervisor's first planning round, before the plant moves.</summary>
    public void PlanFirst()
    {
        if (Supervisor is null) return;
        var observation = Observe(ScenarioSeconds);
        if (ScenarioSeconds >= 0) _loadStep!.Observe(observation, ScenarioSeconds);
        Supervisor.Tick(ScenarioSeconds, observation);
    }

    /// <summary>One control period of plant time under the commands in force, measured as the SIL target measures a cycle; then what happens at the new plant time, which the next scan carries to the CDU.</summary>
    public void Advance()
    {
        var period = Plant.PeriodSeconds;
        var start = ScenarioSeconds;
        Plant.Step();
        _steps++;
        var end = start + period;
        if (_steps > _settleSteps)
        {
            var sample = Sample(start);
            // (Only once the CDU has told its state: before its first telemetry there is no setpoint to measure against.)
            Recorder.Record(sample, period, end, _steps - _settleSteps - 1, View.TelemetryMessages > 0, () => CycleSampler.Trace(Plant.Plant, sample, View.Mode));
            if ((_steps - _settleSteps) % 500 == 0) _options.Progress?.Invoke(_scenario, end);
        }

        _surroundings.Apply(Plant.Plant, Math.Max(0, end));
        while (end >= -1e-9 && _nextEvent < _events.Count && _events[_nextEvent].AtSeconds <= end + 1e-9)
        {
            var e = _events[_nextEvent++];
            Recorder.Log(end, e.What);
            e.Apply();
        }

        _bursts.Send(end, Topics, Supervisor?.Requests.Count ?? 0, _link.Publish);

        // (Not at the run's last instant: on SIL the last round is one period before it, and a request sent now would
        // go unanswered.)
        if (_steps % _observeEvery == 0 && Supervisor is not null && end < _scenario.DurationSeconds - 1e-9)
        {
            var observation = Observe(end);
            if (end >= 0) _loadStep!.Observe(observation, end);
            Supervisor.Tick(end, observation);
        }
    }

    /// <summary>The finished run, its last log line what the rig saw of the CDU's clock.</summary>
    public PlannerRun Finish(string clock)
    {
        Recorder.Log(_scenario.DurationSeconds, $"rig: {Plant.ActuatorMessages} actuator messages ({Plant.RefusedActuatorMessages} refused), longest step of the CDU's clock between two {Plant.LongestUptimeGapMilliseconds} ms, {Plant.StaleScanMessages} with the rig's scans stale, {clock}");
        return Recorder.Finish(Supervisor?.PlannerName ?? PlannerNames.None, Supervisor?.Requests ?? []);
    }

    /// <summary>The run of a scenario that ended before it started (its KPI windows empty, the reason in its log).</summary>
    public PlannerRun Unstarted(string reason) => Recorder.Unstarted(Supervisor?.PlannerName ?? PlannerNames.None, reason);

    /// <summary>The cycle as the KPIs see it: the plant from the rig's model, the commands from the CDU's actuator messages, its state from its telemetry.</summary>
    private CycleSample Sample(double seconds)
    {
        var mode = View.Mode;
        return CycleSampler.Sample(seconds, Plant.Plant, Plant.Io.Commands, new ControllerState(
            View.SetpointCelsius, View.TargetCelsius, View.DewPointCelsius,
            Settings.Pump.ControlVariable == 0 ? View.DeltaPressureSetpointKpa : double.NaN, LeadPump(),
            // Flow is proven once start-up has handed over to the loops (telemetry shows no separate flag).
            FlowProven: mode is not ("startup" or "shutdown" or "unknown"),
            Fallback: mode == "fallback", Degraded: mode == "degraded", Shutdown: mode == "shutdown"));
    }

    /// <summary>What the supervisor sees of the loop: the CDU's telemetry quantities and its racks' (contract v1).</summary>
    private LoopObservation Observe(double seconds)
    {
        var p = Plant.Plant;
        var now = SilLane.Epoch.AddSeconds(seconds);
        var target = View.TelemetryMessages > 0 ? View.TargetCelsius : Settings.Supply.FallbackSetpointCelsius; // what the CDU starts on
        var cdu = new CduObservation(now, p.SupplyCelsius, p.ReturnCelsius, target, p.DeltaPressureKpa,
            Settings.Pump.ControlVariable == 0 && !double.IsNaN(View.DeltaPressureTargetKpa) ? View.DeltaPressureTargetKpa : null, p.FlowLitersPerMinute,
            Plant.Io.Commands.PumpSpeedCommandPercent[LeadPump()], View.DewPointCelsius, p.FacilitySupplyCelsius);
        return new LoopObservation(_cduId, now, cdu, SilLane.ObserveRacks(p, now));
    }
}
