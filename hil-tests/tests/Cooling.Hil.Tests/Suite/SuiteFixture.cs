using System.Diagnostics;
using Cooling.Hil.Golden;
using Cooling.Hil.Reports;
using Cooling.Hil.Requirements;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;

namespace Cooling.Hil.Tests.Suite;

/// <summary>
/// The whole certification suite on SIL, run once (scenarios in parallel, each with its baseline planners) and
/// written as a report, for every test of the "certification suite" collection.
/// </summary>
public sealed class SuiteFixture : IDisposable
{
    private readonly TempFolder _folder = new();

    public SuiteFixture()
    {
        Scenarios = ScenarioLoader.LoadFolder(Repository.Scenarios);
        var watch = Stopwatch.StartNew();
        Results = SilRunner.RunAll(Scenarios);
        WallTime = watch.Elapsed;
        Report = new SuiteReport(Results, [.. Results.SelectMany(GoldenStore.Compare)], RequirementCatalog.Read(Repository.RequirementsMarkdown),
            BuildInfo.Current(Repository.Root), "certification suite test", SilRunner.Target, DateTimeOffset.UtcNow);
        ReportFolder = _folder.Path;
        ReportSet.Write(Report, ReportFolder);
    }

    public IReadOnlyList<Scenario> Scenarios { get; }

    public IReadOnlyList<ScenarioResult> Results { get; }

    public SuiteReport Report { get; }

    public string ReportFolder { get; }

    public TimeSpan WallTime { get; }

    public ScenarioResult Result(string name) => Results.Single(r => r.Scenario.Name == name);

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CertificationSuite : ICollectionFixture<SuiteFixture>
{
    public const string Name = "certification suite";
}
