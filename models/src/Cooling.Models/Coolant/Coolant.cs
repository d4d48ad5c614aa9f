namespace Cooling.Models.Coolant;

/// <summary>
/// A secondary coolant's properties over the CDU's working range (20 … 45 °C), taken as constant at the
/// range's middle. Source: Melinder (2010) property fits as used by the Modelica Buildings Library
/// (Buildings.Media.Water, Buildings.Media.Antifreeze.PropyleneGlycolWater).
/// </summary>
/// <param name="Name">Short name, e.g. "water", "PG25".</param>
/// <param name="SpecificHeatJoulesPerKilogramKelvin">cp, J/(kg·K).</param>
/// <param name="DensityKilogramsPerCubicMeter">ρ, kg/m³.</param>
public sealed record Coolant(string Name, double SpecificHeatJoulesPerKilogramKelvin, double DensityKilogramsPerCubicMeter)
{
    /// <summary>Water at 20 °C: cp 4187 J/(kg·K), ρ 998.5 kg/m³ (69.7 W/K per L/min).</summary>
    public static Coolant Water { get; } = new("water", 4187, 998.5);

    /// <summary>25 % propylene glycol, 20 … 45 °C: cp ≈ 3950 J/(kg·K), ρ ≈ 1013 kg/m³ (≈ 66.7 W/K per L/min).</summary>
    public static Coolant PropyleneGlycol25 { get; } = new("PG25", 3950, 1013);

    /// <summary>Heat capacity rate of a flow, W/K: ṁ·cp with ṁ = ρ·V̇.</summary>
    public double HeatCapacityRateWattsPerKelvin(double flowLitersPerMinute) =>
        flowLitersPerMinute / 60000.0 * DensityKilogramsPerCubicMeter * SpecificHeatJoulesPerKilogramKelvin;

    /// <summary>Heat capacity of a volume, J/K: ρ·V·cp.</summary>
    public double HeatCapacityJoulesPerKelvin(double volumeLiters) =>
        volumeLiters / 1000.0 * DensityKilogramsPerCubicMeter * SpecificHeatJoulesPerKilogramKelvin;
}
