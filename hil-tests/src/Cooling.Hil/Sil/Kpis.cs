namespace Cooling.Hil.Sil;

/// <summary>
/// The KPIs a criterion may name, each computed from the run's trace over [fromSeconds, end]:
/// <list type="bullet">
/// <item><c>supplyTemperatureMaximumDeviationKelvin</c> — max |supply − the setpoint the loop works on|, K</item>
/// <item><c>hottestGpuMaximumCelsius</c> — hottest GPU die over all racks, °C</item>
/// <item><c>setpointMaximumRateKelvinPerMinute</c> — fastest change of the working setpoint, K/min</item>
/// <item><c>fallbackModeFraction</c> — share of control cycles in fallback mode (0 … 1)</item>
/// <item><c>acknowledgedRequestFraction</c> — share of requests sent in the window acknowledged as accepted or clamped (1 when none)</item>
/// </list>
/// </summary>
public static class Kpis
{
    public const string SupplyTemperatureMaximumDeviationKelvin = "supplyTemperatureMaximumDeviationKelvin";
    public const string HottestGpuMaximumCelsius = "hottestGpuMaximumCelsius";
    public const string SetpointMaximumRateKelvinPerMinute = "setpointMaximumRateKelvinPerMinute";
    public const string FallbackModeFraction = "fallbackModeFraction";
    public const string AcknowledgedRequestFraction = "acknowledgedRequestFraction";

    public static IReadOnlyList<string> Names { get; } =
    [
        SupplyTemperatureMaximumDeviationKelvin, HottestGpuMaximumCelsius, SetpointMaximumRateKelvinPerMinute,
        FallbackModeFraction, AcknowledgedRequestFraction,
    ];

    public static double Compute(string kpi, IReadOnlyList<TraceSample> trace, IReadOnlyList<RequestRecord> requests, double fromSeconds)
    {
        var window = trace.Where(s => s.PlantSeconds >= fromSeconds).ToList();
        return kpi switch
        {
            SupplyTemperatureMaximumDeviationKelvin => window.Max(s => Math.Abs(s.SupplyCelsius - s.SetpointCelsius)),
            HottestGpuMaximumCelsius => window.Max(s => s.HottestGpuCelsius),
            SetpointMaximumRateKelvinPerMinute => window.Zip(window.Skip(1))
                .Max(p => Math.Abs(p.Second.SetpointCelsius - p.First.SetpointCelsius) / (p.Second.PlantSeconds - p.First.PlantSeconds) * 60),
            FallbackModeFraction => window.Count(s => s.Fallback) / (double)window.Count,
            AcknowledgedRequestFraction => requests.Where(r => r.SentAtSeconds >= fromSeconds).ToList() is { Count: > 0 } sent
                ? sent.Count(r => r.Status is "accepted" or "clamped") / (double)sent.Count
                : 1,
            _ => throw new ArgumentOutOfRangeException(nameof(kpi), kpi, "Not a KPI."),
        };
    }
}

/// <summary>One control cycle of a run: plant time s, temperatures °C, valve %, mode.</summary>
public sealed record TraceSample(double PlantSeconds, double SupplyCelsius, double SetpointCelsius, double HottestGpuCelsius,
    double ValveCommandPercent, bool Fallback);

/// <summary>A request the emulated supervisor sent, and the status the CDU acknowledged (null: none yet).</summary>
public sealed record RequestRecord(long Sequence, double SentAtSeconds)
{
    public string? Status { get; set; }
}
