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

namespace Cooling.Hil.Virtual;

/// <summary>What the KPIs and the supervisor see: the plant from the rig's model, the CDU's commands and state from its messages.</summary>
public sealed partial class VirtualScenarioRun
{
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
        return new LoopObservation(_cduId, now, cdu, SilLane.ObserveRacks(p, now));
    }
}
