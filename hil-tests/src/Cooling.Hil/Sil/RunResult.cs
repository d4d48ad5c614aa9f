using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Sil;

/// <summary>One criterion's outcome: the KPI's value against its limits.</summary>
public sealed record Verdict(Criterion Criterion, double Value)
{
    public bool Passed => double.IsFinite(Value)
        && (Criterion.Maximum is not { } max || Value <= max)
        && (Criterion.Minimum is not { } min || Value >= min);
}

/// <summary>A scenario's run: every criterion's verdict and the trace it came from.</summary>
public sealed record RunResult(Scenario Scenario, IReadOnlyList<Verdict> Verdicts, IReadOnlyList<TraceSample> Trace)
{
    public bool Passed => Verdicts.All(v => v.Passed);
}
