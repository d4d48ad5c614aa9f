using Cooling.Hil.Kpis;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Runs;

/// <summary>One point of a run's plotted trace (kept every few seconds of plant time).</summary>
public sealed record TracePoint(
    double Seconds,
    double SupplyCelsius,
    double SetpointCelsius,
    double ReturnCelsius,
    double FacilitySupplyCelsius,
    double HottestGpuCelsius,
    double DeltaPressureKpa,
    double FlowLitersPerMinute,
    double ValveCommandPercent,
    double ValvePositionPercent,
    double Pump1SpeedPercent,
    double Pump2SpeedPercent,
    double ItPowerKilowatts,
    double PumpPowerKilowatts,
    double FacilityPowerKilowatts,
    string Mode)
{
    public static TracePoint Of(SilLane lane, in CycleSample s)
    {
        var p = lane.Rig.Plant;
        return new TracePoint(s.Seconds, s.SupplyCelsius, s.SetpointCelsius, p.ReturnCelsius, p.FacilitySupplyCelsius, s.HottestGpuCelsius,
            s.DeltaPressureKpa, s.FlowLitersPerMinute, s.ValveCommandPercent, p.Valve.PositionPercent,
            p.Pumps[0].SpeedPercent, p.Pumps.Length > 1 ? p.Pumps[1].SpeedPercent : 0,
            p.ItHeatWatts / 1000, s.PumpPowerWatts / 1000, s.FacilityPowerWatts / 1000, lane.Rig.Controller.Mode.ToString());
    }
}
