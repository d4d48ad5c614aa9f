namespace Cooling.Hil.Requirements;

/// <summary>A requirement of docs/requirements.md: its stable ID, its criterion and what verifies it outside the scenarios.</summary>
public sealed record Requirement(string Id, string Criterion, string VerifiedBy);
