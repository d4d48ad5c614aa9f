using Cooling.Hil.Reports;
using Cooling.Hil.Requirements;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Tests.Support;

namespace Cooling.Hil.Tests.Suite;

/// <summary>
/// The requirement gate over docs/requirements.md: every scenario and test a "verified by" cell names exists and
/// verifies the requirement, and every requirement is verified or marked not verifiable (then a gap in the reports).
/// </summary>
public sealed class RequirementCoverageTests
{
    private static readonly IReadOnlyList<Requirement> Requirements = RequirementCatalog.Read(Repository.RequirementsMarkdown);
    private static readonly IReadOnlyList<Scenario> Library = ScenarioLoader.LoadFolder(Repository.Scenarios);
    private static readonly Lazy<IReadOnlySet<string>> Tests = new(() => TestMethodCatalog.Read(TestMethodCatalog.SolutionTestAssemblies(Repository.Root)));

    [Fact]
    public void Every_requirement_names_only_existing_scenarios_and_tests_and_is_verified_or_marked_not_verifiable()
    {
        var problems = RequirementGate.Check(Requirements, Library, Tests.Value);

        Assert.NotEmpty(Requirements);
        Assert.True(problems.Count == 0, "docs/requirements.md:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_test_catalog_finds_facts_and_theories_of_every_test_assembly_by_reflection()
    {
        Assert.Contains(Tests.Value, t => t.StartsWith("Cdu.Firmware.Tests.", StringComparison.Ordinal));
        Assert.Contains(Tests.Value, t => t.StartsWith("Cooling.Supervisor.Tests.", StringComparison.Ordinal));
        Assert.Contains("Cooling.Hil.Tests.Suite.RequirementCoverageTests.The_gate_fails_when_a_named_test_is_renamed", Tests.Value); // a [Fact]
        Assert.Contains("Cooling.Hil.Tests.Suite.CertificationSuiteTests.Scenario_meets_every_criterion_on_SIL", Tests.Value); // a [Theory]
        Assert.DoesNotContain(Tests.Value, t => t.EndsWith(".SolutionTestAssemblies", StringComparison.Ordinal)); // not a test
    }

    [Fact]
    public void The_gate_fails_when_a_named_test_is_renamed()
    {
        var requirements = Table(
            "| CTL-1 | criterion | why | `supply-steady-low-load`; `ControlRequirementTests.CTL_1_supply_temperature_stays_within_half_a_kelvin_of_its_setpoint_in_steady_state` |",
            "| CTL-4 | criterion | why | `ControlRequirementTests.CTL_4_no_actuator_moves_faster_than_its_slew_limit_renamed` |");

        var problems = RequirementGate.Check(requirements, Library, Tests.Value);

        var problem = Assert.Single(problems);
        Assert.Contains("CTL-4", problem, StringComparison.Ordinal);
        Assert.Contains("ControlRequirementTests.CTL_4_no_actuator_moves_faster_than_its_slew_limit_renamed", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_fails_on_a_missing_scenario_a_scenario_for_another_requirement_an_unreadable_name_and_a_row_naming_nothing()
    {
        var requirements = Table(
            "| CTL-1 | criterion | why | `supply-steady-nowhere` (0.1 K) |",
            "| CTL-3 | criterion | why | `pump-rotation` |",
            "| CTL-4 | criterion | why | `CTL_4_…` |",
            "| CTL-5 | criterion | why | a PID unit test |");

        var problems = RequirementGate.Check(requirements, Library, Tests.Value);

        Assert.Equal(5, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("CTL-4: names no scenario and no test", StringComparison.Ordinal)); // an unreadable name verifies nothing
        Assert.Contains(problems, p => p.StartsWith("CTL-1: scenario supply-steady-nowhere is not in", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CTL-3: scenario pump-rotation has no criterion for CTL-3", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CTL-4: `CTL_4_…` is neither", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CTL-5: names no scenario and no test", StringComparison.Ordinal));
    }

    [Fact]
    public void A_requirement_marked_not_verifiable_passes_the_gate_and_is_a_gap_in_the_report_even_beside_evidence()
    {
        var requirements = Table(
            "| FW-1 | criterion | why | not verifiable: no update path yet |",
            "| CTL-1 | criterion | why | not verifiable: a row that contradicts its scenarios |");

        var problems = RequirementGate.Check(requirements, Library, Tests.Value);

        Assert.DoesNotContain(problems, p => p.StartsWith("FW-1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("CTL-1: marked not verifiable but scenario", StringComparison.Ordinal));
        Assert.Equal(RequirementStatus.Gap, SuiteReport.Status(requirements[0], []));
        Assert.Equal("no update path yet", requirements[0].Verification.Reason);
        Assert.Equal(RequirementStatus.Gap, SuiteReport.Status(new Requirement("OPS-9", "c", "named nothing"), []));
        Assert.Equal(RequirementStatus.NotInThisRun, SuiteReport.Status(new Requirement("OPS-9", "c", "`AlarmLifecycleTests.X`"), []));
    }

    [Fact]
    public void Every_requirement_a_scenario_names_is_in_the_requirement_list_with_a_criterion()
    {
        var ids = Requirements.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        Assert.All(Library.SelectMany(s => s.Requirements.Select(id => (s.Name, id))), x => Assert.True(ids.Contains(x.id), $"{x.Name} names {x.id}"));
        Assert.All(Requirements, r => Assert.False(string.IsNullOrWhiteSpace(r.Criterion), r.Id));
        Assert.Equal(Requirements.Count, ids.Count);
    }

    private static IReadOnlyList<Requirement> Table(params string[] rows)
    {
        using var folder = new TempFolder();
        var file = folder.File("requirements.md");
        File.WriteAllLines(file, ["| ID | criterion | rationale, source | verified by (measured) |", "|---|---|---|---|", .. rows]);
        return RequirementCatalog.Read(file);
    }
}
