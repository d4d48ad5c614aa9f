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

    /// <summary>
    /// How a row of the trace matrix stands: a requirement marked not verifiable, or whose row names nothing that
    /// verifies it and that no scenario of the run covers, is a gap — never covered, whatever else is in the run.
    /// </summary>
    public static RequirementStatus Status(Requirement requirement, IReadOnlyList<(ScenarioResult Result, Verdict Verdict)> evidence)
    {
        if (requirement.Verification.NotVerifiable) return RequirementStatus.Gap;
        if (evidence.Count > 0) return evidence.All(e => e.Verdict.Passed) ? RequirementStatus.Passed : RequirementStatus.Failed;
        return requirement.IsGap ? RequirementStatus.Gap : RequirementStatus.NotInThisRun;
    }
}

/// <summary>A requirement's row in a report.</summary>
public enum RequirementStatus
{
    /// <summary>Every criterion of the run's scenarios for it passed.</summary>
    Passed,

    /// <summary>A criterion of the run's scenarios for it failed.</summary>
    Failed,

    /// <summary>No scenario of this run covers it; the tests or scenarios its row names verify it elsewhere.</summary>
    NotInThisRun,

    /// <summary>Not verifiable, or nothing verifies it: listed as a gap.</summary>
    Gap,
}
