namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Waits between connection attempts: 0.5 s doubling to 10 s, back to 0.5 s after a connection succeeds.
/// </summary>
public sealed class ReconnectBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    /// <summary>The wait before the next attempt.</summary>
    public TimeSpan Next { get; private set; } = First;

    /// <summary>An attempt failed: returns the wait before the next one and doubles it (up to <see cref="Longest"/>).</summary>
    public TimeSpan Failed()
    {
        var wait = Next;
        Next = TimeSpan.FromTicks(Math.Min(Next.Ticks * 2, Longest.Ticks));
        return wait;
    }

    public void Succeeded() => Next = First;
}
