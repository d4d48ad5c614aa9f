using Cooling.Hil.Golden;
using Cooling.Hil.Requirements;
using Cooling.Hil.Runs;

namespace Cooling.Hil.Reports;

/// <summary>Everything a report shows: the results, the golden comparison, the requirements, and who ran what on which build.</summary>
public sealed record SuiteReport(
    IReadOnlyList<ScenarioResult> Results,
    IReadOnlyList<GoldenDeviation> GoldenDeviations,
    IReadOnlyList<Requirement> Requirements,
    BuildInfo Build,
    string Engineer,
    string Target,
    DateTimeOffset CreatedAt)
{
    /// <summary>Scenarios the target could not run, with the reasons (shown as not applicable, never as passed).</summary>
    public IReadOnlyList<NotApplicableScenario> NotApplicable { get; init; } = [];

    public bool Passed => Results.All(r => r.Passed) && GoldenDeviations.Count == 0;

    public int CriteriaFailed => Results.Sum(r => r.Verdicts.Count(v => !v.Passed));

    /// <summary>Requirement → (scenario, verdict) for every criterion that names it.</summary>
    public IEnumerable<(Requirement Requirement, IReadOnlyList<(ScenarioResult Result, Verdict Verdict)> Evidence)> TraceMatrix()
    {
        var known = Requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var all = Requirements.Concat(Results.SelectMany(r => r.Scenario.Requirements).Where(id => !known.Contains(id)).Distinct()
            .Select(id => new Requirement(id, "(not in docs/requirements.md)", "")));
        foreach (var requirement in all)
        {
            var evidence = Results.SelectMany(r => r.Verdicts.Where(v => v.Criterion.Requirement == requirement.Id).Select(v => (r, v))).ToList();
            yield return (requirement, evidence);
        }
    }
}
