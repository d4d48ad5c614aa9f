using Cdu.Firmware.Config;
using Cooling.Hil.Kpis;
using Cooling.Hil.Scenarios;
using Cooling.Twin;

namespace Cooling.Hil.Sil;

/// <summary>One thing that happens at a plant time of a scenario, to one lane.</summary>
public sealed record TimedEvent(double AtSeconds, string What, Action<SilLane> Apply, bool Communication);

/// <summary>
/// Turns a scenario's disturbances, faults and operator actions into timed events, and starts the watches that
/// measure each fault's reaction KPI (main lane only).
/// </summary>
public sealed class ScenarioEvents(Scenario scenario, Action<ReactionWatch> watch, Func<double> now)
{
    private static readonly Dictionary<string, SensorFaultKind> SensorKinds = new(StringComparer.Ordinal)
    {
        ["stuck"] = SensorFaultKind.Stuck, ["drift"] = SensorFaultKind.Drift, ["open"] = SensorFaultKind.Open,
        ["short"] = SensorFaultKind.Short, ["offset"] = SensorFaultKind.Offset, ["fixed"] = SensorFaultKind.Fixed,
    };

    public static IReadOnlyCollection<string> SensorFaultNames => SensorKinds.Keys;

    /// <summary>Every event of the scenario, by time (stable for equal times).</summary>
    public List<TimedEvent> Build()
    {
        var events = new List<TimedEvent>();
        foreach (var d in scenario.Disturbances) events.AddRange(Disturbance(d));
        foreach (var f in scenario.Faults) events.AddRange(Fault(f));
        foreach (var o in scenario.Operator) events.Add(OperatorAction(o));
        return [.. events.OrderBy(e => e.AtSeconds)];
    }

    private static IEnumerable<TimedEvent> Disturbance(DisturbanceSpec d)
    {
        switch (d.Kind)
        {
            case "humidity":
                yield return new TimedEvent(d.AtSeconds, "ambient air changes", lane =>
                {
                    if (d.AmbientTemperatureCelsius is { } t) lane.Rig.Io.AmbientTemperatureCelsius = t;
                    if (d.RelativeHumidityPercent is { } rh) lane.Rig.Io.RelativeHumidityPercent = rh;
                }, false);
                break;
            case "systemResistance":
                yield return new TimedEvent(d.AtSeconds, $"system resistance × {d.Factor}", lane => lane.Rig.Plant.SystemResistanceFactor = d.Factor, false);
                break;
            case "pumpSlowdown":
                yield return new TimedEvent(d.AtSeconds, $"lead pump slowed by {d.Fraction:P0}", lane => lane.Rig.Plant.Pumps[lane.Rig.Controller.Pumps.Lead].Disturb(d.Fraction), false);
                break;
            case "facilityWater":
                // Applied continuously by FacilityWaterProfile; nothing happens at a single instant.
                break;
            default:
                throw new ScenarioException($"disturbance kind '{d.Kind}' is not known");
        }
    }

    private IEnumerable<TimedEvent> Fault(FaultSpec f)
    {
        var until = f.DurationSeconds is { } duration ? f.AtSeconds + duration : (double?)null;
        switch (f.Kind)
        {
            case "pumpTrip":
            case "pumpSeize":
                yield return new TimedEvent(f.AtSeconds, $"{f.Kind} of the {f.Pump} pump", lane =>
                {
                    var pump = PumpIndex(lane, f.Pump);
                    var flowBefore = lane.Rig.Plant.FlowLitersPerMinute;
                    if (f.Kind == "pumpTrip") lane.Rig.Plant.Pumps[pump].Tripped = true;
                    else lane.Rig.Plant.Pumps[pump].Seize();
                    var rig = lane.Rig;
                    watch(new ReactionWatch(KpiCatalog.PumpFailoverSeconds, now(), $"{f.Kind} of pump {pump + 1}", () =>
                        rig.Controller.Pumps.Lead != pump && rig.Plant.Pumps[rig.Controller.Pumps.Lead].SpeedPercent > 0
                        && rig.Plant.FlowLitersPerMinute >= 0.9 * flowBefore, 60));
                }, false);
                if (f.ClearAtSeconds is { } clear && f.Kind == "pumpTrip")
                {
                    yield return new TimedEvent(clear, "pump trip cleared", lane => { foreach (var p in lane.Rig.Plant.Pumps) p.Tripped = false; }, false);
                }

                break;
            case "sensor":
                yield return new TimedEvent(f.AtSeconds, $"{f.Fault} fault on {f.Channel}", lane =>
                {
                    lane.Rig.Io.Inject(f.Channel!, new SensorFault(SensorKinds[f.Fault!], f.Amount));
                    var index = Array.IndexOf(SimulatedCduIo.Channels, f.Channel);
                    var sensors = lane.Rig.Controller.Sensors;
                    watch(new ReactionWatch(KpiCatalog.SensorFaultDetectionSeconds, now(), $"{f.Fault} on {f.Channel}",
                        () => sensors.Channel(index).Status != Cdu.Firmware.Safety.SensorStatus.Ok, 600));
                }, false);
                if (f.ClearAtSeconds is { } sensorClear)
                {
                    yield return new TimedEvent(sensorClear, $"{f.Channel} repaired", lane => lane.Rig.Io.Inject(f.Channel!, new SensorFault(SensorFaultKind.None)), false);
                }

                break;
            case "leak":
                yield return new TimedEvent(f.AtSeconds, $"leak in zone {f.Zone} ({f.LevelPercent} %)", lane =>
                {
                    lane.Rig.Plant.LeakZoneLevelPercent[f.Zone - 1] = f.LevelPercent;
                    var rig = lane.Rig;
                    // Critical by the product's declared threshold, whatever the firmware under test is configured to.
                    if (f.LevelPercent >= ParameterTable.Get(ParameterTable.LeakCriticalPercent).DefaultValue)
                    {
                        watch(new ReactionWatch(KpiCatalog.LeakIsolationSeconds, now(), $"leak in zone {f.Zone}",
                            () => !rig.Io.Commands.PumpRunCommand.Any(r => r) && !rig.Io.Commands.IsolationValvesOpen, 30));
                    }
                }, false);
                if (f.ClearAtSeconds is { } dry)
                {
                    yield return new TimedEvent(dry, $"zone {f.Zone} dried", lane => lane.Rig.Plant.LeakZoneLevelPercent[f.Zone - 1] = 0, false);
                }

                break;
            case "reservoirLow":
                yield return new TimedEvent(f.AtSeconds, $"reservoir falls to {f.LevelPercent} %", lane =>
                {
                    lane.Rig.Plant.ReservoirLevelPercent = f.LevelPercent;
                    var rig = lane.Rig;
                    if (f.LevelPercent <= ParameterTable.Get(ParameterTable.ReservoirLowLowPercent).DefaultValue)
                    {
                        watch(new ReactionWatch(KpiCatalog.ReservoirStopSeconds, now(), "reservoir low-low",
                            () => !rig.Io.Commands.PumpRunCommand.Any(r => r), 30));
                    }
                }, false);
                if (f.ClearAtSeconds is { } refilled)
                {
                    yield return new TimedEvent(refilled, "reservoir refilled", lane => lane.Rig.Plant.ReservoirLevelPercent = 80, false);
                }

                break;
            case "brokerOutage":
                yield return new TimedEvent(f.AtSeconds, "broker outage", lane => lane.BrokerDown = true, true);
                if (until is { } back) yield return new TimedEvent(back, "broker back", lane => lane.BrokerDown = false, true);
                break;
            case "supervisorCrash":
                yield return new TimedEvent(f.AtSeconds, "supervisor crash", lane => lane.Supervisor?.Crash(), true);
                if (until is { } restart) yield return new TimedEvent(restart, "supervisor restart", lane => lane.Supervisor?.Restart(), true);
                break;
            case "leaseLoss":
                yield return new TimedEvent(f.AtSeconds, "setpoint requests lost", lane => { if (lane.Supervisor is { } s) s.RequestsLost = true; }, true);
                if (until is { } found) yield return new TimedEvent(found, "setpoint requests delivered again", lane => { if (lane.Supervisor is { } s) s.RequestsLost = false; }, true);
                break;
            case "malformedBurst":
                // Delivered over several cycles by the run (four per cycle: the inbox holds eight).
                yield return new TimedEvent(f.AtSeconds, $"{f.Count} malformed messages on {f.Topic}", _ => { }, true);
                break;
            case "controllerHang":
                yield return new TimedEvent(f.AtSeconds, "control cycle hangs", lane =>
                {
                    lane.Hung = true;
                    var rig = lane.Rig;
                    var s = lane.Settings;
                    watch(new ReactionWatch(KpiCatalog.SafeOutputSeconds, now(), "control cycle hang",
                        () => Math.Abs(rig.Io.Commands.ValveCommandPercent - s.Valve.SafePositionPercent) < 1e-6
                              && Math.Abs(rig.Io.Commands.PumpSpeedCommandPercent[rig.Controller.Pumps.Lead] - s.Pump.SafeSpeedPercent) < 1e-6, 30));
                }, false);
                if (until is { } resumed) yield return new TimedEvent(resumed, "control cycle resumes", lane => lane.Hung = false, false);
                break;
            default:
                throw new ScenarioException($"fault kind '{f.Kind}' is not known");
        }
    }

    private static TimedEvent OperatorAction(OperatorActionSpec o) => new(o.AtSeconds, $"operator: {o.Command}", lane =>
    {
        var members = o.Command switch
        {
            "manual" => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"command\":\"manual\",\"actuator\":\"{o.Actuator}\",\"valuePercent\":{o.ValuePercent}"),
            "automatic" => $"\"command\":\"automatic\",\"actuator\":\"{o.Actuator}\"",
            _ => $"\"command\":\"{o.Command}\"",
        };
        lane.Rig.Command(members);
    }, false);

    private static int PumpIndex(SilLane lane, string pump) => pump switch
    {
        "lead" => lane.Rig.Controller.Pumps.Lead,
        "standby" => (lane.Rig.Controller.Pumps.Lead + 1) % lane.Rig.Plant.Pumps.Length,
        _ => int.Parse(pump, System.Globalization.CultureInfo.InvariantCulture) - 1,
    };

    /// <summary>The facility supply temperature at <paramref name="seconds"/>: each ramp moves it linearly from where it was to its target.</summary>
    public static Func<double, double> FacilityWaterProfile(Scenario scenario)
    {
        var ramps = scenario.Disturbances.Where(d => d.Kind == "facilityWater").OrderBy(d => d.AtSeconds).ToArray();
        var start = scenario.Plant.FacilitySupplyCelsius;
        return seconds =>
        {
            var value = start;
            foreach (var r in ramps)
            {
                if (seconds < r.AtSeconds) break;
                var fraction = r.OverSeconds > 0 ? Math.Min(1, (seconds - r.AtSeconds) / r.OverSeconds) : 1;
                value += (r.ToCelsius - value) * fraction;
            }

            return value;
        };
    }
}
