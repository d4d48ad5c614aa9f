using Cooling.Hil.Reports;
using Cooling.Hil.Tests.Support;

namespace Cooling.Hil.Tests.Suite;

/// <summary>The requirement gate against a run of the whole suite: each requirement's scenarios passed, its gaps reported as gaps.</summary>
[Collection(CertificationSuite.Name)]
public sealed class RequirementGateSuiteTests(SuiteFixture suite)
{
    [Fact]
    public void Every_requirement_has_a_passing_scenario_or_a_named_test_or_is_marked_not_verifiable()
    {
        var passed = suite.Results.Where(r => r.Passed).Select(r => r.Scenario.Name).ToHashSet(StringComparer.Ordinal);
        var tests = TestMethodCatalog.Read(TestMethodCatalog.SolutionTestAssemblies(Repository.Root));

        var problems = RequirementGate.Check(suite.Report.Requirements, suite.Scenarios, tests, passed);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_report_lists_the_requirements_marked_not_verifiable_as_gaps_never_as_covered()
    {
        var notVerifiable = suite.Report.Requirements.Where(r => r.Verification.NotVerifiable).Select(r => r.Id).ToList();
        var html = File.ReadAllText(Path.Combine(suite.ReportFolder, ReportSet.HtmlFile));
        var json = File.ReadAllText(Path.Combine(suite.ReportFolder, ReportSet.SummaryFile));

        Assert.NotEmpty(notVerifiable);
        Assert.All(suite.Report.TraceMatrix().Where(t => notVerifiable.Contains(t.Requirement.Id)),
            t => Assert.Equal(RequirementStatus.Gap, SuiteReport.Status(t.Requirement, t.Evidence)));
        using var summary = System.Text.Json.JsonDocument.Parse(json);
        var rows = summary.RootElement.GetProperty("traceMatrix").EnumerateArray().Where(r => notVerifiable.Contains(r.GetProperty("id").GetString()!)).ToList();
        Assert.Equal(notVerifiable.Count, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.True(r.GetProperty("gap").GetBoolean());
            Assert.False(r.GetProperty("covered").GetBoolean());
            Assert.False(r.GetProperty("passed").GetBoolean());
        });
        Assert.All(notVerifiable, id => Assert.Matches($"<b>{id}</b></td><td>[^<]*</td><td><span class=\"gap\">not verifiable</span>.*?<span class=\"gap\">GAP</span>", html));
    }
}
