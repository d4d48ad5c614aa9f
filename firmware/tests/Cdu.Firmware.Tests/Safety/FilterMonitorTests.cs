using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class FilterMonitorTests
{
    private const double Service = 50;

    [Fact]
    public void Raises_above_the_service_limit_and_clears_only_below_ninety_percent_of_it()
    {
        var monitor = new FilterMonitor();
        Assert.False(monitor.Update(true, Service, Service));
        Assert.True(monitor.Update(true, Service + 0.1, Service));
        Assert.True(monitor.Update(true, Service * 0.95, Service));
        Assert.True(monitor.Update(true, Service * 0.9 + 0.01, Service));
        Assert.False(monitor.Update(true, Service * 0.9, Service));
        Assert.False(monitor.Update(true, Service * 0.95, Service));
        Assert.False(monitor.ServiceDue);
    }

    [Fact]
    public void An_invalid_reading_clears_it()
    {
        var monitor = new FilterMonitor();
        Assert.True(monitor.Update(true, 80, Service));
        Assert.False(monitor.Update(false, 80, Service));
    }
}
