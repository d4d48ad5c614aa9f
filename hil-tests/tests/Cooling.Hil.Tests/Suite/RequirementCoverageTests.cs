using Cooling.Hil.Requirements;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Tests.Support;

namespace Cooling.Hil.Tests.Suite;

/// <summary>The scenario library against docs/requirements.md: every requirement covered by a scenario or marked with what verifies it.</summary>
public sealed class RequirementCoverageTests
{
    private static readonly IReadOnlyList<Requirement> Requirements = RequirementCatalog.Read(Repository.RequirementsMarkdown);
    private static readonly IReadOnlyList<Scenario> Library = ScenarioLoader.LoadFolder(Repository.Scenarios);

    [Fact]
    public void Every_requirement_has_a_scenario_or_says_what_verifies_it()
    {
        var covered = Library.SelectMany(s => s.Requirements).ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(Requirements);
        Assert.All(Requirements.Where(r => !covered.Contains(r.Id)), r =>
            Assert.True(r.VerifiedBy.Length > 10 && !r.VerifiedBy.Contains("scenario", StringComparison.OrdinalIgnoreCase),
                $"{r.Id} has no scenario and does not say what verifies it"));
    }

    [Fact]
    public void Every_requirement_a_scenario_names_is_in_the_requirement_list_with_a_criterion()
    {
        var ids = Requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(Library.SelectMany(s => s.Requirements.Select(id => (s.Name, id))), x => Assert.True(ids.Contains(x.id), $"{x.Name} names {x.id}"));
        Assert.All(Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Criterion), r.Id));
        Assert.Equal(Requirements.Count, ids.Count);
    }
}
