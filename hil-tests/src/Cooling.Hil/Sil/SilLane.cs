using Cdu.Firmware;
using Cdu.Firmware.Alarms;
using Cdu.Firmware.Config;
using Cooling.Hil.Kpis;
using Cooling.Hil.Rig;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Supervision;
using Cooling.Models.Plant;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Sil;

/// <summary>
/// One firmware core on one plant with its supervisor, as a scenario sets them up: the main lane of a run, or the
/// lockstep twin lane that runs the same scenario without its communication faults.
/// </summary>
public sealed class SilLane
{
    /// <summary>Plant time 0 on the supervisor's clock.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly bool[] _alarmActive = new bool[AlarmTable.Count];
    private long _rejected;

    public SilLane(Scenario scenario, string plannerName, IReadOnlyDictionary<string, double>? firmwareOverrides, int seed)
    {
        Settings = BuildSettings(scenario, firmwareOverrides);
        var loop = ScenarioPlant.Loop(scenario);
        Bus = new ObservingBus(new Cdu.Firmware.Messages.CduTopics("sil", "cdu1").SetpointAcknowledgement);
        Rig = new SilRig(Settings, loop, seed, bus: Bus, valveTravelLimitPercent: scenario.Plant.ValveTravelLimitPercent);
        Rig.Plant.ReservoirLevelPercent = scenario.Initial.ReservoirLevelPercent;
        Rig.Io.AmbientTemperatureCelsius = scenario.Hall.AmbientTemperatureCelsius;
        Rig.Io.RelativeHumidityPercent = scenario.Hall.RelativeHumidityPercent;
        for (var i = 0; i < scenario.Initial.PumpRunHours.Count; i++)
        {
            Rig.Controller.Pumps.SetRunHours(i, scenario.Initial.PumpRunHours[i]);
        }

        Supervisor = scenario.Supervisor is { } sup ? new SupervisorEmulator(sup, plannerName, DeliverRequest) : null;
        if (Supervisor is not null) Bus.OnAcknowledgement = Supervisor.Acknowledged;
    }

    public CduSettings Settings { get; }

    public SilRig Rig { get; }

    public ObservingBus Bus { get; }

    public SupervisorEmulator? Supervisor { get; }

    /// <summary>The broker is down: nothing reaches the CDU and nothing it publishes gets out.</summary>
    public bool BrokerDown
    {
        get => Bus.Down;
        set
        {
            Bus.Down = value;
            if (Supervisor is not null) Supervisor.Disconnected = value;
        }
    }

    /// <summary>The control cycle does not run (a hang); the host's watchdog still checks every period.</summary>
    public bool Hung { get; set; }

    /// <summary>Firmware defaults, then the scenario's parameters, then the caller's (a deliberately broken build), each checked against the firmware's table.</summary>
    public static CduSettings BuildSettings(Scenario scenario, IReadOnlyDictionary<string, double>? overrides)
    {
        var settings = new CduSettings();
        foreach (var (name, value) in scenario.Firmware.Concat(overrides ?? new Dictionary<string, double>()))
        {
            var index = ParameterTable.IndexOf(name);
            if (index < 0) throw new ScenarioException($"firmware parameter '{name}' does not exist");
            settings.Set(index, value);
        }

        if (settings.Validate() is { } reason) throw new ScenarioException($"firmware parameters: {reason}");
        return settings;
    }

    /// <summary>Delivers a message to the CDU unless the broker is down.</summary>
    public void Deliver(string topic, byte[] payload)
    {
        if (!BrokerDown) Rig.Controller.Inbox.TryEnqueue(topic, payload, 0, payload.Length);
    }

    private void DeliverRequest(byte[] payload) => Deliver(Rig.Topics.SetpointRequest, payload);

    /// <summary>One control period: the core's cycle (or, while hung, only the watchdog) and the plant.</summary>
    public void Step()
    {
        if (Hung)
        {
            Rig.AdvancePlant();
            Rig.Controller.WatchdogCheck();
        }
        else
        {
            Rig.Controller.RunCycle();
            Rig.AdvancePlant();
        }
    }

    /// <summary>The cycle as the KPIs see it.</summary>
    public CycleSample Sample(double seconds)
    {
        var c = Rig.Controller;
        // What reached the actuators (the watchdog writes there directly).
        return CycleSampler.Sample(seconds, Rig.Plant, Rig.Io.Commands, new ControllerState(
            c.EffectiveSupplySetpointCelsius, c.TargetSupplySetpointCelsius, c.DewPointCelsius,
            Settings.Pump.ControlVariable == 0 ? c.EffectiveDeltaPressureSetpointKpa : double.NaN, c.Pumps.Lead, c.FlowProven,
            c.Mode == CduMode.Fallback, c.Mode == CduMode.Degraded, c.Mode == CduMode.Shutdown));
    }

    /// <summary>Alarm transitions since the last call: raised, cleared, critical raised; and newly rejected messages.</summary>
    public (int Raised, int Cleared, int CriticalRaised, long Rejected) TakeChanges(List<string>? log, double seconds)
    {
        int raised = 0, cleared = 0, critical = 0;
        var alarms = Rig.Controller.Alarms;
        for (var i = 0; i < _alarmActive.Length; i++)
        {
            var alarm = alarms.Get(i);
            if (alarm.Active == _alarmActive[i]) continue;
            _alarmActive[i] = alarm.Active;
            if (alarm.Active)
            {
                raised++;
                if (alarm.Severity == AlarmSeverity.Critical) critical++;
            }
            else
            {
                cleared++;
            }

            log?.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{seconds:F1} s {(alarm.Active ? "raised" : "cleared")} {alarm.Code} ({alarm.Source})"));
        }

        var rejected = Rig.Controller.RejectedMessages - _rejected;
        _rejected = Rig.Controller.RejectedMessages;
        return (raised, cleared, critical, rejected);
    }

    /// <summary>What the supervisor sees of the loop now: the CDU's telemetry and its racks' (contract v1 quantities).</summary>
    public LoopObservation Observe(double seconds)
    {
        var p = Rig.Plant;
        var c = Rig.Controller;
        var now = Epoch.AddSeconds(seconds);
        var lead = c.Pumps.Lead;
        var cdu = new CduObservation(now, p.SupplyCelsius, p.ReturnCelsius, c.TargetSupplySetpointCelsius, p.DeltaPressureKpa,
            Settings.Pump.ControlVariable == 0 ? c.TargetDeltaPressureSetpointKpa : null, p.FlowLitersPerMinute,
            Rig.Io.Commands.PumpSpeedCommandPercent[lead], c.DewPointCelsius, p.FacilitySupplyCelsius);
        return new LoopObservation("cdu1", now, cdu, ObserveRacks(p, now));
    }

    /// <summary>The plant's racks as the supervisor's planner sees them (what rack telemetry would report), at <paramref name="now"/>.</summary>
    internal static RackObservation[] ObserveRacks(SecondaryLoopPlant p, DateTimeOffset now)
    {
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

        return racks;
    }
}
