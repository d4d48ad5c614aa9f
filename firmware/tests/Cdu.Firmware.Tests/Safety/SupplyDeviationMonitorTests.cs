using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class SupplyDeviationMonitorTests
{
    private const double Band = 2;
    private const double Hysteresis = 0.5;
    private const long Delay = 30_000;

    private readonly SupplyDeviationMonitor _monitor = new();

    private void Update(long now, double deviation, bool suppressed = false) =>
        _monitor.Update(deviation, suppressed, Band, Hysteresis, Delay, now);

    [Theory]
    [InlineData(2.5, true)]
    [InlineData(-2.5, false)]
    public void Off_band_for_the_delay_raises_its_side_and_clears_within_band_less_hysteresis(double deviation, bool high)
    {
        for (long t = 0; t < Delay; t += 1_000)
        {
            Update(t, deviation);
            Assert.False(_monitor.High || _monitor.Low);
        }

        Update(Delay, deviation);
        Assert.Equal(high, _monitor.High);
        Assert.Equal(!high, _monitor.Low);

        double sign = Math.Sign(deviation);
        Update(Delay + 1_000, sign * (Band - Hysteresis + 0.1));
        Assert.True(_monitor.High || _monitor.Low);
        Update(Delay + 2_000, sign * (Band - Hysteresis));
        Assert.False(_monitor.High || _monitor.Low);
    }

    [Fact]
    public void Suppression_clears_an_alarm_and_restarts_the_delay()
    {
        Update(0, 3);
        Update(Delay, 3);
        Assert.True(_monitor.High);
        Update(Delay + 1_000, 3, suppressed: true);
        Assert.False(_monitor.High);
        Update(Delay + 2_000, 3);
        Update(2 * Delay + 1_000, 3);
        Assert.False(_monitor.High);
        Update(2 * Delay + 2_000, 3);
        Assert.True(_monitor.High);
    }
}
