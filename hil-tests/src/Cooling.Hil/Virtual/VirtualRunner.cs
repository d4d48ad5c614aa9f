using System.Diagnostics;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Virtual;

/// <summary>
/// Runs scenarios on the virtual target: each applicable scenario on a fresh virtual CDU process (its own CDU id)
/// with the rig playing its plant; the verdicts come from the same criteria and KPIs as on SIL. Only the scenario's
/// declared planner runs (the baseline comparison is SIL's). Scenarios the target cannot run are returned as not
/// applicable, with the reasons.
/// </summary>
public static class VirtualRunner
{
    /// <summary>The firmware host beside this program (the project reference copies it there).</summary>
    public static string DefaultCduHostPath => Path.Combine(AppContext.BaseDirectory, "Cdu.Firmware.Host.dll");

    public static async Task<ScenarioResult> RunAsync(Scenario scenario, VirtualRunOptions options, string cduId = "v1", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (VirtualTarget.NotApplicableReasons(scenario) is { Count: > 0 } reasons)
        {
            throw new ScenarioException($"{scenario.Name}: {new NotApplicableScenario(scenario, VirtualTarget.Name, reasons).Message}");
        }

        if (!File.Exists(options.CduHostPath)) throw new ScenarioException($"the firmware host '{options.CduHostPath}' does not exist (--cdu-host)");
        var watch = Stopwatch.StartNew();
        await using var run = new VirtualScenarioRun(scenario, options, cduId);
        var primary = await run.RunAsync(cancellationToken);
        return new ScenarioResult(scenario, VirtualTarget.Name, run.Seed, SilRunner.Evaluate(scenario, [primary]), [primary], watch.Elapsed);
    }

    /// <summary>Runs every applicable scenario (in the given order in the results); the others are returned as not applicable.</summary>
    public static async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<NotApplicableScenario> NotApplicable)> RunAllAsync(
        IReadOnlyList<Scenario> scenarios, VirtualRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        var notApplicable = new List<NotApplicableScenario>();
        var runnable = new List<(Scenario Scenario, int Index)>();
        foreach (var scenario in scenarios)
        {
            var reasons = VirtualTarget.NotApplicableReasons(scenario);
            if (reasons.Count > 0) notApplicable.Add(new NotApplicableScenario(scenario, VirtualTarget.Name, reasons));
            else runnable.Add((scenario, runnable.Count + 1));
        }

        var results = new ScenarioResult[runnable.Count];
        await Parallel.ForEachAsync(runnable, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (item, token) => results[item.Index - 1] = await RunAsync(item.Scenario, options, $"v{item.Index}", token));
        return (results, notApplicable);
    }
}
