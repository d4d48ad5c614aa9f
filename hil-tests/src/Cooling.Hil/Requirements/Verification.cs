using System.Text.RegularExpressions;

namespace Cooling.Hil.Requirements;

/// <summary>
/// The "verified by" cell of a requirement row in docs/requirements.md. Syntax:
/// <list type="bullet">
/// <item>A cell that starts with <c>not verifiable:</c> marks a requirement nothing can verify yet; the rest is the
/// reason. Such a row names no scenario and no test, and every report lists it as a gap.</item>
/// <item>Otherwise every name in backticks is a reference: a lower-case, hyphenated name (<c>`load-step-30-100`</c>)
/// is a scenario of hil-tests/scenarios; a dotted name (<c>`ControlRequirementTests.CTL_1_…`</c>, optionally with its
/// namespace: <c>`Cooling.Hall.Tests.BrokerOutageTests.COM_2_…`</c>) is a test method, Class.Method, written out
/// in full. Anything else in backticks is an error (<see cref="Unreadable"/>); text outside backticks (measured
/// figures, remarks) is free.</item>
/// </list>
/// </summary>
public sealed partial class Verification
{
    public const string NotVerifiableMarker = "not verifiable:";

    private Verification(bool notVerifiable, string reason, IReadOnlyList<string> scenarios, IReadOnlyList<string> tests, IReadOnlyList<string> unreadable)
    {
        NotVerifiable = notVerifiable;
        Reason = reason;
        Scenarios = scenarios;
        Tests = tests;
        Unreadable = unreadable;
    }

    /// <summary>The row is marked "not verifiable:".</summary>
    public bool NotVerifiable { get; }

    /// <summary>Why it is not verifiable ("" otherwise).</summary>
    public string Reason { get; }

    /// <summary>Scenario names, in the order written, each once.</summary>
    public IReadOnlyList<string> Scenarios { get; }

    /// <summary>Test methods as written: Class.Method or Namespace.Class.Method, each once.</summary>
    public IReadOnlyList<string> Tests { get; }

    /// <summary>Names in backticks that are neither a scenario name nor Class.Method.</summary>
    public IReadOnlyList<string> Unreadable { get; }

    public static Verification Parse(string cell)
    {
        var text = cell.Trim();
        var notVerifiable = text.StartsWith(NotVerifiableMarker, StringComparison.Ordinal);
        var scenarios = new List<string>();
        var tests = new List<string>();
        var unreadable = new List<string>();
        foreach (Match match in Quoted().Matches(text))
        {
            var name = match.Groups[1].Value;
            var list = ScenarioName().IsMatch(name) ? scenarios : TestName().IsMatch(name) ? tests : unreadable;
            if (!list.Contains(name, StringComparer.Ordinal)) list.Add(name);
        }

        return new Verification(notVerifiable, notVerifiable ? text[NotVerifiableMarker.Length..].Trim() : "", scenarios, tests, unreadable);
    }

    /// <summary>Whether <paramref name="fullName"/> (Namespace.Class.Method, nested classes joined by dots) is the test <paramref name="written"/> names.</summary>
    public static bool Names(string written, string fullName) =>
        string.Equals(written, fullName, StringComparison.Ordinal) || fullName.EndsWith("." + written, StringComparison.Ordinal);

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex ScenarioName();

    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_]*\.)+[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex TestName();
}
