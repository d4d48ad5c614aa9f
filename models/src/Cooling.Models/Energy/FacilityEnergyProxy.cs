namespace Cooling.Models.Energy;

/// <summary>
/// A proxy for the facility's electric power spent on one CDU loop's heat, so planners can be compared on
/// pump + facility energy without a model of the chiller plant:
///   P_chiller = Q / COP_ref · (1 − f)^(T_supply − T_ref)        heat removal, falling by f ≈ 2–3 % per +1 K
///   P_fws     = V̇_fws · Δp_fws,design · (V̇_fws / V̇_fws,design)² / η   facility pump on a fixed system curve
/// with Q the heat rejected to facility water (W), T_supply the loop's secondary supply temperature (°C) and V̇_fws
/// the facility flow through the CDU's valve. The chiller term assumes facility-water reset: the plant's leaving
/// temperature follows the warmest supply its CDUs ask for at a fixed approach, so each kelvin of secondary supply is
/// a kelvin of chilled-water temperature. Sources: chiller power falls ≈ 2–3 % per +1 °C of supply temperature
/// (industry rule of thumb; docs/physics-sources.md#facility-side); affinity laws and V̇·Δp/η for pump power (Karassik, Pump Handbook, §2.3).
/// Defaults: COP 5 at 18 °C (water-cooled chiller with cooling tower, a conservative mid-range figure),
/// f = 2.5 %/K, facility pump 100 kPa at 900 L/min, η 0.7.
/// </summary>
public sealed record FacilityEnergyProxy
{
    /// <summary>Coefficient of performance of heat removal at <see cref="ReferenceSupplyCelsius"/>.</summary>
    public double ReferenceCoefficientOfPerformance { get; init; } = 5.0;

    /// <summary>Supply temperature at which the reference COP holds, °C.</summary>
    public double ReferenceSupplyCelsius { get; init; } = 18.0;

    /// <summary>Fraction of chiller power saved per +1 K of supply temperature (0.02 … 0.03 by the industry rule of thumb, docs/physics-sources.md#facility-side).</summary>
    public double SavingPerKelvin { get; init; } = 0.025;

    /// <summary>Facility-water pressure drop at the design facility flow, kPa.</summary>
    public double FacilityDesignDeltaPressureKpa { get; init; } = 100;

    /// <summary>Facility flow at which <see cref="FacilityDesignDeltaPressureKpa"/> holds, L/min.</summary>
    public double FacilityDesignFlowLitersPerMinute { get; init; } = 900;

    /// <summary>Facility pump wire-to-water efficiency.</summary>
    public double FacilityPumpEfficiency { get; init; } = 0.7;

    /// <summary>Electric power of heat removal (chiller proxy), W, for <paramref name="heatWatts"/> at <paramref name="supplyCelsius"/>.</summary>
    public double ChillerPowerWatts(double heatWatts, double supplyCelsius) =>
        Math.Max(heatWatts, 0) / ReferenceCoefficientOfPerformance * Math.Pow(1 - SavingPerKelvin, supplyCelsius - ReferenceSupplyCelsius);

    /// <summary>Facility pump power for <paramref name="facilityFlowLitersPerMinute"/> through the CDU, W.</summary>
    public double FacilityPumpPowerWatts(double facilityFlowLitersPerMinute)
    {
        var flow = Math.Max(facilityFlowLitersPerMinute, 0);
        var ratio = flow / FacilityDesignFlowLitersPerMinute;
        var deltaPressurePascal = FacilityDesignDeltaPressureKpa * 1000 * ratio * ratio;
        return flow / 60000.0 * deltaPressurePascal / FacilityPumpEfficiency;
    }

    /// <summary>Chiller proxy plus facility pump, W.</summary>
    public double PowerWatts(double heatWatts, double supplyCelsius, double facilityFlowLitersPerMinute) =>
        ChillerPowerWatts(heatWatts, supplyCelsius) + FacilityPumpPowerWatts(facilityFlowLitersPerMinute);
}
