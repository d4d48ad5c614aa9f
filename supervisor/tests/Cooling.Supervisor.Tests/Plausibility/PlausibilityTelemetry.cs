using System.Globalization;
using System.Text;
using Cooling.Models.Coolant;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Tests.Plausibility;

/// <summary>CDU and rack telemetry for the plausibility tests, the honest values worked out from the energy balance here.</summary>
internal static class PlausibilityTelemetry
{
    public const double FlowLitersPerMinute = 720;
    public const double DeltaPressureKpa = 121.5;

    /// <summary>
    /// The return temperature that carries <paramref name="heatWatts"/> from <paramref name="supplyCelsius"/> at the flow:
    /// Q = ρ(T̄)·c_p(T̄)·V̇·(T_r − T_s), solved for T_r by fixed-point iteration on the mean temperature T̄.
    /// </summary>
    public static double HonestReturnCelsius(double supplyCelsius, double heatWatts, double flowLitersPerMinute = FlowLitersPerMinute)
    {
        var coolant = Coolant.PropyleneGlycol25;
        var volumeFlow = flowLitersPerMinute / 1000.0 / 60.0; // m³/s
        var ret = supplyCelsius + 5;
        for (var i = 0; i < 20; i++)
        {
            var mean = (supplyCelsius + ret) / 2;
            ret = supplyCelsius + heatWatts / (coolant.DensityKilogramsPerCubicMeter(mean) * coolant.SpecificHeatJoulesPerKilogramKelvin(mean) * volumeFlow);
        }

        return ret;
    }

    /// <summary>Pump work into the coolant at the test's flow and ΔP, W: V̇·Δp = 0.012 m³/s · 121,500 Pa.</summary>
    public const double PumpHeatWatts = 0.012 * 121_500;

    public static CduTelemetry CduMessage(double supply, double ret, double? flow = FlowLitersPerMinute, double facilitySupply = 24, double? facilityReturn = null,
        double valve = 55, long seq = 1) =>
        new(seq, 3_600_000, "automatic", "supervisor", supply, ret, 30, 30, facilitySupply, facilityReturn ?? (facilitySupply + ret) / 2, flow, DeltaPressureKpa,
            valve, valve, 90, 11, 0, 20, 0, "0.1.0");

    public static byte[] CduJson(CduTelemetry t) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
        {"v":1,"seq":{{t.Sequence}},"uptimeMilliseconds":{{t.UptimeMilliseconds}},"mode":"automatic","setpointSource":"supervisor",
         "supplyTemperatureCelsius":{{t.SupplyTemperatureCelsius:F3}},"returnTemperatureCelsius":{{t.ReturnTemperatureCelsius:F3}},
         "supplyTemperatureSetpointCelsius":30.00,"supplyTemperatureTargetCelsius":30.00,
         "facilitySupplyTemperatureCelsius":{{t.FacilitySupplyTemperatureCelsius:F3}},"facilityReturnTemperatureCelsius":{{t.FacilityReturnTemperatureCelsius:F3}},
         "flowLitersPerMinute":{{t.FlowLitersPerMinute:F1}},"deltaPressureKpa":{{t.DeltaPressureKpa:F1}},
         "valvePositionPercent":{{t.ValvePositionPercent:F1}},"valveCommandPercent":{{t.ValveCommandPercent:F1}},"pumpSpeedPercent":90.0,"dewPointCelsius":11.4,
         "lastRequestSeq":0,"leaseRemainingSeconds":20.0,"rejectedMessages":0,"firmwareVersion":"0.1.0"}
        """));

    /// <summary>A rack message with two GPUs: inlet, outlet, flow and heat as given, the hottest die at <paramref name="hottestGpu"/>.</summary>
    public static byte[] RackJson(long seq, double inlet, double outlet, double powerWatts, double hottestGpu, DateTimeOffset at) =>
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
        {"v":1,"seq":{{seq}},"timestampUnixMilliseconds":{{at.ToUnixTimeMilliseconds()}},"inletTemperatureCelsius":{{inlet:F2}},"outletTemperatureCelsius":{{outlet:F2}},
         "flowLitersPerMinute":180.0,"powerWatts":{{powerWatts:F0}},"gpus":[
         {"index":0,"temperatureCelsius":{{hottestGpu:F2}},"memoryTemperatureCelsius":50.0,"powerWatts":1200.0,"throttled":false},
         {"index":1,"temperatureCelsius":{{hottestGpu - 4:F2}},"memoryTemperatureCelsius":48.0,"powerWatts":1100.0,"throttled":false}]}
        """));

    public static RackTelemetry Rack(double inlet, double outlet, double powerWatts, double hottestGpu) =>
        new(1, 0, inlet, outlet, 180, powerWatts, 72, hottestGpu, 3, hottestGpu - 10, powerWatts * 0.8, 0);
}
