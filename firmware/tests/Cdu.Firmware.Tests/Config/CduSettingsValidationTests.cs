using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class CduSettingsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Null(new CduSettings().Validate());
    }

    [Theory]
    [InlineData(ParameterTable.PumpCount, 5.0)]
    [InlineData(ParameterTable.PumpCount, 1.5)]
    [InlineData(ParameterTable.ControlPeriodMilliseconds, 19.0)]
    [InlineData(ParameterTable.LeaseMaximumSeconds, double.NaN)]
    public void A_value_outside_its_range_or_not_whole_is_named(int index, double value)
    {
        var settings = new CduSettings();
        settings.Set(index, value);

        Assert.Equal(ParameterTable.Get(index).Name + ": outside its range or not a whole number", settings.Validate());
    }

    [Fact]
    public void The_supply_envelope_minimum_must_not_exceed_its_maximum()
    {
        var s = new CduSettings { Supply = { MinimumSetpointCelsius = 40, MaximumSetpointCelsius = 39.9, FallbackSetpointCelsius = 39.9 } };
        Assert.StartsWith("supply.minimumSetpointCelsius:", s.Validate());

        s.Supply.MinimumSetpointCelsius = 39.9;
        Assert.Null(s.Validate());
    }

    [Theory]
    [InlineData(19.9, false)]
    [InlineData(20.0, true)]
    [InlineData(40.0, true)]
    [InlineData(40.1, false)]
    public void The_fallback_setpoint_must_lie_within_the_supply_envelope(double fallback, bool valid)
    {
        var s = new CduSettings { Supply = { MinimumSetpointCelsius = 20.0, MaximumSetpointCelsius = 40.0 } };
        s.Set(ParameterTable.FallbackSupplyTemperatureCelsius, fallback);

        var reason = s.Validate();
        if (valid)
        {
            Assert.Null(reason);
        }
        else
        {
            Assert.StartsWith("supply.fallbackSetpointCelsius:", reason);
        }
    }

    [Fact]
    public void The_fallback_setpoint_above_the_envelope_maximum_is_refused()
    {
        var s = new CduSettings { Supply = { MaximumSetpointCelsius = 30, FallbackSetpointCelsius = 30.5 } };

        Assert.StartsWith("supply.fallbackSetpointCelsius:", s.Validate());
    }

    [Theory]
    [InlineData("valve.minimumPercent:", ParameterTable.ValveMinimumPercent, ParameterTable.ValveMaximumPercent)]
    [InlineData("pump.minimumSpeedPercent:", ParameterTable.PumpMinimumSpeedPercent, ParameterTable.PumpMaximumSpeedPercent)]
    [InlineData("leak.warningPercent:", ParameterTable.LeakWarningPercent, ParameterTable.LeakCriticalPercent)]
    [InlineData("reservoir.lowLowPercent:", ParameterTable.ReservoirLowLowPercent, ParameterTable.ReservoirLowPercent)]
    [InlineData("lease.minimumSeconds:", ParameterTable.LeaseMinimumSeconds, ParameterTable.LeaseMaximumSeconds)]
    public void A_lower_limit_may_equal_but_not_exceed_its_upper_limit(string reason, int lower, int upper)
    {
        var s = new CduSettings();
        s.Set(lower, 50);
        s.Set(upper, 50);
        Assert.Null(s.Validate());

        s.Set(lower, 51);
        Assert.StartsWith(reason, s.Validate());
    }

    [Fact]
    public void The_plausible_temperature_range_must_not_be_empty()
    {
        var s = new CduSettings { Sensor = { TemperatureMinimumCelsius = 45, TemperatureMaximumCelsius = 45 } };
        Assert.StartsWith("sensor.temperatureMinimumCelsius:", s.Validate());

        s.Sensor.TemperatureMinimumCelsius = 44.9;
        Assert.Null(s.Validate());
    }

    [Fact]
    public void The_overrun_limit_must_be_at_least_one_control_period()
    {
        var s = new CduSettings { Timing = { ControlPeriodMilliseconds = 500, WatchdogOverrunMilliseconds = 499 } };
        Assert.StartsWith("watchdog.overrunMilliseconds:", s.Validate());

        s.Timing.WatchdogOverrunMilliseconds = 500;
        Assert.Null(s.Validate());
    }
}
