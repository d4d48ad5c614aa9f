namespace Cooling.Hil.Golden;

/// <summary>A KPI's golden value and how far a run may move from it (absolute, in the KPI's unit).</summary>
public sealed record GoldenKpi(double Value, double Tolerance);

/// <summary>A scenario's golden KPIs per planner, as kept in scenarios/golden/&lt;name&gt;.json.</summary>
public sealed record GoldenFile
{
    public required string Scenario { get; init; }

    public int Seed { get; init; }

    /// <summary>Planner → KPI name → golden value.</summary>
    public required Dictionary<string, Dictionary<string, GoldenKpi>> Runs { get; init; }
}

/// <summary>A KPI that moved beyond its tolerance, reported by name like a failing test.</summary>
public sealed record GoldenDeviation(string Scenario, string Planner, string Kpi, double Golden, double Current, double Tolerance)
{
    /// <summary>"golden.supply-load-steps.fixed.supplyTemperatureIaeKelvinSeconds".</summary>
    public string TestName => $"golden.{Scenario}.{Planner}.{Kpi}";

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{TestName}: {Runs.Verdict.Format(Golden)} → {Runs.Verdict.Format(Current)} (tolerance ±{Tolerance:G3})");
}
