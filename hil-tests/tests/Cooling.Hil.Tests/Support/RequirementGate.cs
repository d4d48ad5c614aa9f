using Cooling.Hil.Requirements;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Tests.Support;

/// <summary>
/// The requirement gate: what docs/requirements.md's "verified by" cells name must exist and verify the requirement.
/// Each problem is one line naming the requirement and what is wrong; no line: the gate passes.
/// </summary>
public static class RequirementGate
{
    /// <param name="requirements">The requirement list.</param>
    /// <param name="library">The scenarios of hil-tests/scenarios.</param>
    /// <param name="tests">Namespace.Class.Method of every test of the solution (<see cref="TestMethodCatalog"/>).</param>
    /// <param name="passedScenarios">The scenarios that passed in a run of the suite; null: scenarios were not run,
    /// a named scenario that verifies the requirement counts.</param>
    public static IReadOnlyList<string> Check(IReadOnlyList<Requirement> requirements, IReadOnlyList<Scenario> library,
        IReadOnlySet<string> tests, IReadOnlySet<string>? passedScenarios = null)
    {
        var problems = new List<string>();
        var scenarios = library.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var requirement in requirements)
        {
            var id = requirement.Id;
            var cell = requirement.Verification;
            problems.AddRange(cell.Unreadable.Select(name => $"{id}: `{name}` is neither a scenario name (lower-case-with-hyphens) nor a test (Class.Method)"));
            if (cell.NotVerifiable)
            {
                if (cell.Reason.Length == 0) problems.Add($"{id}: marked not verifiable without a reason");
                if (cell.Scenarios.Count + cell.Tests.Count > 0) problems.Add($"{id}: marked not verifiable but names {string.Join(", ", cell.Scenarios.Concat(cell.Tests))}");
                problems.AddRange(library.Where(s => s.Requirements.Contains(id)).Select(s => $"{id}: marked not verifiable but scenario {s.Name} verifies it"));
                continue;
            }

            var verifying = new List<string>();
            foreach (var name in cell.Scenarios)
            {
                if (!scenarios.TryGetValue(name, out var scenario)) problems.Add($"{id}: scenario {name} is not in hil-tests/scenarios");
                else if (!scenario.Requirements.Contains(id)) problems.Add($"{id}: scenario {name} has no criterion for {id}");
                else verifying.Add(name);
            }

            var found = cell.Tests.Where(t => tests.Any(full => Verification.Names(t, full))).ToList();
            problems.AddRange(cell.Tests.Except(found).Select(t => $"{id}: test {t} is not a [Fact] or [Theory] of the solution's test assemblies"));

            if (cell.Scenarios.Count == 0 && cell.Tests.Count == 0)
            {
                problems.Add($"{id}: names no scenario and no test, and is not marked \"{Verification.NotVerifiableMarker}\"");
            }
            else if (found.Count == 0 && verifying.Count > 0 && passedScenarios is not null && !verifying.Any(passedScenarios.Contains))
            {
                problems.Add($"{id}: none of its scenarios passed ({string.Join(", ", verifying)}) and it names no test");
            }
        }

        return problems;
    }
}
