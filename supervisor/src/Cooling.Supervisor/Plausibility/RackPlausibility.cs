using System.Globalization;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// Judges one rack telemetry message against physics, each bound widened by the sensors' accuracy
/// (<see cref="PlausibilityOptions"/>):
/// <list type="bullet">
/// <item>a rack that puts heat into the liquid warms it: with ΣP ≥ <see cref="PlausibilityOptions.RackHeatThresholdWatts"/>
///   the outlet cannot read below the inlet (T_out = T_in + P/(ρ·c_p·V̇) &gt; T_in; Incropera §8.3.1, eq. 8.34);</item>
/// <item>heat flows from the GPU die to the coolant, never back: the hottest die cannot read below the coolant that
///   enters the rack (Fourier's law, q = −k·∇T; the coolant only warms on its way through the cold plates).</item>
/// </list>
/// Values a rack does not report (NaN) are not judged.
/// </summary>
public static class RackPlausibility
{
    /// <summary>Null when the message agrees with physics, otherwise why not.</summary>
    public static string? Contradiction(in RackTelemetry t, PlausibilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inlet = t.InletTemperatureCelsius;
        if (double.IsNaN(inlet)) return null;
        var outlet = t.OutletTemperatureCelsius;
        if (!double.IsNaN(outlet) && t.PowerWatts >= options.RackHeatThresholdWatts)
        {
            var tolerance = options.RtdToleranceAt(inlet) + options.RtdToleranceAt(outlet);
            if (outlet < inlet - tolerance)
            {
                return F($"coolant outlet {outlet:F2} °C below the inlet {inlet:F2} °C by {inlet - outlet:F2} K while the rack reports {t.PowerWatts / 1000:F1} kW into the liquid (tolerance {tolerance:F2} K)");
            }
        }

        if (t.GpuCount > 0 && !double.IsNaN(t.HottestGpuTemperatureCelsius))
        {
            var tolerance = options.RtdToleranceAt(inlet) + options.GpuTemperatureToleranceKelvin;
            if (t.HottestGpuTemperatureCelsius < inlet - tolerance)
            {
                return F($"hottest GPU {t.HottestGpuTemperatureCelsius:F1} °C below the coolant inlet {inlet:F2} °C by {inlet - t.HottestGpuTemperatureCelsius:F2} K (tolerance {tolerance:F2} K)");
            }
        }

        return null;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
