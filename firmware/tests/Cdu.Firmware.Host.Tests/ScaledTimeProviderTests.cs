using Microsoft.Extensions.Time.Testing;

namespace Cdu.Firmware.Host.Tests;

/// <summary>--time-scale: the CDU's clock runs N× as fast as the clock it wraps, timers included.</summary>
public sealed class ScaledTimeProviderTests
{
    [Fact]
    public void Timestamps_and_utc_time_advance_scale_times_as_fast_as_the_inner_clock()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scaled = new ScaledTimeProvider(wall, 10);
        var start = scaled.GetTimestamp();
        var utc = scaled.GetUtcNow();

        wall.Advance(TimeSpan.FromMilliseconds(250));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), scaled.GetElapsedTime(start));
        Assert.Equal(utc + TimeSpan.FromMilliseconds(2500), scaled.GetUtcNow());
    }

    [Fact]
    public async Task A_periodic_timer_of_100_ms_ticks_every_10_ms_of_the_inner_clock_at_scale_10()
    {
        var wall = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(wall, 10);
        var core = new TimeProviderClock(scaled);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), scaled);
        var uptimes = new List<long>();

        for (var i = 0; i < 5; i++)
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            Assert.False(tick.IsCompleted);
            wall.Advance(TimeSpan.FromMilliseconds(9));
            Assert.False(tick.IsCompleted);
            wall.Advance(TimeSpan.FromMilliseconds(1));
            Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(5)));
            uptimes.Add(core.GetUptimeMilliseconds());
        }

        Assert.Equal([100L, 200, 300, 400, 500], uptimes);
    }

    [Fact]
    public async Task Delays_and_timer_changes_are_scaled_and_infinite_stays_infinite()
    {
        var wall = new FakeTimeProvider();
        var scaled = new ScaledTimeProvider(wall, 4);
        var delay = Task.Delay(TimeSpan.FromSeconds(2), scaled);
        wall.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(delay.IsCompleted);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));

        var fired = 0;
        using var timer = scaled.CreateTimer(_ => Interlocked.Increment(ref fired), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        wall.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, fired);
        timer.Change(TimeSpan.FromSeconds(4), Timeout.InfiniteTimeSpan);
        wall.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(0, fired);
        wall.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, fired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(double.NaN)]
    public void A_scale_outside_0_to_100_is_refused(double scale) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScaledTimeProvider(TimeProvider.System, scale));
}
