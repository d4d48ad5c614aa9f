namespace Cooling.Hil.Kpis;

/// <summary>A reaction KPI measured once: the time from an injected fault or action to the reaction it must cause.</summary>
public sealed record Reaction(string Kpi, double StartSeconds, double Seconds, string What);

/// <summary>
/// Watches for the reaction to one injected fault: every cycle <see cref="Check"/> tests the condition; the first
/// time it holds the reaction time is known; past the timeout it is ∞ (the reaction never came).
/// </summary>
public sealed class ReactionWatch(string kpi, double startSeconds, string what, Func<bool> condition, double timeoutSeconds = 120)
{
    public string Kpi { get; } = kpi;

    public bool Done { get; private set; }

    /// <summary>Checks the condition at plant time <paramref name="seconds"/> (the end of a cycle); returns the reaction once it is decided.</summary>
    public Reaction? Check(double seconds)
    {
        if (Done) return null;
        if (condition())
        {
            Done = true;
            return new Reaction(Kpi, startSeconds, seconds - startSeconds, what);
        }

        if (seconds - startSeconds > timeoutSeconds)
        {
            Done = true;
            return new Reaction(Kpi, startSeconds, double.PositiveInfinity, what + " (no reaction within " + timeoutSeconds + " s)");
        }

        return null;
    }

    /// <summary>The run ended before the reaction was decided.</summary>
    public Reaction Unfinished(double seconds) =>
        new(Kpi, startSeconds, double.PositiveInfinity, $"{what} (no reaction before the run ended after {seconds - startSeconds:F1} s)");
}
