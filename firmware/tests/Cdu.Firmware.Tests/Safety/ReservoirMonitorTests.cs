using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class ReservoirMonitorTests
{
    private const double Low = 30;
    private const double LowLow = 10;
    private const long Delay = 500;

    private readonly ReservoirMonitor _monitor = new();

    private void Update(double level, long now) => _monitor.Update(level, Low, LowLow, Delay, now);

    [Fact]
    public void A_full_reservoir_is_neither_low_nor_latched()
    {
        Update(80, 0);

        Assert.False(_monitor.Low);
        Assert.False(_monitor.LowLowLatched);
        Assert.Equal(80, _monitor.LevelPercent);
    }

    [Fact]
    public void Below_the_low_level_it_warns_at_once_and_exactly_at_it_does_not()
    {
        Update(Low, 0);
        Assert.False(_monitor.Low);

        Update(Low - 0.001, 100);
        Assert.True(_monitor.Low);
        Assert.False(_monitor.LowLowLatched);
    }

    [Fact]
    public void Below_the_low_low_level_the_latch_sets_exactly_after_the_reaction_delay()
    {
        Update(LowLow - 0.001, 10_000);
        Update(LowLow - 0.001, 10_499);
        Assert.False(_monitor.LowLowLatched);

        Update(LowLow - 0.001, 10_500);
        Assert.True(_monitor.LowLowLatched);
        Assert.True(_monitor.Low);
    }

    [Fact]
    public void Exactly_at_the_low_low_level_the_pumps_keep_running()
    {
        Update(LowLow, 0);
        Update(LowLow, 5_000);

        Assert.False(_monitor.LowLowLatched);
        Assert.True(_monitor.Low);
    }

    [Fact]
    public void A_dip_shorter_than_the_reaction_delay_restarts_the_delay()
    {
        Update(5, 0);
        Update(5, 400);
        Update(20, 450);
        Update(5, 500);
        Update(5, 999);
        Assert.False(_monitor.LowLowLatched);

        Update(5, 1_000);
        Assert.True(_monitor.LowLowLatched);
    }

    [Fact]
    public void A_level_that_is_not_a_number_counts_as_empty()
    {
        Update(double.NaN, 0);
        Update(double.NaN, 500);

        Assert.Equal(0, _monitor.LevelPercent);
        Assert.True(_monitor.Low);
        Assert.True(_monitor.LowLowLatched);
    }

    [Fact]
    public void The_latch_holds_after_refilling_until_an_operator_resets_it_above_the_low_level()
    {
        Update(5, 0);
        Update(5, 500);
        Update(20, 600); // refilled above low-low but still below low
        Assert.True(_monitor.LowLowLatched);
        Assert.False(_monitor.Reset(Low));
        Assert.True(_monitor.LowLowLatched);

        Update(Low, 700); // exactly the low level is enough
        Assert.True(_monitor.LowLowLatched);
        Assert.True(_monitor.Reset(Low));
        Assert.False(_monitor.LowLowLatched);
    }

    [Fact]
    public void A_reset_without_a_latch_reports_success()
    {
        Update(50, 0);

        Assert.True(_monitor.Reset(Low));
    }
}
