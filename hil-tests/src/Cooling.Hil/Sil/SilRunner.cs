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

    /// <summary>Told the plant time reached by the primary run, s, every few hundred cycles (progress displays).</summary>
    public Action<Scenario, double>? Progress { get; init; }
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
        {
            var run = new ScenarioRun(scenario, planners[i], seed, options.FirmwareOverrides);
            if (i == 0 && options.Progress is { } progress)
            {
                var cycles = 0;
                run.AfterCycle = seconds =>
                {
                    if (++cycles % 500 == 0) progress(scenario, seconds);
                };
            }

            runs[i] = run.Run(cancellationToken);
        });
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

    /// <summary>Runs <paramref name="scenarios"/> in parallel (each with its baselines); results in the given order.</summary>
    public static IReadOnlyList<ScenarioResult> RunAll(IReadOnlyList<Scenario> scenarios, RunOptions? options = null, int parallelism = 0, CancellationToken cancellationToken = default)
    {
        var results = new ScenarioResult[scenarios.Count];
        // Longest first, so that the 24 h day does not start last.
        var order = Enumerable.Range(0, scenarios.Count).OrderByDescending(i => scenarios[i].DurationSeconds + scenarios[i].Initial.SettleSeconds).ToArray();
        Parallel.ForEach(order, new ParallelOptions
        {
            MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        }, i => results[i] = Run(scenarios[i], options, cancellationToken));
        return results;
    }

    public static double Saving(IReadOnlyDictionary<string, double> baseline, IReadOnlyDictionary<string, double> candidate)
    {
        var b = baseline[KpiCatalog.CoolingEnergyKilowattHours];
        return b > 0 ? 100 * (b - candidate[KpiCatalog.CoolingEnergyKilowattHours]) / b : double.NaN;
    }
}
