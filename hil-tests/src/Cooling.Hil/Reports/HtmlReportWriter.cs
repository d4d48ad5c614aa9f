using System.Globalization;
using System.Net;
using System.Text;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using RunVerdict = Cooling.Hil.Runs.Verdict;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;

namespace Cooling.Hil.Reports;

/// <summary>
/// The self-contained HTML report: who ran what on which build; the verdict; the trace matrix requirement →
/// scenario → result; per scenario its criteria, its KPIs beside the baseline planners' (with differences), the
/// golden regressions, four plots (PNG, embedded as base64) and the event log.
/// </summary>
public static class HtmlReportWriter
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2em;color:#1d2330;max-width:1100px}
        h1{font-size:1.6em} h2{margin-top:2em;border-bottom:2px solid #ccd} h3{margin-top:1.5em}
        table{border-collapse:collapse;margin:0.5em 0} td,th{border:1px solid #ccd;padding:3px 8px;text-align:left;font-size:0.9em}
        th{background:#eef} .pass{color:#17692b;font-weight:600} .fail{color:#b3141b;font-weight:700} .none{color:#8a6d00} .gap{color:#b3141b;font-weight:600}
        img{display:block;margin:0.5em 0;max-width:100%} code{background:#f3f3f8;padding:0 3px} .num{text-align:right;font-variant-numeric:tabular-nums}
        """;

    public static string Create(SuiteReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Certification report</title><style>")
            .Append(Style).Append("</style></head><body>");
        html.Append("<h1>CDU certification report — ").Append(E(report.Target.ToUpperInvariant())).Append("</h1>");
        html.Append("<table>")
            .Append(Row("verdict", Verdict(report.Passed) + $" — {report.Results.Count(r => r.Passed)} of {report.Results.Count} scenarios passed; {report.CriteriaFailed} criteria failed; {report.GoldenDeviations.Count} golden regressions"))
            .Append(Row("engineer", E(report.Engineer)))
            .Append(Row("build", $"commit <code>{E(report.Build.GitCommit)}</code>, cooling-hil {E(report.Build.AssemblyVersion)}"))
            .Append(Row("target", E(report.Target)))
            .Append(report.NotApplicable.Count == 0 ? "" : Row("not applicable", $"<span class=\"none\">{report.NotApplicable.Count} scenario(s) not applicable on this target</span> (see below)"))
            .Append(Row("created", E(report.CreatedAt.ToString("u", CultureInfo.InvariantCulture))))
            .Append("</table>");

        AppendTraceMatrix(html, report);
        AppendGolden(html, report);
        html.Append("<h2>Scenarios</h2>");
        foreach (var result in report.Results)
        {
            AppendScenario(html, result, report);
        }

        if (report.NotApplicable.Count > 0)
        {
            html.Append("<h2 id=\"not-applicable\">Not applicable on target ").Append(E(report.Target)).Append("</h2><table><tr><th>scenario</th><th>requirements</th><th>why</th></tr>");
            foreach (var na in report.NotApplicable)
            {
                html.Append("<tr><td class=\"none\">").Append(E(na.Scenario.Name)).Append("</td><td>").Append(E(string.Join(", ", na.Scenario.Requirements)))
                    .Append("</td><td>").AppendJoin("<br>", na.Reasons.Select(E)).Append("</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void AppendTraceMatrix(StringBuilder html, SuiteReport report)
    {
        html.Append("<h2 id=\"trace\">Trace matrix: requirement → scenario → result</h2><table><tr><th>requirement</th><th>criterion</th><th>scenarios and criteria</th><th>result</th></tr>");
        foreach (var (requirement, evidence) in report.TraceMatrix())
        {
            html.Append("<tr><td><b>").Append(E(requirement.Id)).Append("</b></td><td>").Append(E(requirement.Criterion)).Append("</td><td>");
            var status = SuiteReport.Status(requirement, evidence);
            if (requirement.Verification.NotVerifiable)
            {
                html.Append("<span class=\"gap\">not verifiable</span>: ").Append(E(requirement.Verification.Reason));
            }
            else if (evidence.Count == 0)
            {
                html.Append(status == RequirementStatus.Gap
                    ? "<span class=\"gap\">nothing verifies it</span>"
                    : "<span class=\"none\">no scenario in this run</span> — verified by: " + E(requirement.VerifiedBy));
            }

            if (evidence.Count > 0)
            {
                if (requirement.Verification.NotVerifiable) html.Append("<br>");
                html.AppendJoin("<br>", evidence.Select(e =>
                    $"<a href=\"#{E(e.Result.Scenario.Name)}\">{E(e.Result.Scenario.Name)}</a>: {E(e.Verdict.Criterion.Kpi)} = {E(RunVerdict.Format(e.Verdict.Value))} ({E(e.Verdict.Limits)}) {Verdict(e.Verdict.Passed)}"));
            }

            var result = status switch
            {
                RequirementStatus.Gap => "<span class=\"gap\">GAP</span>",
                RequirementStatus.NotInThisRun => "<span class=\"none\">not covered here</span>",
                _ => Verdict(status == RequirementStatus.Passed),
            };
            html.Append("</td><td>").Append(result).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendGolden(StringBuilder html, SuiteReport report)
    {
        html.Append("<h2>Regression against golden results</h2>");
        if (report.GoldenDeviations.Count == 0)
        {
            html.Append("<p class=\"pass\">Every KPI within its golden tolerance.</p>");
            return;
        }

        html.Append("<table><tr><th>KPI</th><th>golden</th><th>now</th><th>tolerance</th></tr>");
        foreach (var d in report.GoldenDeviations)
        {
            html.Append("<tr><td class=\"fail\">").Append(E(d.TestName)).Append("</td><td class=\"num\">").Append(E(RunVerdict.Format(d.Golden)))
                .Append("</td><td class=\"num\">").Append(E(RunVerdict.Format(d.Current))).Append("</td><td class=\"num\">±")
                .Append(E(d.Tolerance.ToString("G3", CultureInfo.InvariantCulture))).Append("</td></tr>");
        }

        html.Append("</table>");
    }

    private static void AppendScenario(StringBuilder html, ScenarioResult result, SuiteReport report)
    {
        var s = result.Scenario;
        html.Append("<h3 id=\"").Append(E(s.Name)).Append("\">").Append(E(s.Name)).Append(' ').Append(Verdict(result.Passed)).Append("</h3>");
        html.Append("<p>").Append(E(s.Description)).Append("</p><p>requirements ").Append(E(string.Join(", ", s.Requirements)))
            .Append(" · planner <b>").Append(E(result.Primary.Planner)).Append("</b> · seed ").Append(result.Seed)
            .Append(" · ").Append(E(FormatDuration(s.DurationSeconds))).Append(" of plant time in ")
            .Append(result.WallTime.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)).Append(" s</p>");

        html.Append("<table><tr><th>requirement</th><th>criterion</th><th>KPI</th><th>window</th><th>required</th><th>measured</th><th>result</th></tr>");
        foreach (var v in result.Verdicts)
        {
            var c = v.Criterion;
            html.Append("<tr><td>").Append(E(c.Requirement)).Append("</td><td>").Append(E(c.Text)).Append("</td><td><code>").Append(E(c.Kpi))
                .Append("</code></td><td>").Append(E($"{c.FromSeconds} … {(c.UntilSeconds is { } u ? u.ToString(CultureInfo.InvariantCulture) : "end")} s"))
                .Append("</td><td>").Append(E(v.Limits)).Append("</td><td class=\"num\">").Append(E(RunVerdict.Format(v.Value)))
                .Append("</td><td>").Append(Verdict(v.Passed)).Append("</td></tr>");
        }

        html.Append("</table>");
        AppendKpis(html, result);
        var deviations = report.GoldenDeviations.Where(d => d.Scenario == s.Name).ToList();
        if (deviations.Count > 0)
        {
            html.Append("<p class=\"fail\">Golden regressions: ").Append(E(string.Join("; ", deviations))).Append("</p>");
        }

        Image(html, "temperatures", PlotRenderer.Temperatures(result.Trace));
        Image(html, "delta pressure and flow", PlotRenderer.Hydraulics(result.Trace));
        Image(html, "actuators", PlotRenderer.Actuators(result.Trace));
        Image(html, "power", PlotRenderer.Power(result.Trace));
        if (result.Runs.Count > 1) Image(html, "power by planner", PlotRenderer.PowerByPlanner(result.Runs));
        html.Append("<details><summary>event log (").Append(result.Primary.Log.Count).Append(" entries)</summary><pre>")
            .Append(E(string.Join('\n', result.Primary.Log.Take(500)))).Append("</pre></details>");
    }

    private static void AppendKpis(StringBuilder html, ScenarioResult result)
    {
        var runs = result.Runs;
        var fixedRun = runs.FirstOrDefault(r => r.Planner == PlannerNames.Fixed);
        html.Append("<details").Append(runs.Count > 1 ? " open" : "").Append("><summary>KPIs")
            .Append(runs.Count > 1 ? " — baseline comparison" : "").Append("</summary><table><tr><th>KPI</th><th>unit</th>");
        foreach (var run in runs) html.Append("<th>").Append(E(run.Planner)).Append("</th>");
        if (fixedRun is not null && runs.Count > 1) html.Append("<th>difference against fixed</th>");
        html.Append("</tr>");
        var values = runs.Select(r => r.Kpis).ToList();
        foreach (var kpi in KpiCatalog.All.Where(k => values.Any(v => !double.IsNaN(v[k.Name]))))
        {
            html.Append("<tr><td><code>").Append(E(kpi.Name)).Append("</code></td><td>").Append(E(kpi.Unit)).Append("</td>");
            foreach (var v in values) html.Append("<td class=\"num\">").Append(E(RunVerdict.Format(v[kpi.Name]))).Append("</td>");
            if (fixedRun is not null && runs.Count > 1)
            {
                var baseline = fixedRun.Kpis[kpi.Name];
                html.Append("<td>").AppendJoin(", ", runs.Where(r => r != fixedRun).Select(r => $"{E(r.Planner)} {E(Difference(baseline, r.Kpis[kpi.Name]))}")).Append("</td>");
            }

            html.Append("</tr>");
        }

        if (fixedRun is not null && runs.Count > 1)
        {
            html.Append("<tr><td><b>cooling energy saved against fixed</b></td><td>%</td>");
            foreach (var run in runs) html.Append("<td class=\"num\"><b>").Append(E(RunVerdict.Format(SilRunner.Saving(fixedRun.Kpis, run.Kpis)))).Append("</b></td>");
            html.Append("<td></td></tr>");
        }

        html.Append("</table></details>");
    }

    private static string Difference(double baseline, double value) =>
        !double.IsFinite(baseline) || !double.IsFinite(value) ? "–"
        : (value - baseline).ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture)
          + (Math.Abs(baseline) > 1e-12 ? $" ({(value - baseline) / Math.Abs(baseline) * 100:+0.0;-0.0;0} %)" : "");

    private static void Image(StringBuilder html, string alt, byte[] png) =>
        html.Append("<img alt=\"").Append(E(alt)).Append("\" width=\"").Append(PlotRenderer.Width).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\">");

    private static string Row(string name, string valueHtml) => $"<tr><th>{E(name)}</th><td>{valueHtml}</td></tr>";

    private static string Verdict(bool passed) => passed ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>";

    private static string FormatDuration(double seconds) => seconds >= 3600
        ? string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600:0.#} h")
        : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.#} min");

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
