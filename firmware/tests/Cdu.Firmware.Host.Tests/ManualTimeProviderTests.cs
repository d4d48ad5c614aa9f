namespace Cdu.Firmware.Host.Tests;

/// <summary>The lockstep clock of the virtual CDU: time moves only when advanced, and timers fire in order on the way.</summary>
public sealed class ManualTimeProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Time_and_time_stamps_move_only_when_advanced()
    {
        var clock = new ManualTimeProvider(Start);
        var stamp = clock.GetTimestamp();
        Assert.Equal(Start, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMilliseconds(1500));
        Assert.Equal(Start.AddMilliseconds(1500), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMilliseconds(1500), clock.GetElapsedTime(stamp));
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void Timers_fire_in_due_order_each_seeing_its_due_time_and_periodic_ones_again()
    {
        var clock = new ManualTimeProvider(Start);
        var fired = new List<(string Name, DateTimeOffset At)>();
        using var periodic = clock.CreateTimer(_ => fired.Add(("every 100", clock.GetUtcNow())), null, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100));
        using var once = clock.CreateTimer(_ => fired.Add(("once at 150", clock.GetUtcNow())), null, TimeSpan.FromMilliseconds(150), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Empty(fired);
        clock.Advance(TimeSpan.FromMilliseconds(151));
        Assert.Equal(
            [("every 100", Start.AddMilliseconds(100)), ("once at 150", Start.AddMilliseconds(150)), ("every 100", Start.AddMilliseconds(200))],
            fired);
        Assert.Equal(Start.AddMilliseconds(250), clock.GetUtcNow());
        Assert.Equal(1, clock.PendingTimers);
    }

    [Fact]
    public void A_disposed_or_stopped_timer_never_fires_and_a_timer_due_now_fires_at_once()
    {
        var clock = new ManualTimeProvider(Start);
        var count = 0;
        var disposed = clock.CreateTimer(_ => count += 100, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        disposed.Dispose();
        using var stopped = clock.CreateTimer(_ => count += 10, null, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        using var now = clock.CreateTimer(_ => count += 1, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        Assert.Equal(1, count);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, count);
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task Delays_and_periodic_timers_on_the_clock_complete_when_it_is_advanced()
    {
        var clock = new ManualTimeProvider(Start);
        var delay = Task.Delay(TimeSpan.FromSeconds(5), clock);
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        var tick = periodic.WaitForNextTickAsync().AsTask();
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);
        Assert.True(await tick);
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
