using Cooling.Models.Coolant;

namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// The first law and the second law applied to one CDU loop, on what its telemetry and its racks' telemetry report.
/// <list type="bullet">
/// <item>Energy balance of the secondary stream through the heat exchanger:
///   Q_sec = ρ(T̄)·c_p(T̄)·V̇·(T_return − T_supply), T̄ the mean of the two, ρ and c_p of the loop's coolant
///   (<see cref="Coolant"/>: Melinder's fits for propylene glycol, IAPWS for water).</item>
/// <item>Pump work ends as heat in the coolant: P_hyd = V̇·Δp.</item>
/// <item>In steady state the heat the exchanger takes out is the heat the racks and pumps put in:
///   T_return = T_supply + (ΣP_rack + P_hyd)/(ρ·c_p·V̇), the return temperature the racks imply.</item>
/// <item>Second law for a two-stream exchanger (counter- or parallel flow): each stream's outlet lies between the two
///   inlet temperatures — the facility water cannot leave warmer than the hot secondary return nor colder than it came,
///   and the secondary cannot leave colder than the facility water it was cooled with.</item>
/// </list>
/// Source: Incropera, DeWitt, Bergman, Lavine, Fundamentals of Heat and Mass Transfer, 6th ed., §11.3 (overall energy
/// balance of a heat exchanger, q = ṁ_h·c_p,h·(T_h,i − T_h,o) = ṁ_c·c_p,c·(T_c,o − T_c,i), eq. 11.6b/11.7b) and §11.4
/// (the maximum possible heat rate q_max = C_min·(T_h,i − T_c,i): no outlet passes the other stream's inlet).
/// </summary>
public static class HeatBalance
{
    /// <summary>Heat capacity rate of the secondary flow, W/K: ṁ·c_p = ρ(T̄)·c_p(T̄)·V̇, T̄ the mean of supply and return.</summary>
    public static double CapacityRateWattsPerKelvin(Coolant coolant, double flowLitersPerMinute, double supplyCelsius, double returnCelsius)
    {
        ArgumentNullException.ThrowIfNull(coolant);
        var mean = Math.Clamp((supplyCelsius + returnCelsius) / 2, coolant.MinimumCelsius, coolant.MaximumCelsius);
        return coolant.HeatCapacityRateWattsPerKelvin(flowLitersPerMinute, mean);
    }

    /// <summary>Heat the secondary stream gives up in the exchanger, W: Q_sec = ρ·c_p·V̇·(T_return − T_supply).</summary>
    public static double SecondaryHeatWatts(Coolant coolant, double flowLitersPerMinute, double supplyCelsius, double returnCelsius) =>
        CapacityRateWattsPerKelvin(coolant, flowLitersPerMinute, supplyCelsius, returnCelsius) * (returnCelsius - supplyCelsius);

    /// <summary>Pump work given to the coolant, W: P_hyd = V̇·Δp (L/min → m³/s, kPa → Pa).</summary>
    public static double PumpHeatWatts(double flowLitersPerMinute, double deltaPressureKpa) => flowLitersPerMinute / 60_000.0 * deltaPressureKpa * 1000.0;

    /// <summary>The return temperature that carries <paramref name="heatWatts"/> away from <paramref name="supplyCelsius"/>, °C: T_s + Q/(ṁ·c_p).</summary>
    public static double ImpliedReturnCelsius(double supplyCelsius, double heatWatts, double capacityRateWattsPerKelvin) =>
        supplyCelsius + heatWatts / capacityRateWattsPerKelvin;

    /// <summary>
    /// How far <paramref name="outletCelsius"/> lies outside the two inlet temperatures of an exchanger, K: positive above
    /// the warmer inlet, negative below the colder one, 0 between them (where the second law allows it).
    /// </summary>
    public static double OutsideInletsKelvin(double outletCelsius, double inletCelsius, double otherInletCelsius)
    {
        var low = Math.Min(inletCelsius, otherInletCelsius);
        var high = Math.Max(inletCelsius, otherInletCelsius);
        return outletCelsius > high ? outletCelsius - high : outletCelsius < low ? outletCelsius - low : 0;
    }
}
