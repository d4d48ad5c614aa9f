using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cooling.Hil.Reports;

/// <summary>The machine-readable summary: verdicts, every planner's KPIs, golden regressions and the trace matrix.</summary>
public static class JsonSummaryWriter
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Create(SuiteReport report) => JsonSerializer.Serialize(new
    {
        report.Engineer,
        report.Target,
        CreatedAt = report.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        Build = new { report.Build.GitCommit, report.Build.AssemblyVersion },
        report.Passed,
        ScenariosPassed = report.Results.Count(r => r.Passed),
        ScenariosFailed = report.Results.Count(r => !r.Passed),
        report.CriteriaFailed,
        Scenarios = report.Results.Select(r => new
        {
            r.Scenario.Name,
            r.Scenario.Source,
            r.Passed,
            r.Seed,
            WallSeconds = Math.Round(r.WallTime.TotalSeconds, 3),
            r.Scenario.Requirements,
            Verdicts = r.Verdicts.Select(v => new
            {
                v.Criterion.Requirement, v.Criterion.Kpi, v.Criterion.FromSeconds, v.Criterion.UntilSeconds,
                v.Criterion.Minimum, v.Criterion.Maximum, v.Value, v.Passed, v.Criterion.Text,
            }),
            Runs = r.Runs.Select(run => new { run.Planner, Kpis = run.Kpis.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary() }),
        }),
        NotApplicable = report.NotApplicable.Select(n => new { n.Scenario.Name, n.Scenario.Source, n.Scenario.Requirements, n.Reasons }),
        GoldenRegressions = report.GoldenDeviations.Select(d => new { Name = d.TestName, d.Golden, d.Current, d.Tolerance }),
        TraceMatrix = report.TraceMatrix().Select(t => new
        {
            t.Requirement.Id,
            Status = SuiteReport.Status(t.Requirement, t.Evidence).ToString(),
            Covered = SuiteReport.Status(t.Requirement, t.Evidence) is RequirementStatus.Passed or RequirementStatus.Failed,
            Passed = SuiteReport.Status(t.Requirement, t.Evidence) == RequirementStatus.Passed,
            Gap = SuiteReport.Status(t.Requirement, t.Evidence) == RequirementStatus.Gap,
            NotVerifiable = t.Requirement.Verification.NotVerifiable ? t.Requirement.Verification.Reason : null,
            Scenarios = t.Evidence.Select(e => e.Result.Scenario.Name).Distinct(),
            VerifiedBy = t.Evidence.Count == 0 ? t.Requirement.VerifiedBy : null,
        }),
    }, Options);
}
