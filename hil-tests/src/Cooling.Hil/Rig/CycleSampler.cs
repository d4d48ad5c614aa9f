using Cdu.Firmware.Io;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Models.Energy;
using Cooling.Models.Plant;

namespace Cooling.Hil.Rig;

/// <summary>
/// One cycle as the KPIs see it, the same on every target: the plant from the twin's model, the commands that reached
/// the actuators, the controller's state as the target knows it.
/// </summary>
public static class CycleSampler
{
    private static readonly FacilityEnergyProxy Facility = new();

    public static CycleSample Sample(double seconds, SecondaryLoopPlant plant, CduOutputs outputs, in ControllerState state)
    {
        ArgumentNullException.ThrowIfNull(plant);
        ArgumentNullException.ThrowIfNull(outputs);
        var lead = state.LeadPump;
        var anyRunning = false;
        for (var i = 0; i < plant.Pumps.Length; i++) anyRunning |= outputs.PumpRunCommand[i];
        return new CycleSample
        {
            Seconds = seconds,
            SupplyCelsius = plant.SupplyCelsius,
            SetpointCelsius = state.SetpointCelsius,
            TargetCelsius = state.TargetCelsius,
            DewPointCelsius = state.DewPointCelsius,
            HottestGpuCelsius = HottestGpuCelsius(plant),
            DeltaPressureKpa = plant.DeltaPressureKpa,
            DeltaPressureSetpointKpa = state.DeltaPressureSetpointKpa,
            FlowLitersPerMinute = plant.FlowLitersPerMinute,
            ValveCommandPercent = outputs.ValveCommandPercent,
            LeadPumpSpeedCommandPercent = outputs.PumpRunCommand[lead] ? outputs.PumpSpeedCommandPercent[lead] : double.NaN,
            LeadPump = lead,
            AnyPumpRunning = anyRunning,
            FlowProven = state.FlowProven,
            IsolationOpen = outputs.IsolationValvesOpen,
            PumpPowerWatts = plant.PumpPowerWatts,
            FacilityPowerWatts = Facility.PowerWatts(plant.HeatExchangerWatts, plant.SupplyCelsius, plant.FacilityFlowLitersPerMinute),
            Fallback = state.Fallback,
            Degraded = state.Degraded,
            Shutdown = state.Shutdown,
        };
    }

    public static double HottestGpuCelsius(SecondaryLoopPlant plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var hottest = double.NegativeInfinity;
        foreach (var rack in plant.Racks) hottest = Math.Max(hottest, rack.HottestGpuCelsius);
        return hottest;
    }

    /// <summary>The plotted point of a sampled cycle.</summary>
    public static TracePoint Trace(SecondaryLoopPlant plant, in CycleSample s, string mode)
    {
        ArgumentNullException.ThrowIfNull(plant);
        return new TracePoint(s.Seconds, s.SupplyCelsius, s.SetpointCelsius, plant.ReturnCelsius, plant.FacilitySupplyCelsius, s.HottestGpuCelsius,
            s.DeltaPressureKpa, s.FlowLitersPerMinute, s.ValveCommandPercent, plant.Valve.PositionPercent,
            plant.Pumps[0].SpeedPercent, plant.Pumps.Length > 1 ? plant.Pumps[1].SpeedPercent : 0,
            plant.ItHeatWatts / 1000, s.PumpPowerWatts / 1000, s.FacilityPowerWatts / 1000, mode);
    }
}
