namespace Cooling.Models.Components;

/// <summary>
/// GPU cold plate: case-to-inlet thermal resistance falling with coolant flow as a power law
///   R(q) = R₁·q^(−n),  R₁ = 0.02748 K/W at 1 L/min, n = 0.38,
/// fitted to the OCP 1 kW OAM cold plate on PG25 (0.0389 K/W at 0.4 L/min, 0.0197 K/W at 2.4 L/min; the fit
/// gives 0.0275 K/W at 1 L/min against 0.0245 measured, i.e. it errs warm).
/// Source: OCP "Cold Plate Requirements for 1 kW OAM" test data (docs/physics-sources.md#cold-plate).
/// </summary>
public static class ColdPlate
{
    public const double ResistanceAtOneLiterPerMinuteKelvinPerWatt = 0.02748;
    public const double FlowExponent = 0.38;

    /// <summary>Thermal resistance, K/W, at <paramref name="flowLitersPerMinute"/> through one plate (floored at 0.05 L/min).</summary>
    public static double ResistanceKelvinPerWatt(double flowLitersPerMinute) =>
        ResistanceAtOneLiterPerMinuteKelvinPerWatt * Math.Pow(Math.Max(flowLitersPerMinute, 0.05), -FlowExponent);
}
