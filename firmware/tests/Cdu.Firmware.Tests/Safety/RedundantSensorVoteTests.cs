using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class RedundantSensorVoteTests
{
    private const long Recovery = 10_000;

    private static RedundantSensorVote NewVote(int channels = 3)
    {
        var validators = new SensorValidator[channels];
        for (var i = 0; i < channels; i++)
        {
            validators[i] = new SensorValidator("supply" + (i + 1)) { RecoveryMilliseconds = Recovery };
        }

        return new RedundantSensorVote(validators);
    }

    // Evaluates the same readings every 100 ms from `from` up to and including `to`.
    private static void Hold(RedundantSensorVote vote, double[] raw, long from, long to)
    {
        for (var t = from; t <= to; t += 100)
        {
            vote.Evaluate(raw, t);
        }
    }

    [Fact]
    public void A_new_vote_uses_the_RM100_band_and_time_and_exposes_its_channels()
    {
        var validators = new[] { new SensorValidator("a"), new SensorValidator("b"), new SensorValidator("c") };
        var vote = new RedundantSensorVote(validators);

        Assert.Equal(1.0, vote.DisagreementBand);
        Assert.Equal(30_000, vote.DisagreementMilliseconds);
        Assert.Equal(3, vote.ChannelCount);
        Assert.Same(validators[1], vote.Channel(1));
        Assert.False(vote.Valid);
    }

    [Fact]
    public void Three_healthy_channels_vote_their_median_so_that_one_wrong_channel_moves_nothing()
    {
        var vote = NewVote();

        var value = vote.Evaluate([30.9, 30.0, 30.5], 0);

        Assert.Equal(30.5, value, 12);
        Assert.Equal(value, vote.Value);
        Assert.Equal(3, vote.HealthyCount);
        Assert.True(vote.Valid);
        Assert.False(vote.Degraded);
    }

    [Fact]
    public void A_channel_off_the_median_is_dropped_exactly_after_the_disagreement_time()
    {
        var vote = NewVote();
        double[] raw = [30.0, 30.0, 32.0];
        vote.Evaluate(raw, 1_000);
        Hold(vote, raw, 1_100, 30_900);
        vote.Evaluate(raw, 30_999);

        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        Assert.Equal(30.0, vote.Value, 12); // the median ignores the outlier before it is dropped

        vote.Evaluate(raw, 31_000);

        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
        Assert.Equal(SensorStatus.Ok, vote.Channel(0).Status);
        Assert.Equal(SensorStatus.Ok, vote.Channel(1).Status);
        Assert.Equal(2, vote.HealthyCount);
        Assert.True(vote.Degraded);
        Assert.Equal(30.0, vote.Value);
    }

    [Fact]
    public void A_channel_exactly_at_the_band_still_agrees()
    {
        var vote = NewVote();

        for (var t = 0L; t <= 100_000; t += 100)
        {
            vote.Evaluate([30.0, 30.0, 31.0], t);
            Assert.Equal(3, vote.HealthyCount);
        }

        Assert.Equal(30.0, vote.Value, 12);
    }

    [Fact]
    public void Coming_back_into_the_band_restarts_the_disagreement_time()
    {
        var vote = NewVote();
        double[] off = [30.0, 30.0, 32.0];
        Hold(vote, off, 0, 20_000);
        vote.Evaluate([30.0, 30.0, 30.5], 20_100);
        Hold(vote, off, 20_200, 50_100);

        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);

        vote.Evaluate(off, 50_200);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
    }

    [Theory]
    [InlineData(20.0, 21.5, 22.3, 0)]
    [InlineData(20.0, 22.3, 21.5, 0)]
    [InlineData(21.5, 20.0, 22.3, 1)]
    [InlineData(22.3, 20.0, 21.5, 1)]
    [InlineData(21.5, 22.3, 20.0, 2)]
    [InlineData(22.3, 21.5, 20.0, 2)]
    public void The_median_decides_which_channel_is_off_whatever_the_order(double a, double b, double c, int dropped)
    {
        // Median 21.5: 20.0 is 1.5 K off it, 22.3 only 0.8 K.
        var vote = NewVote();

        Hold(vote, [a, b, c], 0, 30_000);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i == dropped ? SensorStatus.Disagreement : SensorStatus.Ok, vote.Channel(i).Status);
        }

        Assert.Equal((21.5 + 22.3) / 2, vote.Value, 12);
    }

    [Theory]
    [InlineData(19.5, 20.0, 21.2, 25.0)]
    [InlineData(25.0, 21.2, 20.0, 19.5)]
    [InlineData(21.2, 25.0, 19.5, 20.0)]
    public void With_four_channels_the_median_is_the_mean_of_the_middle_two(double a, double b, double c, double d)
    {
        // Median (20.0 + 21.2) / 2 = 20.6: 19.5 and 25.0 are off it by more than 1 K, 20.0 and 21.2 by 0.6 K.
        var vote = NewVote(4);
        double[] raw = [a, b, c, d];

        Hold(vote, raw, 0, 30_000);

        for (var i = 0; i < 4; i++)
        {
            var expected = raw[i] is 20.0 or 21.2 ? SensorStatus.Ok : SensorStatus.Disagreement;
            Assert.Equal(expected, vote.Channel(i).Status);
        }

        Assert.Equal(2, vote.HealthyCount);
        Assert.Equal(21.2, vote.Value); // the two left differ by 1.2 K: the warmer one
    }

    [Theory]
    [InlineData(30.0, 31.5, double.NaN, 31.5)]
    [InlineData(double.NaN, 31.5, 30.0, 31.5)]
    [InlineData(31.5, double.NaN, 30.0, 31.5)]
    [InlineData(30.0, 30.8, double.NaN, 30.4)]
    [InlineData(30.0, double.NaN, 31.0, 30.5)]
    public void Two_healthy_channels_vote_their_mean_when_they_agree_and_the_warmer_one_when_they_do_not(double a, double b, double c, double expected)
    {
        var vote = NewVote();

        var value = vote.Evaluate([a, b, c], 0);

        Assert.Equal(expected, value, 12);
        Assert.Equal(2, vote.HealthyCount);
        Assert.True(vote.Degraded);
        Assert.True(vote.Valid);
    }

    [Fact]
    public void One_healthy_channel_is_the_vote_and_none_is_no_value()
    {
        var vote = NewVote();

        Assert.Equal(29.0, vote.Evaluate([double.NaN, 29.0, double.NaN], 0));
        Assert.Equal(1, vote.HealthyCount);
        Assert.True(vote.Valid);

        Assert.True(double.IsNaN(vote.Evaluate([double.NaN, double.NaN, double.NaN], 100)));
        Assert.Equal(0, vote.HealthyCount);
        Assert.False(vote.Valid);
        Assert.True(vote.Degraded);
    }

    [Fact]
    public void A_channel_lost_after_a_full_vote_leaves_the_mean_of_the_remaining_two()
    {
        var vote = NewVote();
        vote.Evaluate([30.0, 30.2, 30.6], 0);

        Assert.Equal(30.1, vote.Evaluate([30.0, 30.2, double.NaN], 100), 12);
    }

    [Fact]
    public void A_dropped_channel_rejoins_after_agreeing_for_the_recovery_time_from_its_drop()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);

        Hold(vote, [30.0, 30.0, 31.0], 30_100, 39_900); // exactly at the band off the others: agrees
        vote.Evaluate([30.0, 30.0, 31.0], 39_999);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
        Assert.Equal(30.0, vote.Value);

        vote.Evaluate([30.0, 30.0, 31.0], 40_000);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        Assert.Equal(31.0, vote.Channel(2).Value);
        Assert.Equal(3, vote.HealthyCount);
        Assert.Equal(30.0, vote.Value, 12);
    }

    [Fact]
    public void A_dropped_channel_that_disagrees_again_restarts_its_recovery_time()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);

        Hold(vote, [30.0, 30.0, 30.1], 30_100, 34_900);
        vote.Evaluate([30.0, 30.0, 31.1], 35_000); // 1.1 K off the others
        Hold(vote, [30.0, 30.0, 30.1], 35_100, 44_900);
        vote.Evaluate([30.0, 30.0, 30.1], 44_999);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);

        vote.Evaluate([30.0, 30.0, 30.1], 45_000);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
    }

    [Fact]
    public void A_dropped_channel_with_no_reading_does_not_rejoin()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);

        Hold(vote, [30.0, 30.0, double.NaN], 30_100, 60_000);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);

        Hold(vote, [30.0, 30.0, 30.0], 60_100, 69_900);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
        vote.Evaluate([30.0, 30.0, 30.0], 70_000);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
    }

    [Fact]
    public void A_dropped_channel_does_not_rejoin_when_no_other_channel_is_left_to_agree_with()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);

        Hold(vote, [double.NaN, double.NaN, 30.0], 30_100, 100_000);

        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
        Assert.False(vote.Valid);
        Assert.True(double.IsNaN(vote.Value));
    }

    [Fact]
    public void A_dropped_channel_is_compared_with_the_mean_of_the_healthy_others_only()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);
        // Channel 1 fails; its last good value (30.0) must not count. Channel 2 agrees with channel 0 alone.
        Hold(vote, [31.0, double.NaN, 31.8], 30_100, 40_000);

        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        Assert.Equal(31.4, vote.Value, 12);
    }

    [Fact]
    public void A_rejoined_channel_that_drifts_off_again_gets_the_full_disagreement_time()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);
        Hold(vote, [30.0, 30.0, 30.2], 30_100, 40_000);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);

        Hold(vote, [30.0, 30.0, 32.0], 40_100, 70_000);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        vote.Evaluate([30.0, 30.0, 32.0], 70_100);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
    }

    [Fact]
    public void A_failed_channel_keeps_its_own_status_and_is_not_judged_on_its_last_value()
    {
        var vote = NewVote(4);
        vote.Evaluate([30.0, 30.0, 30.0, 25.0], 0);

        Hold(vote, [30.0, 30.2, 30.4, double.NaN], 100, 60_000); // channel 4's last good value, 25, is 5 K off

        Assert.Equal(SensorStatus.Missing, vote.Channel(3).Status);
        Assert.Equal(3, vote.HealthyCount);
    }

    [Fact]
    public void Without_a_recovery_time_a_dropped_channel_still_has_to_agree_before_it_rejoins()
    {
        var validators = new[] { new SensorValidator("a"), new SensorValidator("b"), new SensorValidator("c") };
        var vote = new RedundantSensorVote(validators);
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);

        Hold(vote, [30.0, 30.0, 32.0], 30_100, 31_000);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);

        vote.Evaluate([30.0, 30.0, 30.5], 31_100);
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
    }

    [Fact]
    public void A_channel_that_rejoined_while_another_was_out_gets_the_full_disagreement_time_later()
    {
        var vote = NewVote();
        Hold(vote, [30.0, 30.0, 32.0], 0, 30_000);            // channel 3 dropped
        Hold(vote, [30.0, double.NaN, 30.2], 30_100, 40_000); // channel 2 fails; channel 3 agrees with channel 1 and rejoins
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        Assert.Equal(2, vote.HealthyCount);

        Hold(vote, [30.0, 30.1, 30.2], 40_100, 49_900);       // channel 2 healthy again, trusted from 50 s
        Assert.Equal(2, vote.HealthyCount);

        Hold(vote, [30.0, 30.1, 32.0], 50_000, 79_900);       // channel 3 drifts off just as the vote has three again
        Assert.Equal(SensorStatus.Ok, vote.Channel(2).Status);
        Assert.Equal(3, vote.HealthyCount);
        vote.Evaluate([30.0, 30.1, 32.0], 80_000);
        Assert.Equal(SensorStatus.Disagreement, vote.Channel(2).Status);
    }
}
