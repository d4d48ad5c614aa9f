using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cdu.Firmware.Host.Hil;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Messages;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;
using Cooling.Models;
using Cooling.Models.Energy;
using Cooling.Supervisor.Planning;
using Cooling.Hil.Rig;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Virtual;

/// <summary>
/// One run of a scenario on the virtual target: the firmware host started as its own process (<c>--io hil</c>, the
/// scenario's firmware parameters as its configuration document, <c>--time-scale</c>), the rig playing the plant over
/// the HIL I/O topics on the same broker, the supervisor emulation sending leased requests over MQTT, and the KPIs
/// measured by the rig: the plant from its model, the CDU's commands from its actuator messages, its mode, setpoints
/// and alarms from its telemetry and events (contract v1). Every incoming message is handled in arrival order on one
/// loop. By default the CDU runs in lockstep with the plant's time (the host's <c>--clock hil</c>); with a time scale it
/// runs freely on its own clock and the plant follows it.
/// </summary>
public sealed partial class VirtualScenarioRun : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(30);

    private readonly Scenario _scenario;
    private readonly VirtualRunOptions _options;
    private readonly string _cduId;
    private readonly int _seed;
    private readonly CduTopics _topics;
    private readonly HilTopics _hil;
    private readonly BlockingCollection<(string Topic, byte[] Payload)> _inbox = [];
    private readonly Stopwatch _wall = new();
    private readonly List<ReactionWatch> _watches = [];
    private readonly List<Reaction> _reactions = [];
    private readonly List<string> _log = [];
    private readonly List<KpiWindow> _windows;
    private readonly List<TracePoint> _trace = [];
    private static readonly FacilityEnergyProxy Facility = new();
    private MqttConnection? _connection;
    private long _commandSequence;
    private long _lastRejected;
    private long _bumpCommand = -1;
    private double _bumpBefore = double.NaN;
    private bool _bumpArmed;
    private double _clockOffsetMilliseconds = double.PositiveInfinity;
    private long _steps;
    private long _catchUpSteps;
    private long _resentScans;
    private byte[]? _lastTimedScan;
    private long _settleSteps;
    private long _traceEvery;
    private long _observeEvery;
    private int _nextEvent;
    private double _lastItPower = double.NaN;
    private RackUtilization _workload = (_, _, _) => 0;
    private Func<double, double> _facilityWater = _ => 0;
    private List<VirtualEvent> _events = [];
    private List<(FaultSpec Fault, int Left)> _bursts = [];
    private readonly MalformedMessages _malformed;

    public VirtualScenarioRun(Scenario scenario, VirtualRunOptions options, string cduId)
    {
        _scenario = scenario;
        _options = options;
        _cduId = cduId;
        _seed = options.Seed ?? scenario.Seed;
        _topics = new CduTopics(options.SiteId, cduId);
        _hil = new HilTopics(options.SiteId, cduId);
        Settings = SilLane.BuildSettings(scenario, options.FirmwareOverrides);
        Plant = new VirtualPlant(scenario, Settings, _seed);
        Supervisor = scenario.Supervisor is { } sup ? new SupervisorEmulator(sup, sup.Planner, Publish(_topics.SetpointRequest)) : null;
        _windows = BuildWindows(scenario);
        _malformed = new MalformedMessages(_seed);
    }

    public Cdu.Firmware.CduSettings Settings { get; }

    public VirtualPlant Plant { get; }

    public CduView View { get; } = new();

    public SupervisorEmulator? Supervisor { get; }

    // What the rig subscribes to: the CDU's actuator messages, telemetry, events and acknowledgements.
    private string[] Subscriptions => [_hil.Actuators, _topics.Telemetry, _topics.Event, _topics.SetpointAcknowledgement, _topics.CommandAcknowledgement];

    public int Seed => _seed;

    /// <summary>Scenario time now (plant time minus the settling time), s.</summary>
    public double ScenarioSeconds => Plant.Seconds - _scenario.Initial.SettleSeconds;

    /// <summary>The CDU process's output (kept for errors).</summary>
    public string CduOutput { get; private set; } = "";

    public void Watch(ReactionWatch watch) => _watches.Add(watch);

    public async ValueTask DisposeAsync()
    {
        _inbox.Dispose();
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    public async Task<PlannerRun> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cooling-hil-virtual-");
        try
        {
            var configuration = Path.Combine(folder.FullName, _cduId + ".json");
            var export = new ConfigurationStore(new VolatileStorage()).Export(Settings);
            await File.WriteAllBytesAsync(configuration, export.Buffer.AsMemory(0, export.Length), cancellationToken);

            _connection = new MqttConnection(BrokerConnectionOptions.Parse(_options.BrokerUrl),
                new MqttSessionOptions { ClientId = $"hil-rig-{_options.SiteId}-{_cduId}", Subscriptions = Subscriptions });
            _connection.MessageReceived += (topic, payload) => _inbox.Add((topic, payload.ToArray()));
            _wall.Start();
            await _connection.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
            try
            {
                string[] clock = _options.TimeScale is { } scale ? ["--time-scale", scale.ToString(CultureInfo.InvariantCulture)] : ["--clock", "hil"];
                using var cdu = DotnetProcess.Start(_options.CduHostPath, ["--broker", _options.BrokerUrl, "--site", _options.SiteId, "--cdu", _cduId,
                    "--io", "hil", "--config", configuration, .. clock]);
                try
                {
                    var run = await Task.Factory.StartNew(() => Play(cdu, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                    await cdu.SignalAsync("TERM");
                    try
                    {
                        await cdu.WaitForExitAsync(TimeSpan.FromSeconds(10));
                    }
                    catch (OperationCanceledException)
                    {
                        // Not stopped in 10 s: disposing the process kills it. The run itself is complete.
                    }

                    return run;
                }
                finally
                {
                    CduOutput = cdu.Output;
                }
            }
            finally
            {
                await _connection.StopAsync(TimeSpan.FromSeconds(2));
                await DisposeAsync();
            }
        }
        finally
        {
            Plant.Dispose();
            folder.Delete(recursive: true);
        }
    }

    // The rig's loop, on a thread of its own: the scenario's set-up, then the plant played in lockstep or freely.
    private PlannerRun Play(DotnetProcess cdu, CancellationToken cancellationToken)
    {
        var totalSteps = Prepare();
        if (_options.TimeScale is { } scale) RunFree(cdu, scale, totalSteps, cancellationToken);
        else RunLockstep(cdu, totalSteps, cancellationToken);
        return Finish();
    }

    // The scenario's workload, events and KPI cadence; returns the plant periods to play (settling included).
    private long Prepare()
    {
        var s = _scenario;
        var period = Plant.PeriodSeconds;
        _workload = WorkloadFactory.Create(s.Workload, Path.GetDirectoryName(s.Source) ?? ".", _seed);
        _facilityWater = ScenarioEvents.FacilityWaterProfile(s);
        _events = new VirtualEvents(s, this).Build();
        _bursts = s.Faults.Where(f => f.Kind == "malformedBurst").Select(f => (Fault: f, Left: f.Count)).ToList();
        _traceEvery = Math.Max(1, (long)Math.Round(Math.Max(1, s.DurationSeconds / ScenarioRun.TracePoints) / period));
        _observeEvery = (long)Math.Round(1.0 / period);
        _settleSteps = (long)Math.Round(s.Initial.SettleSeconds / period);
        var totalSteps = (long)Math.Round((s.Initial.SettleSeconds + s.DurationSeconds) / period);
        ApplySurroundings(0);
        return totalSteps;
    }

    private PlannerRun Finish()
    {
        var s = _scenario;
        foreach (var w in _watches) _reactions.Add(w.Unfinished(s.DurationSeconds));
        _log.Add(string.Create(CultureInfo.InvariantCulture,
            $"{s.DurationSeconds:F1} s rig: {Plant.ActuatorMessages} actuator messages ({Plant.RefusedActuatorMessages} refused), longest step of the CDU's clock between two {Plant.LongestUptimeGapMilliseconds} ms, {Plant.StaleScanMessages} with the rig's scans stale, {_catchUpSteps} plant steps caught up late, {_resentScans} scans sent again; CDU clock {(_options.TimeScale is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:G4}× the wall clock") : "in lockstep with the plant")}"));
        return new PlannerRun(Supervisor?.PlannerName ?? PlannerNames.None, _windows, _reactions, _trace, Supervisor?.Requests ?? [], _log);
    }

    // The supervisor's first planning round, before the plant moves.
    private void PlanFirst()
    {
        if (Supervisor is null) return;
        var observation = Observe(ScenarioSeconds);
        if (ScenarioSeconds >= 0) WatchLoadStep(observation, ScenarioSeconds);
        Supervisor.Tick(ScenarioSeconds, observation);
    }

    /// <summary>One control period of plant time under the commands in force, measured as the SIL target measures a cycle; then what happens at the new plant time, which the next scan carries to the CDU.</summary>
    private void Advance()
    {
        var s = _scenario;
        var period = Plant.PeriodSeconds;
        var start = ScenarioSeconds;
        Plant.Step();
        _steps++;
        var end = start + period;
        if (_steps > _settleSteps)
        {
            var sample = Sample(start);
            // (Only once the CDU has told its state: before its first telemetry there is no setpoint to measure against.)
            if (View.TelemetryMessages > 0) foreach (var w in _windows) w.Add(sample, period, double.NaN);
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (_watches[i].Check(end) is { } reaction)
                {
                    _reactions.Add(reaction);
                    _watches.RemoveAt(i);
                }
            }

            if ((_steps - _settleSteps - 1) % _traceEvery == 0) _trace.Add(Trace(sample));
            if ((_steps - _settleSteps) % 500 == 0) _options.Progress?.Invoke(s, end);
        }

        ApplySurroundings(Math.Max(0, end));
        while (end >= -1e-9 && _nextEvent < _events.Count && _events[_nextEvent].AtSeconds <= end + 1e-9)
        {
            var e = _events[_nextEvent++];
            _log.Add(string.Create(CultureInfo.InvariantCulture, $"{end:F1} s {e.What}"));
            e.Apply();
        }

        for (var b = 0; b < _bursts.Count; b++)
        {
            var (fault, left) = _bursts[b];
            if (left <= 0 || end < fault.AtSeconds) continue;
            for (var i = 0; i < 4 && left > 0; i++, left--)
            {
                var payload = _malformed.Next(Supervisor?.Requests.Count ?? 0);
                _connection!.Publish(BurstTopic(fault.Topic), payload, payload.Length, 1, false);
            }

            _bursts[b] = (fault, left);
        }

        // (Not at the run's last instant: on SIL the last round is one period before it, and a request sent now would
        // go unanswered.)
        if (_steps % _observeEvery == 0 && Supervisor is not null && end < s.DurationSeconds - 1e-9)
        {
            var observation = Observe(end);
            if (end >= 0) WatchLoadStep(observation, end);
            Supervisor.Tick(end, observation);
        }
    }

    private void ApplySurroundings(double scenarioSeconds)
    {
        var racks = Plant.Plant.Racks;
        var time = TimeSpan.FromSeconds(scenarioSeconds);
        for (var r = 0; r < racks.Length; r++) racks[r].Utilization = _workload(time, 0, r);
        Plant.Plant.FacilitySupplyCelsius = _facilityWater(scenarioSeconds);
    }

    private static List<KpiWindow> BuildWindows(Scenario s)
    {
        var windows = new List<KpiWindow> { new(0, s.DurationSeconds) { SetpointEveryCycle = false } };
        foreach (var c in s.Criteria)
        {
            var until = c.UntilSeconds ?? s.DurationSeconds;
            if (!windows.Any(w => w.FromSeconds == c.FromSeconds && w.UntilSeconds == until)) windows.Add(new KpiWindow(c.FromSeconds, until) { SetpointEveryCycle = false });
        }

        return windows;
    }
}
