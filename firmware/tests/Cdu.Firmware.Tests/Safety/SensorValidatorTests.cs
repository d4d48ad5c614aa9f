using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class SensorValidatorTests
{
    // An RTD channel as SensorSuite configures it with the default settings, with round numbers for the times.
    private static SensorValidator Rtd() => new("supply1")
    {
        OpenAbove = 250,
        ShortBelow = -60,
        Minimum = -10,
        Maximum = 90,
        RateLimitPerSecond = 5,
        StuckMilliseconds = 60_000,
        RecoveryMilliseconds = 10_000,
    };

    [Fact]
    public void A_new_channel_is_missing_has_no_value_and_accepts_anything_finite_at_once()
    {
        var channel = new SensorValidator("flow");

        Assert.Equal("flow", channel.Name);
        Assert.Equal(SensorStatus.Missing, channel.Status);
        Assert.False(channel.Valid);
        Assert.True(double.IsNaN(channel.Value));
        Assert.Equal(0, channel.RecoveryMilliseconds);
        Assert.Equal(long.MaxValue, channel.StuckMilliseconds);

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(-1e300, 0));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(1e300, 1));
        Assert.Equal(1e300, channel.Value);
    }

    [Fact]
    public void A_first_healthy_reading_is_trusted_on_the_first_sample_without_waiting_for_recovery()
    {
        var channel = Rtd();

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30, 5_000));
        Assert.True(channel.Valid);
        Assert.Equal(30, channel.Value);
    }

    [Theory]
    [InlineData(double.NaN, SensorStatus.Missing)]
    [InlineData(double.PositiveInfinity, SensorStatus.Missing)]
    [InlineData(double.NegativeInfinity, SensorStatus.Missing)]
    [InlineData(250.001, SensorStatus.Open)]
    [InlineData(-60.001, SensorStatus.Short)]
    [InlineData(90.001, SensorStatus.OutOfRange)]
    [InlineData(-10.001, SensorStatus.OutOfRange)]
    [InlineData(250, SensorStatus.OutOfRange)]
    [InlineData(-60, SensorStatus.OutOfRange)]
    public void Each_fault_is_detected_on_the_first_sample_that_shows_it(double raw, SensorStatus expected)
    {
        var channel = Rtd();
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30, 0));

        // The jump itself would also be too fast: the classification order puts the circuit faults first.
        Assert.Equal(expected, channel.Evaluate(raw, 100_000));
        Assert.Equal(expected, channel.Status);
        Assert.False(channel.Valid);
        Assert.Equal(30, channel.Value);
    }

    [Theory]
    [InlineData(90.0)]
    [InlineData(-10.0)]
    public void A_reading_exactly_at_the_plausible_limit_is_in_range(double raw)
    {
        var channel = Rtd();
        channel.RateLimitPerSecond = double.MaxValue;

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(raw, 0));
        Assert.Equal(raw, channel.Value);
    }

    [Fact]
    public void A_reading_exactly_at_the_open_and_short_thresholds_is_not_a_circuit_fault()
    {
        var channel = new SensorValidator("probe") { OpenAbove = 10, ShortBelow = -10 };

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(10, 0));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(-10, 1_000_000));
    }

    [Fact]
    public void A_change_faster_than_the_rate_limit_is_a_rate_of_change_fault_and_exactly_the_limit_is_not()
    {
        var channel = Rtd();
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(20, 0));

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(25, 1_000)); // 5 K in 1 s: exactly the limit
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(20, 2_000)); // and falling just as fast
        Assert.Equal(SensorStatus.RateOfChange, channel.Evaluate(25.5, 3_000));
        Assert.Equal(20, channel.Value);
    }

    [Fact]
    public void A_fall_faster_than_the_rate_limit_is_a_rate_of_change_fault()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);

        Assert.Equal(SensorStatus.RateOfChange, channel.Evaluate(29.4, 100)); // 6 K/s
    }

    [Fact]
    public void The_rate_is_taken_over_the_time_between_samples()
    {
        var channel = Rtd();
        channel.Evaluate(20, 0);

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(40, 4_000)); // 20 K in 4 s = 5 K/s
        Assert.Equal(SensorStatus.RateOfChange, channel.Evaluate(60, 7_999)); // 20 K in 3.999 s
    }

    [Fact]
    public void The_rate_is_checked_from_a_first_sample_taken_at_time_zero()
    {
        var channel = Rtd();
        channel.Evaluate(20, 0);

        Assert.Equal(SensorStatus.RateOfChange, channel.Evaluate(30, 100));
    }

    [Fact]
    public void Two_samples_with_the_same_time_stamp_are_not_a_rate_fault()
    {
        var channel = Rtd();
        channel.Evaluate(20, 1_000);

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(21, 1_000));
        Assert.Equal(21, channel.Value);
    }

    [Fact]
    public void After_a_missing_reading_the_rate_is_checked_against_the_last_real_reading()
    {
        var channel = Rtd();
        channel.Evaluate(20, 0);
        channel.Evaluate(double.NaN, 1_000);

        Assert.Equal(SensorStatus.RateOfChange, channel.Evaluate(40, 2_000)); // 20 K off the last real reading, 1 s after the last sample
    }

    [Fact]
    public void A_channel_whose_first_reading_is_missing_is_trusted_only_after_the_recovery_time_from_that_reading()
    {
        var channel = Rtd();
        channel.Evaluate(double.NaN, 0);

        Assert.Equal(SensorStatus.Missing, channel.Evaluate(30, 100));
        Assert.Equal(SensorStatus.Missing, channel.Evaluate(30.1, 9_999));
        Assert.True(double.IsNaN(channel.Value));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30.1, 10_000));
        Assert.Equal(30.1, channel.Value);
    }

    [Fact]
    public void A_reading_that_never_changes_is_stuck_exactly_at_the_stuck_time_from_its_first_sample()
    {
        var channel = Rtd();
        for (long t = 0; t < 60_000; t += 1_000)
        {
            Assert.Equal(SensorStatus.Ok, channel.Evaluate(30, t));
        }

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30, 59_999));
        Assert.Equal(SensorStatus.Stuck, channel.Evaluate(30, 60_000));
        Assert.False(channel.Valid);
    }

    [Fact]
    public void The_stuck_time_restarts_at_every_change()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);
        channel.Evaluate(30, 30_000);
        channel.Evaluate(30.01, 40_000);

        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30.01, 99_999));
        Assert.Equal(SensorStatus.Stuck, channel.Evaluate(30.01, 100_000));
    }

    [Fact]
    public void A_reading_that_keeps_changing_is_never_stuck()
    {
        var channel = Rtd();
        for (var i = 0; i <= 200; i++)
        {
            Assert.Equal(SensorStatus.Ok, channel.Evaluate(30 + (i % 2 == 0 ? 0.01 : -0.01), i * 1_000L));
        }
    }

    [Fact]
    public void A_missing_reading_stays_missing_and_is_never_called_stuck()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);
        for (long t = 1_000; t <= 120_000; t += 1_000)
        {
            Assert.Equal(SensorStatus.Missing, channel.Evaluate(double.NaN, t));
        }
    }

    [Fact]
    public void A_missing_reading_does_not_hide_that_the_value_has_not_changed()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);
        channel.Evaluate(double.NaN, 30_000);

        Assert.Equal(SensorStatus.Stuck, channel.Evaluate(30, 60_000));
    }

    [Fact]
    public void A_faulted_channel_is_trusted_again_exactly_after_the_recovery_time_from_its_last_fault()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);
        channel.Evaluate(double.NaN, 1_000);
        channel.Evaluate(double.NaN, 2_000); // still missing: recovery counts from here
        Assert.Equal(SensorStatus.Missing, channel.Status);

        Assert.Equal(SensorStatus.Missing, channel.Evaluate(30.5, 3_000));
        Assert.Equal(30, channel.Value);
        Assert.Equal(SensorStatus.Missing, channel.Evaluate(30.4, 11_999));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30.4, 12_000));
        Assert.Equal(30.4, channel.Value);
    }

    [Fact]
    public void A_channel_that_starts_faulted_must_be_healthy_for_the_recovery_time_before_it_is_trusted()
    {
        var channel = Rtd();
        channel.RateLimitPerSecond = double.MaxValue; // the return from −100 °C would otherwise be a rate fault
        Assert.Equal(SensorStatus.Short, channel.Evaluate(-100, 0));

        Assert.Equal(SensorStatus.Short, channel.Evaluate(30, 1_000));
        Assert.Equal(SensorStatus.Short, channel.Evaluate(30.1, 9_999));
        Assert.True(double.IsNaN(channel.Value));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30.2, 10_000));
        Assert.Equal(30.2, channel.Value);
    }

    [Fact]
    public void A_declared_fault_holds_until_the_channel_has_been_healthy_for_the_recovery_time_from_the_declaration()
    {
        var channel = Rtd();
        channel.Evaluate(30, 0);
        channel.Declare(SensorStatus.Disagreement, 5_000);
        Assert.Equal(SensorStatus.Disagreement, channel.Status);
        Assert.False(channel.Valid);

        Assert.Equal(SensorStatus.Disagreement, channel.Evaluate(30.1, 14_999));
        Assert.Equal(SensorStatus.Ok, channel.Evaluate(30.1, 15_000));
    }
}
