using Cdu.Firmware.Config;
using Cooling.Hil.Kpis;
using Cooling.Hil.Scenarios;
using Cooling.Twin;

namespace Cooling.Hil.Virtual;

/// <summary>One thing that happens at a plant time of a scenario on the virtual target.</summary>
public sealed record VirtualEvent(double AtSeconds, string What, Action Apply);

/// <summary>
/// A scenario's disturbances, faults and operator commands as the virtual target applies them: to the rig's plant and
/// instruments (the CDU sees them only in its sensor scans, as a device on a rig does), to the supervisor emulation,
/// or as messages to the CDU over the broker. Each fault starts the watch that measures its reaction KPI, from what
/// the rig observes: the actuator commands, the plant, and the CDU's published alarms.
/// </summary>
public sealed class VirtualEvents(Scenario scenario, RigScenario run)
{
    /// <summary>Every event of the scenario, by time (stable for equal times). Kinds the target cannot run are refused before (<see cref="VirtualTarget"/>).</summary>
    public List<VirtualEvent> Build()
    {
        var events = new List<VirtualEvent>();
        foreach (var d in scenario.Disturbances) events.AddRange(Disturbance(d));
        foreach (var f in scenario.Faults) events.AddRange(Fault(f));
        foreach (var o in scenario.Operator) events.Add(new VirtualEvent(o.AtSeconds, $"operator: {o.Command}", () => run.SendOperatorCommand(o)));
        return [.. events.OrderBy(e => e.AtSeconds)];
    }

    private IEnumerable<VirtualEvent> Disturbance(DisturbanceSpec d)
    {
        var io = run.Plant.Io;
        var plant = run.Plant.Plant;
        switch (d.Kind)
        {
            case "humidity":
                yield return new VirtualEvent(d.AtSeconds, "ambient air changes", () =>
                {
                    if (d.AmbientTemperatureCelsius is { } t) io.AmbientTemperatureCelsius = t;
                    if (d.RelativeHumidityPercent is { } rh) io.RelativeHumidityPercent = rh;
                });
                break;
            case "systemResistance":
                yield return new VirtualEvent(d.AtSeconds, $"system resistance × {d.Factor}", () => plant.SystemResistanceFactor = d.Factor);
                break;
            case "pumpSlowdown":
                yield return new VirtualEvent(d.AtSeconds, $"lead pump slowed by {d.Fraction:P0}", () => plant.Pumps[run.LeadPump()].Disturb(d.Fraction));
                break;
            case "facilityWater":
                break; // applied continuously by the run
            default:
                throw new ScenarioException($"disturbance kind '{d.Kind}' is not known");
        }
    }

    private IEnumerable<VirtualEvent> Fault(FaultSpec f)
    {
        var until = f.DurationSeconds is { } duration ? f.AtSeconds + duration : (double?)null;
        var plant = run.Plant.Plant;
        var commands = run.Plant.Io.Commands;
        switch (f.Kind)
        {
            case "pumpTrip":
            case "pumpSeize":
                yield return new VirtualEvent(f.AtSeconds, $"{f.Kind} of the {f.Pump} pump", () =>
                {
                    var pump = PumpIndex(f.Pump);
                    var flowBefore = plant.FlowLitersPerMinute;
                    if (f.Kind == "pumpTrip") plant.Pumps[pump].Tripped = true;
                    else plant.Pumps[pump].Seize();
                    run.Watch(new ReactionWatch(KpiCatalog.PumpFailoverSeconds, run.ScenarioSeconds, $"{f.Kind} of pump {pump + 1}", () =>
                    {
                        for (var j = 0; j < plant.Pumps.Length; j++)
                        {
                            if (j != pump && commands.PumpRunCommand[j] && plant.Pumps[j].SpeedPercent > 0) return plant.FlowLitersPerMinute >= 0.9 * flowBefore;
                        }

                        return false;
                    }, 60));
                });
                if (f.ClearAtSeconds is { } clear && f.Kind == "pumpTrip")
                {
                    yield return new VirtualEvent(clear, "pump trip cleared", () => { foreach (var p in plant.Pumps) p.Tripped = false; });
                }

                break;
            case "sensor":
                yield return new VirtualEvent(f.AtSeconds, $"{f.Fault} fault on {f.Channel}", () =>
                {
                    run.Plant.Io.Inject(f.Channel!, new SensorFault(Enum.Parse<SensorFaultKind>(f.Fault!, ignoreCase: true), f.Amount));
                    var view = run.View;
                    run.Watch(new ReactionWatch(KpiCatalog.SensorFaultDetectionSeconds, run.ScenarioSeconds, $"{f.Fault} on {f.Channel}",
                        () => view.SensorFaulty(f.Channel!), 600));
                });
                if (f.ClearAtSeconds is { } repaired)
                {
                    yield return new VirtualEvent(repaired, $"{f.Channel} repaired", () => run.Plant.Io.Inject(f.Channel!, new SensorFault(SensorFaultKind.None)));
                }

                break;
            case "leak":
                yield return new VirtualEvent(f.AtSeconds, $"leak in zone {f.Zone} ({f.LevelPercent} %)", () =>
                {
                    plant.LeakZoneLevelPercent[f.Zone - 1] = f.LevelPercent;
                    if (f.LevelPercent >= ParameterTable.Get(ParameterTable.LeakCriticalPercent).DefaultValue)
                    {
                        run.Watch(new ReactionWatch(KpiCatalog.LeakIsolationSeconds, run.ScenarioSeconds, $"leak in zone {f.Zone}",
                            () => !commands.PumpRunCommand.Any(r => r) && !commands.IsolationValvesOpen, 30));
                    }
                });
                if (f.ClearAtSeconds is { } dry)
                {
                    yield return new VirtualEvent(dry, $"zone {f.Zone} dried", () => plant.LeakZoneLevelPercent[f.Zone - 1] = 0);
                }

                break;
            case "reservoirLow":
                yield return new VirtualEvent(f.AtSeconds, $"reservoir falls to {f.LevelPercent} %", () =>
                {
                    plant.ReservoirLevelPercent = f.LevelPercent;
                    if (f.LevelPercent <= ParameterTable.Get(ParameterTable.ReservoirLowLowPercent).DefaultValue)
                    {
                        run.Watch(new ReactionWatch(KpiCatalog.ReservoirStopSeconds, run.ScenarioSeconds, "reservoir low-low",
                            () => !commands.PumpRunCommand.Any(r => r), 30));
                    }
                });
                if (f.ClearAtSeconds is { } refilled)
                {
                    yield return new VirtualEvent(refilled, "reservoir refilled", () => plant.ReservoirLevelPercent = 80);
                }

                break;
            case "supervisorCrash":
                yield return new VirtualEvent(f.AtSeconds, "supervisor crash", () => run.Supervisor?.Crash());
                if (until is { } restart) yield return new VirtualEvent(restart, "supervisor restart", () => run.Supervisor?.Restart());
                break;
            case "leaseLoss":
                yield return new VirtualEvent(f.AtSeconds, "setpoint requests lost", () => { if (run.Supervisor is { } s) s.RequestsLost = true; });
                if (until is { } found) yield return new VirtualEvent(found, "setpoint requests delivered again", () => { if (run.Supervisor is { } s) s.RequestsLost = false; });
                break;
            case "malformedBurst":
                // Published over several cycles by the run (four per control period: the CDU's inbox holds eight).
                yield return new VirtualEvent(f.AtSeconds, $"{f.Count} malformed messages on {f.Topic}", () => { });
                break;
            default:
                throw new ScenarioException($"fault kind '{f.Kind}' cannot run on target {VirtualTarget.Name}");
        }
    }

    private int PumpIndex(string pump) => pump switch
    {
        "lead" => run.LeadPump(),
        "standby" => (run.LeadPump() + 1) % run.Plant.Plant.Pumps.Length,
        _ => int.Parse(pump, System.Globalization.CultureInfo.InvariantCulture) - 1,
    };
}
