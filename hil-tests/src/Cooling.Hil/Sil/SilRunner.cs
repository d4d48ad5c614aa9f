using System.Diagnostics;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Supervision;

namespace Cooling.Hil.Sil;

/// <summary>How a scenario is run: seed (null: the scenario's), and firmware parameters over the scenario's (a deliberately broken build).</summary>
public sealed record RunOptions
{
    public int? Seed { get; init; }

    public IReadOnlyDictionary<string, double>? FirmwareOverrides { get; init; }

    /// <summary>Run the baseline planners too (when the scenario asks for them).</summary>
    public bool Baselines { get; init; } = true;
}

/// <summary>
/// Runs a scenario on the SIL target: its declared planner's run decides the verdicts; supervised scenarios also run
/// the other planners side by side (in parallel) for the baseline comparison.
/// </summary>
public static class SilRunner
{
    public const string Target = "sil";

    public static ScenarioResult Run(Scenario scenario, RunOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        var seed = options.Seed ?? scenario.Seed;
        var watch = Stopwatch.StartNew();
        var planners = scenario.Supervisor is { } sup && options.Baselines ? PlannerNames.Baselines(sup)
            : [scenario.Supervisor?.Planner ?? PlannerNames.None];
        var runs = new PlannerRun[planners.Count];
        Parallel.For(0, planners.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            runs[i] = new ScenarioRun(scenario, planners[i], seed, options.FirmwareOverrides).Run(cancellationToken));
        return new ScenarioResult(scenario, Target, seed, Evaluate(scenario, runs), runs, watch.Elapsed);
    }

    /// <summary>Each criterion's KPI from the primary run (the first), over its window.</summary>
    public static IReadOnlyList<Verdict> Evaluate(Scenario scenario, IReadOnlyList<PlannerRun> runs)
    {
        var primary = runs[0];
        var fixedRun = runs.FirstOrDefault(r => r.Planner == PlannerNames.Fixed);
        return [.. scenario.Criteria.Select(c =>
        {
            var until = c.UntilSeconds ?? scenario.DurationSeconds;
            double value;
            if (c.Kpi == KpiCatalog.CoolingEnergySavingVersusFixedPercent)
            {
                value = fixedRun is null ? double.NaN : Saving(fixedRun.Measure(c.FromSeconds, until), primary.Measure(c.FromSeconds, until));
            }
            else
            {
                value = primary.Measure(c.FromSeconds, until)[c.Kpi];
            }

            return new Verdict(c, value);
        })];
    }

    public static double Saving(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> candidate)
    {
        var b = baseline[KpiCatalog.CoolingEnergyKilowattHours];
        return b > 0 ? 100 * (b - candidate[KpiCatalog.CoolingEnergyKilowattHours]) / b : double.NaN;
    }
}
