namespace Cooling.Hil.Requirements;

/// <summary>
/// A requirement of docs/requirements.md: its stable ID, its criterion and its "verified by" cell (the scenarios and
/// tests it names, or why it cannot be verified; syntax in <see cref="Verification"/>).
/// </summary>
public sealed record Requirement(string Id, string Criterion, string VerifiedBy)
{
    /// <summary>The "verified by" cell read by its syntax.</summary>
    public Verification Verification => Verification.Parse(VerifiedBy);

    /// <summary>Nothing can verify it (a "not verifiable:" row) or its row names nothing that does: a gap in every report.</summary>
    public bool IsGap => Verification.NotVerifiable || (Verification.Scenarios.Count == 0 && Verification.Tests.Count == 0);
}
