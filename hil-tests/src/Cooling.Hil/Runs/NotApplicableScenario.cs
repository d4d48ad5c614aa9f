using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Runs;

/// <summary>A scenario that was not run because its target cannot give what it needs; reported with the reasons, never counted as passed.</summary>
public sealed record NotApplicableScenario(Scenario Scenario, string Target, IReadOnlyList<string> Reasons)
{
    /// <summary>"not applicable on target virtual: …".</summary>
    public string Message => $"not applicable on target {Target}: {string.Join("; ", Reasons)}";
}
