using System.Diagnostics;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Device;

/// <summary>
/// Runs scenarios on the device target, one after the other on the same running CDU: for each, attach (configuration,
/// reset, start), play the plant freely on the CDU's clock, judge with the same criteria and KPIs as SIL. Only the
/// scenario's declared planner runs. A configuration the CDU refuses fails the scenario with the CDU's reason; a CDU
/// that cannot be attached stops the run (<see cref="DeviceRunException"/>).
/// </summary>
public static class DeviceRunner
{
    public static async Task<ScenarioResult> RunAsync(Scenario scenario, DeviceRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (DeviceTarget.NotApplicableReasons(scenario) is { Count: > 0 } reasons)
        {
            throw new ScenarioException($"{scenario.Name}: {new NotApplicableScenario(scenario, DeviceTarget.Name, reasons).Message}");
        }

        var watch = Stopwatch.StartNew();
        await using var run = new DeviceScenarioRun(scenario, options);
        PlannerRun primary;
        IReadOnlyList<Verdict> verdicts;
        try
        {
            primary = await run.RunAsync(cancellationToken);
            verdicts = SilRunner.Evaluate(scenario, [primary]);
        }
        catch (ConfigurationRefusedException ex)
        {
            // Nothing was measured: every criterion fails, and the log says why.
            primary = run.Unstarted(ex.Message);
            verdicts = [.. scenario.Criteria.Select(c => new Verdict(c, double.NaN))];
        }

        return new ScenarioResult(scenario, DeviceTarget.Name, run.Seed, verdicts, [primary], watch.Elapsed);
    }

    /// <summary>Runs every applicable scenario in the given order; the others are returned as not applicable.</summary>
    public static async Task<(IReadOnlyList<ScenarioResult> Results, IReadOnlyList<NotApplicableScenario> NotApplicable)> RunAllAsync(
        IReadOnlyList<Scenario> scenarios, DeviceRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(options);
        var notApplicable = new List<NotApplicableScenario>();
        var results = new Dictionary<Scenario, ScenarioResult>();
        foreach (var scenario in scenarios)
        {
            var reasons = DeviceTarget.NotApplicableReasons(scenario);
            if (reasons.Count > 0)
            {
                notApplicable.Add(new NotApplicableScenario(scenario, DeviceTarget.Name, reasons));
                continue;
            }

            results[scenario] = await RunAsync(scenario, options, cancellationToken);
        }

        return ([.. scenarios.Where(results.ContainsKey).Select(s => results[s])], [.. scenarios.Where(s => notApplicable.Any(n => n.Scenario == s)).Select(s => notApplicable.First(n => n.Scenario == s))]);
    }
}
