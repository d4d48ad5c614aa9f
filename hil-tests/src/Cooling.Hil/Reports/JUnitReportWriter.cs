using System.Globalization;
using System.Xml.Linq;

namespace Cooling.Hil.Reports;

/// <summary>
/// JUnit XML (schema: Reports/junit.xsd): one testsuite per scenario, one testcase per criterion named with its
/// requirement ID ("CTL-2 supplyTemperatureSettlingSeconds ≤ 180"), a scenario the target could not run as skipped
/// testcases carrying the reason, and a "golden" testsuite with one failing
/// testcase per KPI that moved beyond its tolerance.
/// </summary>
public static class JUnitReportWriter
{
    public static XDocument Create(SuiteReport report)
    {
        var suites = new List<XElement>();
        foreach (var result in report.Results)
        {
            var cases = result.Verdicts.Select(v =>
            {
                var name = $"{v.Criterion.Requirement} {v.Criterion.Kpi} {v.Limits}";
                var testcase = new XElement("testcase",
                    new XAttribute("name", name),
                    new XAttribute("classname", $"cooling-hil.{result.Target}.{result.Scenario.Name}"),
                    new XAttribute("time", Seconds(result.WallTime.TotalSeconds / Math.Max(1, result.Verdicts.Count))));
                if (!v.Passed)
                {
                    testcase.Add(new XElement("failure",
                        new XAttribute("message", $"{v.Criterion.Requirement}: {v.Criterion.Kpi} = {Runs.Verdict.Format(v.Value)}, required {v.Limits} (from {v.Criterion.FromSeconds} s)"),
                        new XAttribute("type", "RequirementNotMet"),
                        v.Criterion.Text));
                }

                return testcase;
            }).ToList();
            suites.Add(new XElement("testsuite",
                new XAttribute("name", $"{result.Scenario.Name}"),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", result.Verdicts.Count(v => !v.Passed)),
                new XAttribute("errors", 0),
                new XAttribute("skipped", 0),
                new XAttribute("time", Seconds(result.WallTime.TotalSeconds)),
                new XAttribute("timestamp", report.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("properties",
                    Property("target", result.Target),
                    Property("seed", result.Seed.ToString(CultureInfo.InvariantCulture)),
                    Property("planner", result.Primary.Planner),
                    Property("requirements", string.Join(",", result.Scenario.Requirements)),
                    Property("engineer", report.Engineer),
                    Property("commit", report.Build.GitCommit)),
                cases));
        }

        foreach (var na in report.NotApplicable)
        {
            var skipped = na.Scenario.Criteria.Select(c => new XElement("testcase",
                new XAttribute("name", $"{c.Requirement} {c.Kpi} {new Runs.Verdict(c, double.NaN).Limits}"),
                new XAttribute("classname", $"cooling-hil.{na.Target}.{na.Scenario.Name}"),
                new XAttribute("time", "0"),
                new XElement("skipped", new XAttribute("message", na.Message)))).ToList();
            suites.Add(new XElement("testsuite",
                new XAttribute("name", na.Scenario.Name),
                new XAttribute("tests", skipped.Count),
                new XAttribute("failures", 0),
                new XAttribute("errors", 0),
                new XAttribute("skipped", skipped.Count),
                new XAttribute("time", "0"),
                new XAttribute("timestamp", report.CreatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
                new XElement("properties",
                    Property("target", na.Target),
                    Property("requirements", string.Join(",", na.Scenario.Requirements)),
                    Property("notApplicable", na.Message)),
                skipped));
        }

        var golden = report.GoldenDeviations.Select(d => new XElement("testcase",
            new XAttribute("name", d.TestName),
            new XAttribute("classname", "cooling-hil.golden"),
            new XAttribute("time", "0"),
            new XElement("failure", new XAttribute("message", d.ToString()), new XAttribute("type", "GoldenRegression")))).ToList();
        suites.Add(new XElement("testsuite",
            new XAttribute("name", "golden"),
            new XAttribute("tests", golden.Count),
            new XAttribute("failures", golden.Count),
            golden));

        return new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement("testsuites",
            new XAttribute("name", "cooling-hil"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", report.CriteriaFailed + report.GoldenDeviations.Count),
            new XAttribute("errors", 0),
            new XAttribute("time", Seconds(report.Results.Sum(r => r.WallTime.TotalSeconds))),
            suites));
    }

    /// <summary>The schema (embedded in the assembly).</summary>
    public static Stream OpenSchema() =>
        typeof(JUnitReportWriter).Assembly.GetManifestResourceStream("Cooling.Hil.Reports.junit.xsd")
        ?? throw new InvalidOperationException("junit.xsd is not embedded");

    private static XElement Property(string name, string value) => new("property", new XAttribute("name", name), new XAttribute("value", value));

    private static string Seconds(double seconds) => seconds.ToString("F3", CultureInfo.InvariantCulture);
}
