using Cdu.Firmware.Control;

namespace Cdu.Firmware.Tests.Control;

public sealed class RateLimiterTests
{
    [Fact]
    public void Moves_no_faster_than_its_rate_and_lands_on_the_target()
    {
        var ramp = new RateLimiter(0.5);
        ramp.Reset(20);

        Assert.Equal(20.5, ramp.Update(30, 1.0), 9);
        Assert.Equal(21.0, ramp.Update(30, 1.0), 9);
        Assert.Equal(20.0, ramp.Update(10, 2.0), 9);
        Assert.Equal(19.9, ramp.Update(19.9, 1.0), 9);
    }

    [Fact]
    public void A_NaN_target_holds_the_value()
    {
        var ramp = new RateLimiter(1);
        ramp.Reset(5);

        Assert.Equal(5, ramp.Update(double.NaN, 1));
    }
}
