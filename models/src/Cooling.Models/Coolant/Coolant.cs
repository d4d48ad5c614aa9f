namespace Cooling.Models.Coolant;

/// <summary>
/// A secondary coolant's properties as functions of temperature: specific heat cp(T), density ρ(T) and dynamic
/// viscosity μ(T), each from a published fit (see <see cref="WaterCoolant"/> and <see cref="PropyleneGlycolWater"/>).
/// The plant evaluates them once per step at the loop's mean temperature. The members without a temperature give
/// the values at <see cref="ReferenceCelsius"/> (30 °C, the middle of the CDU's 20 … 45 °C working range).
/// </summary>
public abstract class Coolant
{
    /// <summary>Temperature of the fixed-temperature members, °C.</summary>
    public const double ReferenceCelsius = 30;

    /// <summary>Water (IAPWS-based fits).</summary>
    public static Coolant Water { get; } = new WaterCoolant();

    /// <summary>25 % (mass) propylene glycol in water (Melinder 2010).</summary>
    public static Coolant PropyleneGlycol25 { get; } = new PropyleneGlycolWater(25);

    /// <summary>Short name as in description files: "water" or "PG25".</summary>
    public abstract string Name { get; }

    /// <summary>Lowest and highest temperature of the fit's validity, °C.</summary>
    public abstract double MinimumCelsius { get; }

    /// <inheritdoc cref="MinimumCelsius"/>
    public abstract double MaximumCelsius { get; }

    /// <summary>cp at <paramref name="celsius"/>, J/(kg·K).</summary>
    public abstract double SpecificHeatJoulesPerKilogramKelvin(double celsius);

    /// <summary>ρ at <paramref name="celsius"/>, kg/m³.</summary>
    public abstract double DensityKilogramsPerCubicMeter(double celsius);

    /// <summary>μ at <paramref name="celsius"/>, Pa·s.</summary>
    public abstract double DynamicViscosityPascalSeconds(double celsius);

    /// <summary>cp at the reference temperature, J/(kg·K).</summary>
    public double SpecificHeatAtReference => SpecificHeatJoulesPerKilogramKelvin(ReferenceCelsius);

    /// <summary>ρ at the reference temperature, kg/m³.</summary>
    public double DensityAtReference => DensityKilogramsPerCubicMeter(ReferenceCelsius);

    /// <summary>Volumetric heat capacity ρ·cp at <paramref name="celsius"/>, J/(L·K).</summary>
    public double VolumetricHeatCapacityJoulesPerLiterKelvin(double celsius) =>
        DensityKilogramsPerCubicMeter(celsius) * SpecificHeatJoulesPerKilogramKelvin(celsius) / 1000.0;

    /// <summary>Heat capacity rate of a flow at the reference temperature, W/K: ṁ·cp with ṁ = ρ·V̇.</summary>
    public double HeatCapacityRateWattsPerKelvin(double flowLitersPerMinute) =>
        HeatCapacityRateWattsPerKelvin(flowLitersPerMinute, ReferenceCelsius);

    /// <summary>Heat capacity rate of a flow at <paramref name="celsius"/>, W/K.</summary>
    public double HeatCapacityRateWattsPerKelvin(double flowLitersPerMinute, double celsius) =>
        flowLitersPerMinute / 60.0 * VolumetricHeatCapacityJoulesPerLiterKelvin(celsius);

    /// <summary>Heat capacity of a volume at the reference temperature, J/K: ρ·V·cp.</summary>
    public double HeatCapacityJoulesPerKelvin(double volumeLiters) => volumeLiters * VolumetricHeatCapacityJoulesPerLiterKelvin(ReferenceCelsius);

    /// <summary>The coolant named <paramref name="name"/> ("water" or "PG25", any case), or null.</summary>
    public static Coolant? FromName(string name) =>
        string.Equals(name, Water.Name, StringComparison.OrdinalIgnoreCase) ? Water
        : string.Equals(name, PropyleneGlycol25.Name, StringComparison.OrdinalIgnoreCase) ? PropyleneGlycol25
        : null;

    public override string ToString() => Name;
}
