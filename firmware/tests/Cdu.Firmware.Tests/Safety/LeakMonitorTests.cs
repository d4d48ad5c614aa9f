using Cdu.Firmware.Io;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class LeakMonitorTests
{
    private const double WarningPercent = 20;
    private const double CriticalPercent = 50;
    private const long Delay = 500;

    private readonly LeakMonitor _monitor = new();
    private readonly double[] _levels = new double[CduInputs.LeakZoneCount];

    private void Update(long now, double criticalPercent = CriticalPercent) =>
        _monitor.Update(_levels, WarningPercent, criticalPercent, Delay, now);

    [Fact]
    public void Dry_zones_raise_nothing()
    {
        for (long t = 0; t <= 5_000; t += 100)
        {
            Update(t);
        }

        for (var zone = 0; zone < CduInputs.LeakZoneCount; zone++)
        {
            Assert.False(_monitor.Warning(zone));
            Assert.False(_monitor.Critical(zone));
        }

        Assert.False(_monitor.CriticalLatched);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void A_zone_at_the_warning_level_warns_exactly_after_the_reaction_delay(int zone)
    {
        _levels[zone] = WarningPercent;
        Update(10_000);
        Update(10_499);
        Assert.False(_monitor.Warning(zone));

        Update(10_500);
        Assert.True(_monitor.Warning(zone));
        Assert.False(_monitor.Critical(zone));
        Assert.False(_monitor.CriticalLatched);
        Assert.False(_monitor.Warning(zone == 0 ? 1 : 0));
    }

    [Fact]
    public void A_zone_just_below_the_warning_level_does_not_warn()
    {
        _levels[1] = WarningPercent - 0.001;
        Update(0);
        Update(10_000);

        Assert.False(_monitor.Warning(1));
    }

    [Fact]
    public void The_warning_clears_as_soon_as_the_zone_is_dry_again_and_the_delay_restarts()
    {
        _levels[2] = 30;
        Update(0);
        Update(500);
        Assert.True(_monitor.Warning(2));

        _levels[2] = 0;
        Update(600);
        Assert.False(_monitor.Warning(2));

        _levels[2] = 30;
        Update(700);
        Update(1_199);
        Assert.False(_monitor.Warning(2));
        Update(1_200);
        Assert.True(_monitor.Warning(2));
    }

    [Fact]
    public void A_critical_level_latches_exactly_after_the_reaction_delay_and_records_when()
    {
        _levels[1] = CriticalPercent;
        Update(20_000);
        Update(20_499);
        Assert.False(_monitor.Critical(1));
        Assert.False(_monitor.CriticalLatched);

        Update(20_500);
        Assert.True(_monitor.Critical(1));
        Assert.True(_monitor.Warning(1));
        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(20_500, _monitor.CriticalSinceMilliseconds);
    }

    [Fact]
    public void A_spike_shorter_than_the_reaction_delay_is_ignored()
    {
        _levels[0] = 100;
        Update(0);
        Update(400);
        _levels[0] = 0;
        Update(500);
        _levels[0] = 100;
        Update(600);
        Update(1_000);

        Assert.False(_monitor.CriticalLatched);
    }

    [Fact]
    public void The_latch_holds_after_the_zone_dries_and_keeps_its_first_time()
    {
        _levels[0] = 80;
        Update(0);
        Update(500);
        _levels[3] = 80;
        Update(600);
        Update(1_100);
        _levels[0] = 0;
        _levels[3] = 0;
        Update(2_000);

        Assert.True(_monitor.Critical(0));
        Assert.True(_monitor.Critical(3));
        Assert.False(_monitor.Warning(0));
        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(500, _monitor.CriticalSinceMilliseconds);
    }

    [Fact]
    public void A_reading_that_is_not_a_number_counts_as_wet()
    {
        _levels[2] = double.NaN;
        Update(0);
        Update(500);

        Assert.True(_monitor.Warning(2));
        Assert.True(_monitor.Critical(2));
        Assert.False(_monitor.Reset(CriticalPercent));
    }

    [Fact]
    public void A_reset_clears_the_latch_only_once_the_zone_is_below_its_critical_level()
    {
        _levels[1] = 60;
        Update(0);
        Update(500);

        _levels[1] = CriticalPercent; // still exactly critical
        Update(600);
        Assert.False(_monitor.Reset(CriticalPercent));
        Assert.True(_monitor.CriticalLatched);
        Assert.True(_monitor.Critical(1));

        _levels[1] = CriticalPercent - 0.001;
        Update(700);
        Assert.True(_monitor.Reset(CriticalPercent));
        Assert.False(_monitor.CriticalLatched);
        Assert.False(_monitor.Critical(1));
        Assert.Equal(-1, _monitor.CriticalSinceMilliseconds);
    }

    [Fact]
    public void A_reset_clears_the_dry_zones_but_keeps_the_latch_while_another_zone_is_still_critical()
    {
        _levels[0] = 90;
        _levels[2] = 90;
        Update(0);
        Update(500);
        _levels[0] = 0;
        Update(600);

        Assert.False(_monitor.Reset(CriticalPercent));
        Assert.False(_monitor.Critical(0));
        Assert.True(_monitor.Critical(2));
        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(500, _monitor.CriticalSinceMilliseconds);

        _levels[2] = 0;
        Update(700);
        Assert.True(_monitor.Reset(CriticalPercent));
        Assert.False(_monitor.CriticalLatched);
    }

    [Fact]
    public void A_zone_still_wet_after_a_reset_must_persist_for_the_reaction_delay_again()
    {
        // Latched at 50 %; the critical level is then raised to 70 % and the zone (at 55 %) is reset.
        _levels[1] = 55;
        Update(0);
        Update(500);
        Update(1_000);
        Assert.True(_monitor.Reset(70));

        Update(1_100, criticalPercent: CriticalPercent);
        Assert.False(_monitor.CriticalLatched);
        Update(1_599, criticalPercent: CriticalPercent);
        Assert.False(_monitor.CriticalLatched);
        Update(1_600, criticalPercent: CriticalPercent);
        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(1_600, _monitor.CriticalSinceMilliseconds);
    }

    [Fact]
    public void With_no_reaction_delay_a_leak_is_critical_on_the_first_sample()
    {
        _levels[3] = 75;
        _monitor.Update(_levels, WarningPercent, CriticalPercent, 0, 123);

        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(123, _monitor.CriticalSinceMilliseconds);
    }

    [Fact]
    public void A_reset_keeps_the_latch_while_several_zones_are_still_critical()
    {
        _levels[1] = 90;
        _levels[2] = 90;
        Update(0);
        Update(500);

        Assert.False(_monitor.Reset(CriticalPercent));
        Assert.True(_monitor.CriticalLatched);
        Assert.Equal(500, _monitor.CriticalSinceMilliseconds);
    }
}
