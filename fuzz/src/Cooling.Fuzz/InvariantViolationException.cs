namespace Cooling.Fuzz;

/// <summary>
/// A parser broke one of its invariants on a fuzzed input (accepted what its contract forbids, or two readers of the
/// same message disagree). Thrown by a harness; under AFL++ it is a crash, and the input is kept.
/// </summary>
public sealed class InvariantViolationException(string message) : Exception(message)
{
    public static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvariantViolationException(message);
        }
    }
}
