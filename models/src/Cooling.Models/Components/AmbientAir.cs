namespace Cooling.Models.Components;

/// <summary>
/// Air at the CDU and its dew point by the Magnus formula over water,
///   γ = ln(RH/100) + b·T/(c + T),   T_d = c·γ/(b − γ),   b = 17.62, c = 243.12 °C,
/// within 0.35 K for −45 … 60 °C. Source: WMO Guide to Meteorological Instruments (WMO-No. 8, 2008), Annex 4.B,
/// after Sonntag (1990). Coolant below the dew point condenses on pipes and cold plates.
/// </summary>
public sealed class AmbientAir(double temperatureCelsius = 24, double relativeHumidityPercent = 45)
{
    private const double MagnusB = 17.62;
    private const double MagnusCelsius = 243.12;

    /// <summary>Dry-bulb temperature, °C.</summary>
    public double TemperatureCelsius { get; set; } = temperatureCelsius;

    /// <summary>Relative humidity, % (0 … 100).</summary>
    public double RelativeHumidityPercent { get; set; } = relativeHumidityPercent;

    /// <summary>Dew point of the air now, °C.</summary>
    public double DewPointCelsius => DewPoint(TemperatureCelsius, RelativeHumidityPercent);

    /// <summary>Dew point, °C, of air at <paramref name="celsius"/> and <paramref name="relativeHumidityPercent"/> (floored at 0.1 % RH).</summary>
    public static double DewPoint(double celsius, double relativeHumidityPercent)
    {
        var gamma = Math.Log(Math.Clamp(relativeHumidityPercent, 0.1, 100) / 100) + MagnusB * celsius / (MagnusCelsius + celsius);
        return MagnusCelsius * gamma / (MagnusB - gamma);
    }
}
