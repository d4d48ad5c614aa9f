using Cooling.Models.Components;

namespace Cooling.Models.Tests;

public sealed class ComponentTests
{
    [Fact]
    public void Valve_moves_no_faster_than_its_stroke_time()
    {
        var valve = new EqualPercentageValve(strokeTimeSeconds: 120);

        for (var i = 0; i < 600; i++) valve.Step(100, 0.1); // one minute
        Assert.Equal(50, valve.PositionPercent, 6);
        for (var i = 0; i < 1200; i++) valve.Step(100, 0.1);
        Assert.Equal(100, valve.PositionPercent, 6);
    }

    [Fact]
    public void Equal_percentage_characteristic_gives_equal_flow_ratios_for_equal_strokes()
    {
        var valve = new EqualPercentageValve(rangeability: 50);
        valve.SetPosition(40);
        var at40 = valve.RelativeFlowCoefficient;
        valve.SetPosition(60);
        var at60 = valve.RelativeFlowCoefficient;
        valve.SetPosition(80);
        var at80 = valve.RelativeFlowCoefficient;
        valve.SetPosition(100);

        Assert.Equal(1.0, valve.RelativeFlowCoefficient, 9);
        Assert.Equal(at60 / at40, at80 / at60, 9);
        Assert.Equal(Math.Pow(50, 0.2), at80 / at60, 9);
        valve.SetPosition(0.5);
        Assert.Equal(0, valve.RelativeFlowCoefficient);
    }

    [Theory]
    [InlineData(0.4, 0.0389, 0.03)]
    [InlineData(2.4, 0.0197, 0.03)]
    [InlineData(1.0, 0.0245, 0.13)]
    public void Cold_plate_resistance_follows_the_OCP_data(double flowLitersPerMinute, double measuredKelvinPerWatt, double tolerance)
    {
        var r = ColdPlate.ResistanceKelvinPerWatt(flowLitersPerMinute);

        Assert.InRange(r, measuredKelvinPerWatt * (1 - tolerance), measuredKelvinPerWatt * (1 + tolerance));
    }

    [Fact]
    public void A_GPU_settles_at_inlet_plus_power_times_plate_resistance()
    {
        var rack = new GpuRack("r1", new GpuRackDescription(GpuCount: 1), seed: 3, initialCelsius: 30) { Utilization = 1 };
        for (var i = 0; i < 400; i++) rack.Step(30, 2.0, 0.1); // 40 s ≫ τ = 2 s

        var power = rack.GpuPowerWatts(0);
        var expected = 30 + power * ColdPlate.ResistanceKelvinPerWatt(2.0);
        Assert.InRange(power, 1400 * 0.97, 1400 * 1.03);
        Assert.InRange(rack.GpuTemperatureCelsius(0), expected - 0.05 * (expected - 30), expected + 0.05 * (expected - 30)); // ±5 % plate spread
        Assert.Equal(power * 1.25, rack.HeatWatts, 6);
    }

    [Fact]
    public void A_GPU_above_its_slowdown_temperature_throttles()
    {
        var rack = new GpuRack("r1", new GpuRackDescription(GpuCount: 4), seed: 1, initialCelsius: 30) { Utilization = 1 };
        for (var i = 0; i < 400; i++) rack.Step(70, 0.4, 0.1); // hot water, starved flow

        Assert.True(rack.GpuThrottled(0));
        Assert.True(rack.GpuPowerWatts(0) < 1400 * 0.75);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(72)]
    [InlineData(144)]
    public void Every_GPU_follows_its_own_first_order_lag_towards_inlet_plus_power_times_resistance(int gpus)
    {
        var rack = new GpuRack("r", new GpuRackDescription(GpuCount: gpus), seed: 9, initialCelsius: 25) { Utilization = 0.5 };
        var flow = 1.5 * gpus;
        for (var k = 0; k < 3; k++) rack.Step(30, flow, 0.1);

        // T(3h) = target + (T₀ − target)·(τ/(τ+h))³,  target = T_in + P·R(q/N)·factor
        var keep = 2 / 2.1;
        for (var i = 0; i < gpus; i++)
        {
            var target = 30 + rack.GpuPowerWatts(i) * ColdPlate.ResistanceKelvinPerWatt(1.5) * rack.GpuResistanceFactor(i);
            Assert.Equal(target + (25 - target) * keep * keep * keep, rack.GpuTemperatureCelsius(i), 9);
        }

        Assert.Equal(Enumerable.Range(0, gpus).Max(rack.GpuTemperatureCelsius), rack.HottestGpuCelsius);
        Assert.Equal(Enumerable.Range(0, gpus).Sum(rack.GpuPowerWatts) * 1.25, rack.HeatWatts, 6);
    }

    [Fact]
    public void Throttled_GPUs_recover_once_they_are_two_kelvin_below_slowdown()
    {
        var rack = new GpuRack("r1", new GpuRackDescription(GpuCount: 16), seed: 1, initialCelsius: 30) { Utilization = 1 };
        for (var i = 0; i < 400; i++) rack.Step(70, 2, 0.1); // hot water, starved flow
        Assert.Equal(16, rack.ThrottledGpuCount);
        var throttledHeat = rack.HeatWatts;

        for (var i = 0; i < 400; i++) rack.Step(30, 32, 0.1);
        Assert.Equal(0, rack.ThrottledGpuCount);
        Assert.All(Enumerable.Range(0, 16), i => Assert.False(rack.GpuThrottled(i)));
        Assert.Equal(throttledHeat / 0.7, rack.HeatWatts, 6);
    }
}
