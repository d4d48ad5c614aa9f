namespace Cooling.Models.Coolant;

/// <summary>
/// Propylene glycol in water by Melinder's polynomial fits in mass fraction x (%) and temperature T (°C):
///   f(x, T) = Σᵢ Σⱼ aᵢⱼ·(x − xₘ)ⁱ·(T − Tₘ)ʲ,  xₘ = 30.7031 %, Tₘ = 32.7089 °C,
/// with f = ρ (kg/m³), cp (J/(kg·K)) and ln(μ / mPa·s). At 25 % this gives cp 3920 … 3981 J/(kg·K) and
/// ρ 1019 … 1007 kg/m³ over 20 … 45 °C, μ 2.45 mPa·s at 20 °C (docs/physics-sources.md#coolants).
/// Source: Å. Melinder, Properties of Secondary Working Fluids for Indirect Systems, IIR 2010; the coefficient
/// table as published with the Modelica IBPSA/Buildings libraries (Media.Antifreeze.PropyleneGlycolWater).
/// The fits are collapsed to cubic polynomials in T once, for the chosen mass fraction.
/// </summary>
public sealed class PropyleneGlycolWater : Coolant
{
    private const double ReferenceMassPercent = 30.7031;
    private const double ReferenceCelsiusOfFit = 32.7089;
    private static readonly int[] TermsPerMassPower = [4, 4, 4, 3, 2, 1];

    private static readonly double[] DensityCoefficients =
        [1.018e3, -5.406e-1, -2.666e-3, 1.347e-5, 7.604e-1, -9.450e-3, 5.541e-5, -1.343e-7, -2.498e-3, 2.700e-5, -4.018e-7, 3.376e-9, -1.550e-4, 2.829e-6, -7.175e-9, -1.131e-6, -2.221e-8, 2.342e-8];

    private static readonly double[] SpecificHeatCoefficients =
        [3.882e3, 2.699e0, -1.659e-3, -1.032e-5, -1.304e1, 5.070e-2, -4.752e-5, 1.522e-6, -1.598e-1, 9.534e-5, 1.167e-5, -4.870e-8, 3.539e-4, 3.102e-5, -2.950e-7, 5.000e-5, -7.135e-7, -4.959e-7];

    private static readonly double[] LogViscosityCoefficients =
        [6.837e-1, -3.045e-2, 2.525e-4, -1.399e-6, 3.328e-2, -3.984e-4, 4.332e-6, -1.860e-8, 5.453e-5, -8.600e-8, -1.593e-8, -4.465e-11, -3.900e-6, 1.054e-7, -1.589e-9, -1.587e-8, 4.475e-10, 3.564e-9];

    private readonly double[] _density;
    private readonly double[] _specificHeat;
    private readonly double[] _logViscosity;

    /// <param name="massPercent">Glycol mass fraction, % (the fit holds for 0 … 60 %).</param>
    public PropyleneGlycolWater(double massPercent)
    {
        if (!(massPercent is >= 0 and <= 60)) throw new ArgumentOutOfRangeException(nameof(massPercent), massPercent, "must be between 0 and 60 %");
        MassPercent = massPercent;
        _density = Collapse(DensityCoefficients, massPercent);
        _specificHeat = Collapse(SpecificHeatCoefficients, massPercent);
        _logViscosity = Collapse(LogViscosityCoefficients, massPercent);
    }

    /// <summary>Glycol mass fraction, %.</summary>
    public double MassPercent { get; }

    public override string Name => Math.Abs(MassPercent - 25) < 1e-9 ? "PG25" : $"PG{MassPercent:0.#}";

    public override double MinimumCelsius => -10;

    public override double MaximumCelsius => 100;

    public override double SpecificHeatJoulesPerKilogramKelvin(double celsius) => Cubic(_specificHeat, celsius);

    public override double DensityKilogramsPerCubicMeter(double celsius) => Cubic(_density, celsius);

    public override double DynamicViscosityPascalSeconds(double celsius) => 1e-3 * Math.Exp(Cubic(_logViscosity, celsius));

    private static double Cubic(double[] c, double celsius)
    {
        var y = celsius - ReferenceCelsiusOfFit;
        return c[0] + y * (c[1] + y * (c[2] + y * c[3]));
    }

    // cⱼ = Σᵢ aᵢⱼ·(x − xₘ)ⁱ: the polynomial in T at a fixed mass fraction.
    private static double[] Collapse(double[] coefficients, double massPercent)
    {
        var result = new double[4];
        var dx = massPercent - ReferenceMassPercent;
        var k = 0;
        var power = 1.0;
        foreach (var terms in TermsPerMassPower)
        {
            for (var j = 0; j < terms; j++)
            {
                result[j] += coefficients[k++] * power;
            }

            power *= dx;
        }

        return result;
    }
}
