using Cdu.Firmware.Io;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class SensorSuiteTests
{
    private readonly CduSettings _settings = new();
    private readonly SensorSuite _suite = new();
    private readonly CduInputs _inputs = new();

    public SensorSuiteTests()
    {
        _suite.Configure(_settings);
        SetHealthy(0);
    }

    // A healthy scan: supply 30/30.2/30.4 °C, return 40, facility 24/32, ΔP 8 mA, flow 12 mA, filter 6 mA.
    private void SetHealthy(double dither)
    {
        _inputs.SupplyTemperatureCelsius[0] = 30.0 + dither;
        _inputs.SupplyTemperatureCelsius[1] = 30.2 + dither;
        _inputs.SupplyTemperatureCelsius[2] = 30.4 + dither;
        _inputs.ReturnTemperatureCelsius = 40 + dither;
        _inputs.FacilitySupplyTemperatureCelsius = 24 + dither;
        _inputs.FacilityReturnTemperatureCelsius = 32 + dither;
        _inputs.DeltaPressureMilliamps = 8 + dither;
        _inputs.FlowMilliamps = 12 + dither;
        _inputs.FilterDeltaPressureMilliamps = 6 + dither;
    }

    private void Evaluate(long now) => _suite.Evaluate(_inputs, _settings, now);

    [Fact]
    public void Every_channel_carries_the_name_used_in_alarms_and_telemetry()
    {
        string[] names = ["supply1", "supply2", "supply3", "return", "facilitySupply", "facilityReturn", "deltaPressure", "flow", "filterDeltaPressure"];

        Assert.Equal(SensorSuite.ChannelCount, names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal(names[i], _suite.Channel(i).Name);
        }

        for (var i = 0; i < CduInputs.SupplySensorCount; i++)
        {
            Assert.Same(_suite.Channel(i), _suite.Supply.Channel(i));
        }
    }

    [Fact]
    public void Configure_gives_every_temperature_channel_the_RTD_thresholds_and_the_settings_limits()
    {
        _settings.Sensor.TemperatureMinimumCelsius = -5;
        _settings.Sensor.TemperatureMaximumCelsius = 80;
        _settings.Sensor.TemperatureRateLimitKelvinPerSecond = 3;
        _settings.Sensor.StuckSeconds = 12.5;
        _settings.Sensor.RecoverySeconds = 2.5;
        _suite.Configure(_settings);

        for (var i = SensorSuite.Supply1; i <= SensorSuite.FacilityReturn; i++)
        {
            var c = _suite.Channel(i);
            Assert.Equal(250, c.OpenAbove);
            Assert.Equal(-60, c.ShortBelow);
            Assert.Equal(-5, c.Minimum);
            Assert.Equal(80, c.Maximum);
            Assert.Equal(3, c.RateLimitPerSecond);
            Assert.Equal(12_500, c.StuckMilliseconds);
            Assert.Equal(2_500, c.RecoveryMilliseconds);
        }
    }

    [Fact]
    public void Configure_gives_every_transmitter_the_NAMUR_limits_in_milliamps()
    {
        _settings.Sensor.StuckSeconds = 7.5;
        _settings.Sensor.RecoverySeconds = 1.5;
        _suite.Configure(_settings);

        for (var i = SensorSuite.DeltaPressure; i <= SensorSuite.FilterDeltaPressure; i++)
        {
            var c = _suite.Channel(i);
            Assert.Equal(double.MaxValue, c.OpenAbove);
            Assert.Equal(double.MinValue, c.ShortBelow);
            Assert.Equal(3.6, c.Minimum);
            Assert.Equal(21.0, c.Maximum);
            Assert.Equal(100.0, c.RateLimitPerSecond);
            Assert.Equal(7_500, c.StuckMilliseconds);
            Assert.Equal(1_500, c.RecoveryMilliseconds);
        }
    }

    [Fact]
    public void Configure_sets_the_supply_vote_band_and_time()
    {
        _settings.Sensor.SupplyDisagreementKelvin = 0.7;
        _settings.Sensor.SupplyDisagreementSeconds = 12.5;
        _suite.Configure(_settings);

        Assert.Equal(0.7, _suite.Supply.DisagreementBand);
        Assert.Equal(12_500, _suite.Supply.DisagreementMilliseconds);
    }

    [Fact]
    public void A_healthy_scan_gives_every_measurement_in_engineering_units()
    {
        Evaluate(0);

        Assert.Equal(30.2, _suite.SupplyTemperatureCelsius, 12);
        Assert.Equal(40, _suite.ReturnTemperatureCelsius);
        Assert.Equal(24, _suite.FacilitySupplyTemperatureCelsius);
        Assert.Equal(32, _suite.FacilityReturnTemperatureCelsius);
        Assert.Equal(100, _suite.DeltaPressureKpa, 12);          // 8 mA of 4…20 over 400 kPa
        Assert.Equal(1000, _suite.FlowLitersPerMinute, 12);      // 12 mA over 2000 L/min
        Assert.Equal(25, _suite.FilterDeltaPressureKpa, 12);     // 6 mA over 200 kPa
        Assert.False(_suite.AnyFault);
        for (var i = 0; i < SensorSuite.ChannelCount; i++)
        {
            Assert.True(_suite.Valid(i));
        }
    }

    [Theory]
    [InlineData(4.0, 400.0, 0.0)]
    [InlineData(20.0, 400.0, 400.0)]
    [InlineData(12.0, 2000.0, 1000.0)]
    [InlineData(3.8, 400.0, 0.0)]
    public void Scale_maps_4_to_20_mA_onto_zero_to_span_and_never_below_zero(double milliamps, double span, double expected)
    {
        Assert.Equal(expected, SensorSuite.Scale(milliamps, span), 12);
    }

    [Theory]
    [InlineData(3.599, SensorStatus.Open)]
    [InlineData(21.001, SensorStatus.Short)]
    [InlineData(double.NaN, SensorStatus.Missing)]
    public void A_transmitter_outside_the_NAMUR_band_is_faulted_at_once_and_its_last_value_is_kept(double milliamps, SensorStatus expected)
    {
        Evaluate(0);
        _inputs.DeltaPressureMilliamps = milliamps;
        _inputs.FlowMilliamps = milliamps;
        _inputs.FilterDeltaPressureMilliamps = milliamps;
        Evaluate(100);

        Assert.Equal(expected, _suite.Channel(SensorSuite.DeltaPressure).Status);
        Assert.Equal(expected, _suite.Channel(SensorSuite.Flow).Status);
        Assert.Equal(expected, _suite.Channel(SensorSuite.FilterDeltaPressure).Status);
        Assert.Equal(100, _suite.DeltaPressureKpa, 12);
        Assert.Equal(1000, _suite.FlowLitersPerMinute, 12);
        Assert.Equal(25, _suite.FilterDeltaPressureKpa, 12);
        Assert.True(_suite.AnyFault);
        Assert.False(_suite.Valid(SensorSuite.Flow));
    }

    [Theory]
    [InlineData(3.6)]
    [InlineData(21.0)]
    public void A_transmitter_exactly_at_the_NAMUR_limits_is_still_healthy(double milliamps)
    {
        _inputs.DeltaPressureMilliamps = milliamps;
        Evaluate(0);

        Assert.Equal(SensorStatus.Ok, _suite.Channel(SensorSuite.DeltaPressure).Status);
    }

    [Fact]
    public void A_transmitter_that_recovers_is_trusted_again_after_the_recovery_time()
    {
        Evaluate(0);
        _inputs.FlowMilliamps = 2.0;
        Evaluate(100);
        SetHealthy(0.001);
        _inputs.FlowMilliamps = 12.5;
        Evaluate(200);
        Assert.Equal(SensorStatus.Open, _suite.Channel(SensorSuite.Flow).Status);
        Assert.Equal(1000, _suite.FlowLitersPerMinute, 12);

        SetHealthy(0);
        _inputs.FlowMilliamps = 12.6;
        Evaluate(10_100);
        Assert.True(_suite.Valid(SensorSuite.Flow));
        Assert.Equal(1075, _suite.FlowLitersPerMinute, 9);
    }

    [Fact]
    public void A_transmitter_moving_faster_than_100_mA_per_second_is_a_sensor_fault()
    {
        _inputs.DeltaPressureMilliamps = 4.0;
        _inputs.FlowMilliamps = 4.0;
        Evaluate(0);
        _inputs.DeltaPressureMilliamps = 16.5;  // 12.5 mA in 125 ms: exactly the limit, still plausible
        _inputs.FlowMilliamps = 16.6;
        Evaluate(125);

        Assert.Equal(SensorStatus.Ok, _suite.Channel(SensorSuite.DeltaPressure).Status);
        Assert.Equal(SensorStatus.RateOfChange, _suite.Channel(SensorSuite.Flow).Status);
    }

    [Fact]
    public void Each_temperature_channel_is_validated_with_its_own_reading()
    {
        Evaluate(0);
        SetHealthy(0.01);
        _inputs.ReturnTemperatureCelsius = 300;
        _inputs.FacilitySupplyTemperatureCelsius = -100;
        _inputs.FacilityReturnTemperatureCelsius = double.NaN;
        Evaluate(100_000);

        Assert.Equal(SensorStatus.Open, _suite.Channel(SensorSuite.Return).Status);
        Assert.Equal(SensorStatus.Short, _suite.Channel(SensorSuite.FacilitySupply).Status);
        Assert.Equal(SensorStatus.Missing, _suite.Channel(SensorSuite.FacilityReturn).Status);
        Assert.True(_suite.Valid(SensorSuite.Supply1));
        Assert.True(_suite.Valid(SensorSuite.DeltaPressure));
    }

    [Fact]
    public void The_supply_temperature_is_the_vote_of_the_three_supply_sensors()
    {
        _inputs.SupplyTemperatureCelsius[0] = double.NaN;
        _inputs.SupplyTemperatureCelsius[1] = 30.0;
        _inputs.SupplyTemperatureCelsius[2] = 32.0;
        Evaluate(0);

        Assert.Equal(32.0, _suite.SupplyTemperatureCelsius); // two left, disagreeing: the warmer
        Assert.Equal(2, _suite.Supply.HealthyCount);
        Assert.False(_suite.Valid(SensorSuite.Supply1));
    }

    [Fact]
    public void A_sensor_that_does_not_change_for_the_stuck_time_is_a_fault()
    {
        Evaluate(0);
        Evaluate(59_999);
        Assert.False(_suite.AnyFault);

        Evaluate(60_000);
        Assert.Equal(SensorStatus.Stuck, _suite.Channel(SensorSuite.Return).Status);
        Assert.Equal(SensorStatus.Stuck, _suite.Channel(SensorSuite.Flow).Status);
    }

    [Theory]
    [InlineData(2.0, SensorStatus.Open)]
    [InlineData(22.0, SensorStatus.Short)]
    public void A_transmitter_faulted_from_its_first_scan_is_trusted_only_after_the_recovery_time(double milliamps, SensorStatus expected)
    {
        _inputs.FlowMilliamps = milliamps;
        Evaluate(0);
        Assert.Equal(expected, _suite.Channel(SensorSuite.Flow).Status);

        _inputs.FlowMilliamps = 12.0;
        Evaluate(100);
        Assert.Equal(expected, _suite.Channel(SensorSuite.Flow).Status);
        Assert.Equal(0, _suite.FlowLitersPerMinute);

        _inputs.FlowMilliamps = 12.1;
        Evaluate(10_000);
        Assert.True(_suite.Valid(SensorSuite.Flow));
    }
}
