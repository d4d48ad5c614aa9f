namespace Cooling.Models.Coolant;

/// <summary>
/// Liquid water at about 0.1 MPa, 0 … 100 °C:
///   ρ(T) = (999.83952 + 16.945176·T − 7.9870401e−3·T² − 46.170461e−6·T³ + 105.56302e−9·T⁴ − 280.54253e−12·T⁵)
///          / (1 + 16.879850e−3·T)                      Kell (1975), J. Chem. Eng. Data 20(1), within 0.01 %;
///   cp(T) = 4178.86 + 0.076051·x + 0.015622·x² − 1.6211e−4·x³,  x = T − 40 °C
///                                                         least-squares fit to IAPWS-95 values (10 … 80 °C), ±0.02 %;
///   μ(T) = 2.414e−5 · 10^(247.8 / (T + 273.15 − 140)) Pa·s   Vogel-type fit (Al-Shemmeri 2012), within 2.5 % of
///                                                         IAPWS 2008 (1.002 mPa·s at 20 °C, 0.653 mPa·s at 40 °C).
/// T in °C.
/// </summary>
public sealed class WaterCoolant : Coolant
{
    public override string Name => "water";

    public override double MinimumCelsius => 0;

    public override double MaximumCelsius => 100;

    public override double SpecificHeatJoulesPerKilogramKelvin(double celsius)
    {
        var x = celsius - 40;
        return 4178.86 + x * (0.076051 + x * (0.015622 - x * 1.6211e-4));
    }

    public override double DensityKilogramsPerCubicMeter(double celsius)
    {
        var t = celsius;
        var numerator = 999.83952 + t * (16.945176 + t * (-7.9870401e-3 + t * (-46.170461e-6 + t * (105.56302e-9 - t * 280.54253e-12))));
        return numerator / (1 + 16.879850e-3 * t);
    }

    public override double DynamicViscosityPascalSeconds(double celsius) =>
        2.414e-5 * Math.Pow(10, 247.8 / (celsius + 273.15 - 140));
}
