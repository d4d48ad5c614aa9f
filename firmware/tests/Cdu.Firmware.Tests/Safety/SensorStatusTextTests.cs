using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class SensorStatusTextTests
{
    [Theory]
    [InlineData(SensorStatus.Ok, "ok")]
    [InlineData(SensorStatus.Missing, "missing")]
    [InlineData(SensorStatus.Open, "open")]
    [InlineData(SensorStatus.Short, "short")]
    [InlineData(SensorStatus.OutOfRange, "outOfRange")]
    [InlineData(SensorStatus.RateOfChange, "rateOfChange")]
    [InlineData(SensorStatus.Stuck, "stuck")]
    [InlineData(SensorStatus.Disagreement, "disagreement")]
    public void Every_status_has_its_fixed_message_name(SensorStatus status, string name)
    {
        Assert.Equal(name, SensorStatusText.Name(status));
    }
}
