namespace Cdu.Firmware.Host;

/// <summary>
/// A clock that runs <see cref="Scale"/> times as fast as the clock it wraps (the wall clock, in the executable):
/// timestamps and UTC time advance <see cref="Scale"/> seconds per second of the inner clock, and a timer due in
/// d fires after d / <see cref="Scale"/> of the inner clock. The core and the host take every time from their
/// <see cref="TimeProvider"/>, so a virtual CDU on this clock runs its control cycle, watchdog, leases, stale-scan
/// rule and reconnection backoff N× faster — what a rig playing the plant N× faster needs (<c>--time-scale</c>).
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    /// <summary>Largest scale accepted: a 100 ms control period still gets 1 ms of wall time.</summary>
    public const double MaximumScale = 100;

    private readonly TimeProvider _inner;
    private readonly long _originTimestamp;
    private readonly DateTimeOffset _originUtc;

    public ScaledTimeProvider(TimeProvider inner, double scale)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (!(scale > 0 && scale <= MaximumScale)) throw new ArgumentOutOfRangeException(nameof(scale), scale, $"The time scale must be above 0 and at most {MaximumScale}.");
        _inner = inner;
        Scale = scale;
        _originTimestamp = inner.GetTimestamp();
        _originUtc = inner.GetUtcNow();
    }

    /// <summary>Seconds of this clock per second of the inner clock.</summary>
    public double Scale { get; }

    public override long TimestampFrequency => _inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    public override long GetTimestamp() => _originTimestamp + (long)((_inner.GetTimestamp() - _originTimestamp) * Scale);

    public override DateTimeOffset GetUtcNow() => _originUtc + (_inner.GetUtcNow() - _originUtc) * Scale;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(_inner.CreateTimer(callback, state, Inner(dueTime), Inner(period)), this);

    /// <summary>A duration of this clock as a duration of the inner clock (infinite stays infinite; at least 1 ms when positive).</summary>
    private TimeSpan Inner(TimeSpan duration)
    {
        if (duration == Timeout.InfiniteTimeSpan || duration <= TimeSpan.Zero) return duration;
        var ticks = (long)(duration.Ticks / Scale);
        return TimeSpan.FromTicks(Math.Max(ticks, TimeSpan.TicksPerMillisecond));
    }

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Inner(dueTime), clock.Inner(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
