using System.Collections.Concurrent;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Spectre.Console;

namespace Cooling.Hil.Cli;

/// <summary>
/// The live progress of a run on an out-of-process target (virtual or device): one bar per applicable scenario, moved
/// by the run's progress callback, then PASS or FAIL.
/// </summary>
internal static class TargetProgress
{
    public static (IReadOnlyList<ScenarioResult> Results, IReadOnlyList<NotApplicableScenario> NotApplicable) Run(
        IReadOnlyList<Scenario> scenarios, Func<Scenario, bool> applicable,
        Func<Action<Scenario, double>, Task<(IReadOnlyList<ScenarioResult>, IReadOnlyList<NotApplicableScenario>)>> run)
    {
        (IReadOnlyList<ScenarioResult>, IReadOnlyList<NotApplicableScenario>) outcome = ([], []);
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>(StringComparer.Ordinal);
                foreach (var s in scenarios.Where(applicable))
                {
                    tasks[s.Name] = context.AddTask(Markup.Escape(s.Name), maxValue: s.DurationSeconds);
                }

                outcome = run((scenario, seconds) => tasks[scenario.Name].Value = seconds).GetAwaiter().GetResult();
                foreach (var result in outcome.Item1)
                {
                    var task = tasks[result.Scenario.Name];
                    task.Value = task.MaxValue;
                    task.Description = (result.Passed ? "[green]PASS[/] " : "[red]FAIL[/] ") + Markup.Escape(result.Scenario.Name);
                }
            });
        return outcome;
    }
}
