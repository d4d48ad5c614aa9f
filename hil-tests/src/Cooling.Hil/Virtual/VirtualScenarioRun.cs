using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cdu.Firmware.Host.Hil;
using Cdu.Firmware.Messages;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;
using Cooling.Models;
using Cooling.Models.Energy;
using Cooling.Supervisor.Planning;
using Cooling.Testing;

namespace Cooling.Hil.Virtual;

/// <summary>
/// One run of a scenario on the virtual target: the firmware host started as its own process (<c>--io hil</c>, the
/// scenario's firmware parameters as its configuration document, <c>--time-scale</c>), the rig playing the plant over
/// the HIL I/O topics on the same broker, the supervisor emulation sending leased requests over MQTT, and the KPIs
/// measured by the rig: the plant from its model, the CDU's commands from its actuator messages, its mode, setpoints
/// and alarms from its telemetry and events (contract v1). Every incoming message is handled in arrival order on one
/// loop; the plant's time follows the CDU's clock (<see cref="VirtualPlant"/>).
/// </summary>
public sealed class VirtualScenarioRun : IAsyncDisposable
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

            _connection = new MqttConnection(BrokerAddress.Parse(_options.BrokerUrl), $"hil-rig-{_options.SiteId}-{_cduId}", null, null,
                [_hil.Actuators, _topics.Telemetry, _topics.Event, _topics.SetpointAcknowledgement, _topics.CommandAcknowledgement]);
            _connection.MessageReceived += (topic, payload) => _inbox.Add((topic, payload));
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
                    await cdu.WaitForExitAsync(TimeSpan.FromSeconds(10));
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

    // The rig's loop, on a thread of its own: handles every message in arrival order and steps the plant when its time
    // comes on the CDU's clock, estimated from the wall clock (both run on this machine's monotonic clock, the CDU's
    // scaled): the plant moves on while the CDU is late, as a real one does.
    private PlannerRun Play(DotnetProcess cdu, CancellationToken cancellationToken)
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

        if (_options.TimeScale is { } scale) RunFree(cdu, scale, totalSteps, cancellationToken);
        else RunLockstep(cdu, totalSteps, cancellationToken);

        foreach (var w in _watches) _reactions.Add(w.Unfinished(s.DurationSeconds));
        _log.Add(string.Create(CultureInfo.InvariantCulture,
            $"{s.DurationSeconds:F1} s rig: {Plant.ActuatorMessages} actuator messages ({Plant.RefusedActuatorMessages} refused), longest step of the CDU's clock between two {Plant.LongestUptimeGapMilliseconds} ms, {Plant.StaleScanMessages} with the rig's scans stale, {_catchUpSteps} plant steps caught up late, {_resentScans} scans sent again; CDU clock {(_options.TimeScale is { } x ? string.Create(CultureInfo.InvariantCulture, $"{x:G4}× the wall clock") : "in lockstep with the plant")}"));
        return new PlannerRun(Supervisor?.PlannerName ?? PlannerNames.None, _windows, _reactions, _trace, Supervisor?.Requests ?? [], _log);
    }

    // Free-running: the CDU on its own scaled wall clock; the plant steps when their time comes on it, estimated from
    // this machine's monotonic clock (the CDU's is the same, scaled), so the plant moves on while the CDU is late.
    private void RunFree(DotnetProcess cdu, double scale, long totalSteps, CancellationToken cancellationToken)
    {
        var period = Plant.PeriodSeconds;
        // Before the CDU's first actuator message: scans of the plant at rest, often enough that the CDU never finds them stale.
        var preStart = (int)Math.Max(2, 100 / scale);
        while (Plant.OriginUptimeMilliseconds < 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it drove its outputs", cdu.Output);
            if (_wall.Elapsed > StartTimeout) throw new VirtualRunException($"the virtual CDU published no actuator commands within {StartTimeout.TotalSeconds} s", cdu.Output);
            PublishScan();
            if (_inbox.TryTake(out var early, preStart, cancellationToken)) Handle(early.Topic, early.Payload, totalSteps);
        }

        PlanFirst();

        // Plant steps are taken a little before their time on the CDU's clock, so that the scan of plant time t is
        // there when the CDU's cycle at t reads it and that cycle's commands drive the plant from t to t + period.
        var lead = 0.3 * period;
        var lastMessage = _wall.Elapsed;
        while (_steps < totalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dueSeconds = Plant.Seconds + period - lead - CduSecondsNow();
            var waitMilliseconds = (int)Math.Clamp(Math.Ceiling(dueSeconds * 1000 / scale), 0, 100);
            if (_inbox.TryTake(out var message, waitMilliseconds, cancellationToken))
            {
                lastMessage = _wall.Elapsed;
                Handle(message.Topic, message.Payload, totalSteps);
                continue;
            }

            if (_wall.Elapsed - lastMessage > SilenceTimeout)
            {
                throw new VirtualRunException(cdu.HasExited
                    ? $"the virtual CDU exited with code {cdu.ExitCode} at {ScenarioSeconds:F1} s of the scenario"
                    : $"nothing arrived from the virtual CDU for {SilenceTimeout.TotalSeconds} s (at {ScenarioSeconds:F1} s of the scenario)", cdu.Output);
            }

            var advanced = false;
            while (_steps < totalSteps && Plant.Seconds + period - lead <= CduSecondsNow())
            {
                Advance();
                advanced = true;
            }

            if (advanced) PublishScan();
        }
    }

    // Lockstep: the scan of plant time t carries t; the CDU's clock moves to it and its cycle at t runs on that scan;
    // its commands drive the plant from t to t + period, and the next scan goes out. A scan lost on the way is sent again.
    private void RunLockstep(DotnetProcess cdu, long totalSteps, CancellationToken cancellationToken)
    {
        // The CDU says when it is on the broker and waits for its first scan; then the supervisor plans once before the
        // CDU's first cycle, as on SIL (its first request is in force from the start).
        while (!cdu.Output.Contains(HilPlantClock.WaitingLine, StringComparison.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it ran", cdu.Output);
            if (_wall.Elapsed > StartTimeout) throw new VirtualRunException($"the virtual CDU did not get onto the broker within {StartTimeout.TotalSeconds} s", cdu.Output);
            Thread.Sleep(5);
        }

        PlanFirst();
        Plant.FollowPlantClock();
        Advance();
        PublishTimedScan();
        var lastMessage = _wall.Elapsed;
        while (_steps < totalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_inbox.TryTake(out var message, 100, cancellationToken))
            {
                lastMessage = _wall.Elapsed;
                Handle(message.Topic, message.Payload, totalSteps);
                continue;
            }

            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} at {ScenarioSeconds:F1} s of the scenario", cdu.Output);
            var silence = _wall.Elapsed - lastMessage;
            if (silence > (Plant.ActuatorMessages == 0 ? StartTimeout : SilenceTimeout))
            {
                throw new VirtualRunException(Plant.ActuatorMessages == 0
                    ? $"the virtual CDU published no actuator commands within {StartTimeout.TotalSeconds} s"
                    : $"nothing arrived from the virtual CDU for {SilenceTimeout.TotalSeconds} s (at {ScenarioSeconds:F1} s of the scenario)", cdu.Output);
            }

            _resentScans++;
            PublishTimedScan();
        }
    }

    // The supervisor's first planning round, before the plant moves.
    private void PlanFirst()
    {
        if (Supervisor is null) return;
        var observation = Observe(ScenarioSeconds);
        if (ScenarioSeconds >= 0) WatchLoadStep(observation, ScenarioSeconds);
        Supervisor.Tick(ScenarioSeconds, observation);
    }

    // Plant-clock seconds of the CDU now: the wall clock scaled, minus the smallest offset any actuator message showed
    // (the one delivered fastest), since the CDU's first actuator message.
    private double CduSecondsNow() => (_wall.Elapsed.TotalMilliseconds * (_options.TimeScale ?? 1) - _clockOffsetMilliseconds - Plant.OriginUptimeMilliseconds) / 1000;

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

    // One message from the CDU, in arrival order.
    private void Handle(string topic, byte[] payload, long totalSteps)
    {
        if (topic == _hil.Actuators)
        {
            if (Plant.Read(payload, out var cduSeconds) is { } refused)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s actuator message refused: {refused}"));
                return;
            }

            if (_options.TimeScale is not { } scale)
            {
                // Lockstep: the cycle that read the latest scan answered; its commands drive the next period.
                ArmedBump();
                Plant.ApplyCommands();
                if (_steps < totalSteps && cduSeconds >= Plant.Seconds - 1e-6)
                {
                    Advance();
                    PublishTimedScan();
                }

                return;
            }

            var offset = _wall.Elapsed.TotalMilliseconds * scale - (Plant.OriginUptimeMilliseconds + cduSeconds * 1000);
            _clockOffsetMilliseconds = Math.Min(_clockOffsetMilliseconds, offset);

            // A rig that fell behind the CDU first plays the time it missed under the commands then in force.
            var behind = false;
            while (_steps < totalSteps && Plant.Seconds + Plant.PeriodSeconds / 2 < cduSeconds)
            {
                Advance();
                _catchUpSteps++;
                behind = true;
            }

            ArmedBump();
            Plant.ApplyCommands();
            if (behind) PublishScan();
        }
        else if (topic == _topics.Telemetry)
        {
            var sensors = View.SensorStatus;
            if (!View.AcceptTelemetry(payload)) return;
            if (View.SensorStatus != sensors && ScenarioSeconds >= 0)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s sensors failing validation: {(View.SensorStatus.Length == 0 ? "none" : View.SensorStatus)}"));
            }

            var rejected = View.RejectedMessages - _lastRejected;
            _lastRejected = View.RejectedMessages;
            if (rejected > 0 && ScenarioSeconds >= 0) foreach (var w in _windows) w.Count(ScenarioSeconds, 0, 0, 0, rejected);
        }
        else if (topic == _topics.Event)
        {
            if (View.AcceptEvent(payload) is not { } alarm || Plant.OriginUptimeMilliseconds < 0) return;
            var seconds = (alarm.UptimeMilliseconds - Plant.OriginUptimeMilliseconds) / 1000.0 - _scenario.Initial.SettleSeconds;
            if (seconds < 0) return;
            _log.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s {(alarm.Raised ? "raised" : "cleared")} {alarm.Code} ({alarm.Source}){(alarm.Raised && alarm.Reason.Length > 0 ? ": " + alarm.Reason : "")}"));
            foreach (var w in _windows) w.Count(seconds, alarm.Raised ? 1 : 0, alarm.Raised ? 0 : 1, alarm.Raised && alarm.Critical ? 1 : 0, 0);
        }
        else if (topic == _topics.SetpointAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack) Supervisor?.Acknowledged(ack.Sequence, ack.Status);
        }
        else if (topic == _topics.CommandAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s command {ack.Sequence} {ack.Status}"));
                if (ack.Sequence == _bumpCommand) _bumpArmed = true;
            }
        }
    }

    /// <summary>Sends an operator command (<c>reset</c>, <c>manual</c>, <c>automatic</c>) to the CDU.</summary>
    public void SendOperatorCommand(OperatorActionSpec o)
    {
        var members = o.Command switch
        {
            "manual" => string.Create(CultureInfo.InvariantCulture, $"\"command\":\"manual\",\"actuator\":\"{o.Actuator}\",\"valuePercent\":{o.ValuePercent}"),
            "automatic" => $"\"command\":\"automatic\",\"actuator\":\"{o.Actuator}\"",
            _ => $"\"command\":\"{o.Command}\"",
        };
        _commandSequence++;
        if (o.Command == "automatic")
        {
            // The bump: the valve command of the first cycle that ran the command against the one before it.
            _bumpCommand = _commandSequence;
            _bumpBefore = Plant.Io.Commands.ValveCommandPercent;
        }

        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{_commandSequence}},{{members}}}"""));
        _connection!.Publish(_topics.Command, payload, payload.Length, 1, false);
    }

    // The command's acknowledgement arrived before the actuator message of the cycle that ran it.
    private void ArmedBump()
    {
        if (!_bumpArmed) return;
        _bumpArmed = false;
        _bumpCommand = -1;
        Plant.ApplyCommands();
        _reactions.Add(new Reaction(KpiCatalog.ManualTransferBumpPercent, ScenarioSeconds, Math.Abs(Plant.Io.Commands.ValveCommandPercent - _bumpBefore), "manual → automatic"));
    }

    private Action<byte[]> Publish(string topic) => payload => _connection!.Publish(topic, payload, payload.Length, 1, false);

    private void PublishTimedScan()
    {
        var scan = Plant.ScanAtPlantTime();
        _connection!.Publish(_hil.Sensors, scan, scan.Length, 0, false);
    }

    private void PublishScan()
    {
        var scan = Plant.Scan();
        var bytes = MemoryMarshal.TryGetArray(scan, out var segment) && segment.Offset == 0 ? segment.Array! : scan.ToArray();
        _connection!.Publish(_hil.Sensors, bytes, scan.Length, 0, false);
    }

    private void ApplySurroundings(double scenarioSeconds)
    {
        var racks = Plant.Plant.Racks;
        var time = TimeSpan.FromSeconds(scenarioSeconds);
        for (var r = 0; r < racks.Length; r++) racks[r].Utilization = _workload(time, 0, r);
        Plant.Plant.FacilitySupplyCelsius = _facilityWater(scenarioSeconds);
    }

    private string BurstTopic(string name) => name switch
    {
        "command" => _topics.Command,
        "config" => _topics.ConfigurationSet,
        _ => _topics.SetpointRequest,
    };

    private void WatchLoadStep(LoopObservation observation, double seconds)
    {
        ref var lastItPower = ref _lastItPower;
        var power = observation.RackPowerWatts / 1000;
        var supervisor = Supervisor!;
        if (supervisor.PlannerName is not (PlannerNames.None or PlannerNames.Fixed) && !double.IsNaN(lastItPower) && power > 1.1 * lastItPower && power - lastItPower > 20
            && !_watches.Any(w => w.Kpi == KpiCatalog.SupervisorReactionSeconds))
        {
            _watches.Add(new ReactionWatch(KpiCatalog.SupervisorReactionSeconds, seconds, $"IT load {lastItPower:F0} → {power:F0} kW",
                () => supervisor.LastChangeSeconds >= seconds, 30));
        }

        lastItPower = power;
    }

    /// <summary>The cycle as the KPIs see it: the plant from the rig's model, the commands from the CDU's actuator messages, its state from its telemetry.</summary>
    private CycleSample Sample(double seconds)
    {
        var p = Plant.Plant;
        var outputs = Plant.Io.Commands;
        var lead = LeadPump();
        var anyRunning = false;
        for (var i = 0; i < p.Pumps.Length; i++) anyRunning |= outputs.PumpRunCommand[i];
        var mode = View.Mode;
        return new CycleSample
        {
            Seconds = seconds,
            SupplyCelsius = p.SupplyCelsius,
            SetpointCelsius = View.SetpointCelsius,
            TargetCelsius = View.TargetCelsius,
            DewPointCelsius = View.DewPointCelsius,
            HottestGpuCelsius = Plant.HottestGpuCelsius(),
            DeltaPressureKpa = p.DeltaPressureKpa,
            DeltaPressureSetpointKpa = Settings.PumpControlVariable == 0 ? View.DeltaPressureSetpointKpa : double.NaN,
            FlowLitersPerMinute = p.FlowLitersPerMinute,
            ValveCommandPercent = outputs.ValveCommandPercent,
            LeadPumpSpeedCommandPercent = outputs.PumpRunCommand[lead] ? outputs.PumpSpeedCommandPercent[lead] : double.NaN,
            LeadPump = lead,
            AnyPumpRunning = anyRunning,
            // Flow is proven once start-up has handed over to the loops (telemetry shows no separate flag).
            FlowProven = mode is not ("startup" or "shutdown" or "unknown"),
            IsolationOpen = outputs.IsolationValvesOpen,
            PumpPowerWatts = p.PumpPowerWatts,
            FacilityPowerWatts = Facility.PowerWatts(p.HeatExchangerWatts, p.SupplyCelsius, p.FacilityFlowLitersPerMinute),
            Fallback = mode == "fallback",
            Degraded = mode == "degraded",
            Shutdown = mode == "shutdown",
        };
    }

    private TracePoint Trace(in CycleSample s)
    {
        var p = Plant.Plant;
        return new TracePoint(s.Seconds, s.SupplyCelsius, s.SetpointCelsius, p.ReturnCelsius, p.FacilitySupplyCelsius, s.HottestGpuCelsius,
            s.DeltaPressureKpa, s.FlowLitersPerMinute, s.ValveCommandPercent, p.Valve.PositionPercent,
            p.Pumps[0].SpeedPercent, p.Pumps.Length > 1 ? p.Pumps[1].SpeedPercent : 0,
            p.ItHeatWatts / 1000, s.PumpPowerWatts / 1000, s.FacilityPowerWatts / 1000, View.Mode);
    }

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

    /// <summary>What the supervisor sees of the loop: the CDU's telemetry quantities and its racks' (contract v1).</summary>
    private LoopObservation Observe(double seconds)
    {
        var p = Plant.Plant;
        var now = SilLane.Epoch.AddSeconds(seconds);
        var target = View.TelemetryMessages > 0 ? View.TargetCelsius : Settings.FallbackSupplyTemperatureCelsius; // what the CDU starts on
        var cdu = new CduObservation(now, p.SupplyCelsius, p.ReturnCelsius, target, p.DeltaPressureKpa,
            Settings.PumpControlVariable == 0 && !double.IsNaN(View.DeltaPressureTargetKpa) ? View.DeltaPressureTargetKpa : null, p.FlowLitersPerMinute,
            Plant.Io.Commands.PumpSpeedCommandPercent[LeadPump()], View.DewPointCelsius, p.FacilitySupplyCelsius);
        var racks = new RackObservation[p.Racks.Length];
        for (var r = 0; r < racks.Length; r++)
        {
            var rack = p.Racks[r];
            var gpuPower = 0.0;
            var throttled = 0;
            for (var g = 0; g < rack.GpuCount; g++)
            {
                gpuPower += rack.GpuPowerWatts(g);
                if (rack.GpuThrottled(g)) throttled++;
            }

            racks[r] = new RackObservation($"{rack.RackId}", now, rack.InletCelsius, rack.FlowLitersPerMinute, rack.HeatWatts, gpuPower,
                rack.GpuCount, rack.HottestGpuCelsius, throttled);
        }

        return new LoopObservation(_cduId, now, cdu, racks);
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
