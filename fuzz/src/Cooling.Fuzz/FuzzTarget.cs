namespace Cooling.Fuzz;

/// <summary>
/// One parser under test. <see cref="Run"/> feeds it one input and checks its invariants: the parser rejects bad input
/// only in its documented way (a returned reason, or its own rejection exception), and what it accepts satisfies the
/// contract's bounds or reads back the same. Anything else escapes as an exception, which the fuzzer records as a crash.
/// The target's name (on the command line, and of its corpus folder fuzz/corpus/&lt;name&gt;) is its key in
/// <see cref="FuzzTargets"/>.
/// </summary>
public abstract class FuzzTarget
{
    public abstract void Run(byte[] input);
}
