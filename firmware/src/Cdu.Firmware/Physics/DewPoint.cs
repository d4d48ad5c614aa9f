using System;

namespace Cdu.Firmware.Physics
{
    /// <summary>
    /// Dew point from air temperature and relative humidity, Magnus form with Sonntag (1990) coefficients
    /// b = 17.62, c = 243.12 °C, as recommended by the WMO Guide to Instruments (2008), valid −45 … 60 °C over water:
    ///   γ = ln(RH/100) + b·T/(c+T);  Td = c·γ/(b − γ).  Error below 0.35 K over that range.
    /// </summary>
    public static class DewPoint
    {
        private const double B = 17.62;
        private const double CCelsius = 243.12;

        /// <summary>Dew point, °C, of air at <paramref name="temperatureCelsius"/> and <paramref name="relativeHumidityPercent"/> (0 &lt; RH ≤ 100).</summary>
        public static double FromTemperatureAndHumidity(double temperatureCelsius, double relativeHumidityPercent)
        {
            double humidity = relativeHumidityPercent;
            if (humidity < 0.1)
            {
                humidity = 0.1;
            }

            if (humidity > 100)
            {
                humidity = 100;
            }

            double gamma = Math.Log(humidity / 100.0) + B * temperatureCelsius / (CCelsius + temperatureCelsius);
            return CCelsius * gamma / (B - gamma);
        }
    }
}
