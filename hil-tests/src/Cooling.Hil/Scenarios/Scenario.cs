namespace Cooling.Hil.Scenarios;

/// <summary>A certification scenario, as written in hil-tests/scenarios/*.json (format: hil-tests/README.md).</summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>Requirement IDs this scenario verifies (docs/requirements.md).</summary>
    public required IReadOnlyList<string> Requirements { get; init; }

    /// <summary>Plant time simulated, s.</summary>
    public required double DurationSeconds { get; init; }

    /// <summary>Racks on the CDU's loop.</summary>
    public int Racks { get; init; } = 4;

    public required WorkloadSpec Workload { get; init; }

    /// <summary>The supervisor's requests; null runs the CDU on its local setpoints.</summary>
    public SupervisorSpec? Supervisor { get; init; }

    public required IReadOnlyList<Criterion> Criteria { get; init; }

    /// <summary>Where the scenario was loaded from (not part of the file).</summary>
    public string Source { get; init; } = "";
}

/// <summary>GPU utilization of every rack: "constant" (utilization) or "steps" (low, high, periodSeconds).</summary>
public sealed record WorkloadSpec
{
    public required string Kind { get; init; }

    public double Utilization { get; init; }

    public double Low { get; init; }

    public double High { get; init; }

    public double PeriodSeconds { get; init; }
}

/// <summary>An emulated supervisor: requests a supply temperature with a lease, renewed until <see cref="StopAtSeconds"/>.</summary>
public sealed record SupervisorSpec
{
    public required double SupplyTemperatureCelsius { get; init; }

    public int LeaseSeconds { get; init; } = 30;

    public int RenewalSeconds { get; init; } = 10;

    /// <summary>Plant time at which the supervisor goes silent, s; null: never.</summary>
    public double? StopAtSeconds { get; init; }
}

/// <summary>A pass/fail criterion on one KPI over a window of plant time, traced to a requirement.</summary>
public sealed record Criterion
{
    public required string Requirement { get; init; }

    /// <summary>A KPI name from <see cref="Sil.Kpis.Names"/>.</summary>
    public required string Kpi { get; init; }

    /// <summary>Start of the window, s of plant time (the KPI is computed from here to the end).</summary>
    public double FromSeconds { get; init; }

    public double? Maximum { get; init; }

    public double? Minimum { get; init; }
}
