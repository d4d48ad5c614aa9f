using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Cooling.Hil.Device;
using Cooling.Hil.Golden;
using Cooling.Hil.Reports;
using Cooling.Hil.Requirements;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Virtual;
using Spectre.Console;

namespace Cooling.Hil.Cli;

/// <summary>What <c>cooling-hil run</c> was asked to do.</summary>
public sealed record RunRequest(string[] Paths, string[] Tags, string Target, int? Seed, string Engineer, string ReportFolder,
    bool Baselines, bool Golden, int Parallelism, string? BrokerUrl = null, string? CduHostPath = null, double? TimeScale = null,
    string? SiteId = null, string? CduId = null, double? AttachTimeoutSeconds = null);

/// <summary>The command-line verbs; each returns the process exit code (0 fine, 1 a requirement or KPI failed, 2 bad input).</summary>
public static class Commands
{
    public const int Passed = 0;
    public const int Failed = 1;
    public const int Invalid = 2;

    public static int List(string[] paths, string[] tags) => Guarded(() =>
    {
        var table = new Table().AddColumns("scenario", "requirements", "plant time", "planner", "tags");
        foreach (var s in ScenarioSelection.Load(paths, tags))
        {
            table.AddRow(Markup.Escape(s.Name), string.Join(", ", s.Requirements), FormatTime(s.DurationSeconds),
                s.Supervisor?.Planner ?? "none", Markup.Escape(string.Join(", ", s.Tags)));
        }

        AnsiConsole.Write(table);
        return Passed;
    });

    public static int Validate(string[] paths) => Guarded(() =>
    {
        var scenarios = ScenarioSelection.Load(paths, []);
        AnsiConsole.MarkupLine($"[green]{scenarios.Count} scenario(s) valid.[/]");
        return Passed;
    });

    public static int Run(RunRequest request, CancellationToken cancellationToken) => Guarded(() =>
    {
        var scenarios = ScenarioSelection.Load(request.Paths, request.Tags);
        if (scenarios.Count == 0)
        {
            AnsiConsole.MarkupLine("[red]No scenario matches.[/]");
            return Invalid;
        }

        IReadOnlyList<ScenarioResult> results;
        IReadOnlyList<NotApplicableScenario> notApplicable = [];
        var golden = request.Golden;
        if (request.Target is VirtualTarget.Name or DeviceTarget.Name)
        {
            var outcome = request.Target == DeviceTarget.Name ? DeviceCommand.Run(scenarios, request, cancellationToken) : VirtualCommand.Run(scenarios, request, cancellationToken);
            if (outcome is null) return Invalid;
            (results, notApplicable) = outcome.Value;

            // The golden results are SIL's. A virtual run is judged by its verdicts: in lockstep its KPIs agree with SIL's
            // closely but not always within SIL's tolerances (a planner sees contract-rounded telemetry there), and a
            // free-running one depends on the machine's timing (docs/certification-guide.md).
            if (golden) AnsiConsole.MarkupLine($"Golden results are SIL's: the {request.Target} target is judged by its verdicts.");
            golden = false;
        }
        else
        {
            results = RunWithProgress(scenarios, new RunOptions { Seed = request.Seed, Baselines = request.Baselines }, request.Parallelism, cancellationToken);
        }

        var deviations = golden ? results.SelectMany(GoldenStore.Compare).ToList() : [];
        var requirementsFile = RequirementCatalog.Find(Path.GetDirectoryName(scenarios[0].Source)!);
        var report = new SuiteReport(results, deviations, requirementsFile is null ? [] : RequirementCatalog.Read(requirementsFile),
            BuildInfo.Current(Path.GetDirectoryName(scenarios[0].Source)!), request.Engineer, request.Target, DateTimeOffset.UtcNow)
        {
            NotApplicable = notApplicable,
        };
        PrintResults(report);
        var files = ReportSet.Write(report, request.ReportFolder);
        AnsiConsole.MarkupLine($"Reports: {Markup.Escape(string.Join(", ", files))}");
        return report.Passed ? Passed : Failed;
    });

    public static int UpdateGolden(string[] paths, string[] tags, int? seed, CancellationToken cancellationToken) => Guarded(() =>
    {
        var scenarios = ScenarioSelection.Load(paths, tags);
        var results = RunWithProgress(scenarios, new RunOptions { Seed = seed }, 0, cancellationToken);
        foreach (var result in results)
        {
            var before = GoldenStore.Compare(result).Count;
            var path = GoldenStore.Update(result);
            AnsiConsole.MarkupLine($"{Markup.Escape(path)}: {(before == 0 ? "unchanged within tolerance" : $"[yellow]{before} KPI(s) updated[/]")}");
        }

        return Passed;
    });

    public static int Verify(string folder) => Guarded(() =>
    {
        var problems = ReportSet.Verify(folder);
        foreach (var problem in problems) AnsiConsole.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
        if (problems.Count == 0) AnsiConsole.MarkupLine("[green]Every artifact and scenario file matches the manifest.[/]");
        return problems.Count == 0 ? Passed : Failed;
    });

    public static int Show(string folder) => Guarded(() =>
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ReportSet.SummaryFile)));
        var root = summary.RootElement;
        AnsiConsole.MarkupLine($"{Markup.Escape(root.GetProperty("target").GetString()!)} run by {Markup.Escape(root.GetProperty("engineer").GetString()!)}, commit {Markup.Escape(root.GetProperty("build").GetProperty("gitCommit").GetString()!)}");
        var table = new Table().AddColumns("requirement", "covered", "result", "scenarios / verified by");
        foreach (var row in root.GetProperty("traceMatrix").EnumerateArray())
        {
            var covered = row.GetProperty("covered").GetBoolean();
            var gap = row.TryGetProperty("gap", out var g) && g.GetBoolean();
            var detail = row.TryGetProperty("notVerifiable", out var reason) && reason.ValueKind == JsonValueKind.String ? "not verifiable: " + reason.GetString()
                : covered ? string.Join(", ", row.GetProperty("scenarios").EnumerateArray().Select(s => s.GetString()))
                : row.TryGetProperty("verifiedBy", out var by) ? by.GetString() : "";
            table.AddRow(row.GetProperty("id").GetString()!, gap ? "[red]gap[/]" : covered ? "yes" : "[yellow]no[/]",
                !covered ? "–" : row.GetProperty("passed").GetBoolean() ? "[green]PASS[/]" : "[red]FAIL[/]", Markup.Escape(detail ?? ""));
        }

        AnsiConsole.Write(table);
        return root.GetProperty("passed").GetBoolean() ? Passed : Failed;
    });

    private static IReadOnlyList<ScenarioResult> RunWithProgress(IReadOnlyList<Scenario> scenarios, RunOptions options, int parallelism, CancellationToken cancellationToken)
    {
        IReadOnlyList<ScenarioResult> results = [];
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new ConcurrentDictionary<string, ProgressTask>(StringComparer.Ordinal);
                foreach (var s in scenarios) tasks[s.Name] = context.AddTask(Markup.Escape(s.Name), maxValue: s.DurationSeconds);
                var withProgress = options with
                {
                    Progress = (scenario, seconds) => tasks[scenario.Name].Value = seconds,
                };
                results = SilRunner.RunAll(scenarios, withProgress, parallelism, cancellationToken);
                foreach (var result in results)
                {
                    var task = tasks[result.Scenario.Name];
                    task.Value = task.MaxValue;
                    task.Description = (result.Passed ? "[green]PASS[/] " : "[red]FAIL[/] ") + Markup.Escape(result.Scenario.Name);
                }
            });
        return results;
    }

    private static void PrintResults(SuiteReport report)
    {
        var table = new Table().AddColumns("scenario", "requirement", "KPI", "required", "measured", "");
        foreach (var result in report.Results)
        {
            foreach (var v in result.Verdicts)
            {
                table.AddRow(Markup.Escape(result.Scenario.Name), v.Criterion.Requirement, v.Criterion.Kpi, Markup.Escape(v.Limits),
                    Verdict.Format(v.Value), v.Passed ? "[green]pass[/]" : "[red]FAIL[/]");
            }
        }

        AnsiConsole.Write(table);
        foreach (var deviation in report.GoldenDeviations) AnsiConsole.MarkupLine($"[red]REGRESSION[/] {Markup.Escape(deviation.ToString())}");
        foreach (var na in report.NotApplicable) AnsiConsole.MarkupLine($"[yellow]NOT APPLICABLE[/] {Markup.Escape(na.Scenario.Name)}: {Markup.Escape(na.Message)}");
        var plantSeconds = report.Results.Sum(r => r.Scenario.DurationSeconds * r.Runs.Count);
        AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{(report.Passed ? "[green]PASSED[/]" : "[red]FAILED[/]")}: {report.Results.Count(r => r.Passed)}/{report.Results.Count} scenarios, {report.CriteriaFailed} criteria failed, {report.GoldenDeviations.Count} golden regressions, {report.NotApplicable.Count} not applicable on {report.Target}; {FormatTime(plantSeconds)} of plant time."));
    }

    private static string FormatTime(double seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.##} h")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min");

    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (ScenarioException ex)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            Console.Error.WriteLine(ex.Message);
            return Invalid;
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return Invalid;
        }
        catch (JsonException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return Invalid;
        }
    }
}
