using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Runs;

/// <summary>One criterion's outcome: the KPI's value against its limits (NaN: the run did not measure it — a failure).</summary>
public sealed record Verdict(Criterion Criterion, double Value)
{
    public bool Passed => !double.IsNaN(Value)
        && (Criterion.Maximum is not { } max || Value <= max)
        && (Criterion.Minimum is not { } min || Value >= min);

    /// <summary>"≤ 2" / "≥ 0.9" / "0.5 … 2".</summary>
    public string Limits => (Criterion.Minimum, Criterion.Maximum) switch
    {
        ({ } min, { } max) => $"{Format(min)} … {Format(max)}",
        ({ } min, null) => $"≥ {Format(min)}",
        (null, { } max) => $"≤ {Format(max)}",
        _ => "",
    };

    public static string Format(double value) => double.IsNaN(value) ? "not measured"
        : double.IsPositiveInfinity(value) ? "∞" : value.ToString("G4", System.Globalization.CultureInfo.InvariantCulture);
}
