namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// Waits between retries: the first, then doubled after every further failure up to the maximum; a server's
/// Retry-After replaces the computed wait (up to its own cap). Reset after a success.
/// </summary>
public sealed class ExponentialBackoff(TimeSpan initial, TimeSpan maximum, TimeSpan maximumRetryAfter)
{
    private readonly TimeSpan _initial = initial;
    private TimeSpan _next = initial;

    /// <summary>Failures in a row since the last success.</summary>
    public int Failures { get; private set; }

    /// <summary>The wait before the next attempt; <paramref name="retryAfter"/> (from the server) wins when given.</summary>
    public TimeSpan NextDelay(TimeSpan? retryAfter)
    {
        Failures++;
        var computed = _next;
        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, maximum.Ticks));
        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > maximumRetryAfter ? maximumRetryAfter : asked;
        }

        return computed;
    }

    public void Reset()
    {
        Failures = 0;
        _next = _initial;
    }
}
