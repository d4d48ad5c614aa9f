using Cdu.Firmware.Host.Hil;

namespace Cdu.Firmware.Host.Tests;

/// <summary>--clock hil: the CDU's clock follows the plant time of the rig's scans, forward only, once its loops run.</summary>
public sealed class HilPlantClockTests
{
    [Fact]
    public async Task Each_scan_moves_the_clock_to_its_plant_time_and_the_control_timer_ticks_once_per_period()
    {
        var clock = new HilPlantClock();
        var core = new TimeProviderClock(clock.Time);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), clock.Time);

        Assert.False(clock.Follow(100));
        Assert.Equal(0, core.GetUptimeMilliseconds());
        clock.Start();

        var tick = timer.WaitForNextTickAsync().AsTask();
        Assert.True(clock.Follow(100));
        Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(100, core.GetUptimeMilliseconds());

        // The same plant time again (a scan sent twice) and an older one move nothing; a scan without a time (−1, see
        // HilCodecTests) is counted.
        Assert.False(clock.Follow(100));
        Assert.False(clock.Follow(50));
        Assert.False(clock.Follow(-1));
        Assert.False(clock.Follow(-1));
        Assert.Equal(2, clock.ScansWithoutTime);
        Assert.Equal(100, core.GetUptimeMilliseconds());

        tick = timer.WaitForNextTickAsync().AsTask();
        Assert.False(tick.IsCompleted);
        Assert.True(clock.Follow(200));
        Assert.True(await tick.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(200, clock.Milliseconds);
    }

    [Fact]
    public void The_host_refuses_the_rig_clock_without_HIL_I_O_and_beside_a_time_scale()
    {
        Assert.StartsWith("--clock:", VirtualCduRunner.Validate(new VirtualCduOptions { SiteId = "s", CduId = "c", Io = IoKind.Gpio, PinMapFile = "p.json", PlantClock = new HilPlantClock() }, out _), StringComparison.Ordinal);

        var parse = Program.CreateCommand(TimeProvider.System).Parse(["--site", "s", "--cdu", "c", "--clock", "hil", "--time-scale", "10"]);
        Assert.Contains(parse.Errors, e => e.Message.StartsWith("--clock hil and --time-scale exclude each other", StringComparison.Ordinal));
        Assert.Empty(Program.CreateCommand(TimeProvider.System).Parse(["--site", "s", "--cdu", "c", "--clock", "hil"]).Errors);
    }
}
