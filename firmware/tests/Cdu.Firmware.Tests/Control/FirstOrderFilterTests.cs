using Cdu.Firmware.Control;

namespace Cdu.Firmware.Tests.Control;

public sealed class FirstOrderFilterTests
{
    [Fact]
    public void Each_sample_moves_the_output_by_h_over_tau_plus_h_of_the_error()
    {
        var filter = new FirstOrderFilter(9.0);
        filter.Reset(0);

        Assert.Equal(10 * 1.0 / 10.0, filter.Update(10, 1.0), 12);            // y += h/(τ + h)·(x − y)
        Assert.Equal(1 + 9 * 3.0 / 12.0, filter.Update(10, 3.0), 12);         // the actual sample time counts
    }

    [Fact]
    public void Reaches_about_63_percent_of_a_step_after_one_time_constant()
    {
        var filter = new FirstOrderFilter(10.0);
        filter.Reset(0);
        for (var i = 0; i < 1000; i++) filter.Update(1, 0.01);

        Assert.Equal(1 - Math.Exp(-1), filter.Value, 3);
    }

    [Fact]
    public void The_first_valid_input_initializes_the_output()
    {
        var filter = new FirstOrderFilter(100.0);
        Assert.False(filter.IsInitialized);

        Assert.Equal(42, filter.Update(42, 0.1));
        Assert.True(filter.IsInitialized);
    }

    [Fact]
    public void NaN_or_infinite_input_holds_the_output()
    {
        var filter = new FirstOrderFilter(5.0);
        filter.Reset(3);

        Assert.Equal(3, filter.Update(double.NaN, 1));
        Assert.Equal(3, filter.Update(double.PositiveInfinity, 1));
        Assert.Equal(3, filter.Value);
        Assert.Equal(3 + 1.0 / 6.0 * 3, filter.Update(6, 1), 12);
    }

    [Fact]
    public void A_sample_time_of_zero_or_less_holds_and_any_positive_one_is_stable()
    {
        var filter = new FirstOrderFilter(5.0);
        filter.Reset(1);

        Assert.Equal(1, filter.Update(2, 0));
        Assert.Equal(1, filter.Update(2, -1));
        Assert.Equal(1, filter.Update(2, double.NaN));
        Assert.InRange(filter.Update(2, 1e12), 1, 2);                          // a huge sample settles, never overshoots
        Assert.Equal(2, filter.Value, 6);
    }

    [Fact]
    public void A_zero_time_constant_passes_the_input_through()
    {
        var filter = new FirstOrderFilter(0);
        filter.Reset(0);

        Assert.Equal(7, filter.Update(7, 0.1));
        Assert.Equal(-3, filter.Update(-3, 0.1));
    }
}
