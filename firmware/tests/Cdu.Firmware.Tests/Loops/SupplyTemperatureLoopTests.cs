using Cdu.Firmware.Loops;

namespace Cdu.Firmware.Tests.Loops;

public sealed class SupplyTemperatureLoopTests
{
    private const double Dt = 0.1;
    private readonly CduSettings _settings = new(); // valve slew 2 %/s: 0.2 % per 100 ms cycle; setpoint slew 2 K/min

    private static double Step(SupplyTemperatureLoop loop, double target, double measured, bool valid = true, double feedforward = 0,
        double manual = 0, double safe = 70, double dt = Dt) =>
        loop.Update(target, measured, valid, feedforward, manual, safe, dt);

    [Fact]
    public void Hold_sets_the_valve_and_the_setpoint_without_limiting()
    {
        var loop = new SupplyTemperatureLoop(_settings);

        Assert.Equal(45, loop.Hold(27, 45));

        Assert.Equal(45, loop.ValveCommandPercent);
        Assert.Equal(27, loop.EffectiveSetpointCelsius);
        Assert.False(loop.Manual);
    }

    [Fact]
    public void Without_a_valid_measurement_the_valve_moves_at_its_slew_limit_to_the_safe_position()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 20);

        var previous = 20.0;
        for (var i = 1; i <= 300; i++)
        {
            var valve = Step(loop, 27, double.NaN, valid: false);
            Assert.True(loop.Holding);
            Assert.Equal(Math.Min(70, 20 + 0.2 * i), valve, 9);
            Assert.True(Math.Abs(valve - previous) <= 0.2 + 1e-9);
            previous = valve;
        }
    }

    [Fact]
    public void A_supply_above_its_setpoint_opens_the_valve_and_below_closes_it_never_faster_than_the_slew()
    {
        var opening = new SupplyTemperatureLoop(_settings);
        var closing = new SupplyTemperatureLoop(_settings);
        opening.Hold(27, 50);
        closing.Hold(27, 50);

        double up = 50, down = 50;
        for (var i = 0; i < 50; i++)
        {
            var u = Step(opening, 27, 30);
            var d = Step(closing, 27, 24);
            Assert.True(u >= up && u - up <= 0.2 + 1e-9);
            Assert.True(d <= down && down - d <= 0.2 + 1e-9);
            up = u;
            down = d;
        }

        Assert.True(up > 55);
        Assert.True(down < 45);
        Assert.False(opening.Holding);
    }

    [Fact]
    public void At_its_setpoint_the_valve_stays_where_it_was()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 42);

        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(42, Step(loop, 27, 27), 9);
        }
    }

    [Fact]
    public void A_new_target_reaches_the_PI_through_the_setpoint_ramp()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);
        Step(loop, 27, 27, dt: 1);

        for (var i = 0; i < 60; i++)
        {
            Step(loop, 30, 27, dt: 1);
        }

        Assert.Equal(29, loop.EffectiveSetpointCelsius, 9); // 2 K/min

        for (var i = 0; i < 60; i++)
        {
            Step(loop, 30, 27, dt: 1);
        }

        Assert.Equal(30, loop.EffectiveSetpointCelsius, 9);
    }

    [Fact]
    public void Configure_changes_the_setpoint_ramp_and_the_valve_slew()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        _settings.Supply.SlewKelvinPerMinute = 6;
        _settings.Valve.SlewPercentPerSecond = 5;
        loop.Configure(_settings);
        loop.Hold(27, 50);
        Step(loop, 27, 27, dt: 1);

        Step(loop, 30, 27, dt: 1);
        Assert.Equal(27.1, loop.EffectiveSetpointCelsius, 9);

        loop.Hold(27, 0);
        Assert.Equal(5, Step(loop, 27, double.NaN, valid: false, safe: 100, dt: 1), 9);
    }

    [Fact]
    public void Configure_changes_the_gain_and_the_valve_limits()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        _settings.Valve.SlewPercentPerSecond = 100;
        _settings.Valve.MaximumPercent = 60;
        _settings.Valve.ProportionalGainPercentPerKelvin = 20;
        loop.Configure(_settings);
        loop.Hold(27, 50);

        Assert.Equal(60, Step(loop, 27, 28, dt: 1), 9); // 50 + 20 %/K · 1 K, limited at 60

        _settings.Valve.MinimumPercent = 40;
        loop.Configure(_settings);
        for (var i = 0; i < 20; i++)
        {
            Step(loop, 27, 20, dt: 1);
        }

        Assert.Equal(40, loop.ValveCommandPercent, 9);
    }

    [Fact]
    public void The_limits_given_at_construction_hold_from_the_first_cycle()
    {
        _settings.Valve.SlewPercentPerSecond = 100;
        _settings.Valve.MaximumPercent = 60;
        _settings.Valve.MinimumPercent = 10;
        var high = new SupplyTemperatureLoop(_settings);
        var low = new SupplyTemperatureLoop(_settings);
        high.Hold(27, 50);
        low.Hold(27, 20);

        Assert.Equal(60, Step(high, 27, 40, dt: 1), 9);
        Assert.Equal(10, Step(low, 27, 10, dt: 1), 9);
    }

    [Fact]
    public void The_proportional_gain_given_at_construction_sets_the_first_reaction()
    {
        _settings.Valve.SlewPercentPerSecond = 100;
        _settings.Valve.ProportionalGainPercentPerKelvin = 10;
        _settings.Valve.IntegralTimeSeconds = 3600;
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);

        Assert.Equal(60, Step(loop, 27, 28, dt: 0.1), 1);
    }

    [Fact]
    public void Feedforward_adds_to_the_valve_command()
    {
        _settings.Valve.SlewPercentPerSecond = 100;
        var with = new SupplyTemperatureLoop(_settings);
        var without = new SupplyTemperatureLoop(_settings);
        with.Hold(27, 50);
        without.Hold(27, 50);
        Step(with, 27, 27, feedforward: 0);
        Step(without, 27, 27);

        Assert.Equal(Step(without, 27, 27) + 8, Step(with, 27, 27, feedforward: 8), 6);
    }

    [Fact]
    public void In_manual_the_valve_moves_at_its_slew_limit_to_the_manual_position_and_returns_without_a_bump()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);
        Step(loop, 27, 28);
        loop.SetManual(true);
        Assert.True(loop.Manual);

        var valve = 0.0;
        for (var i = 0; i < 150; i++)
        {
            valve = Step(loop, 27, 28, manual: 30);
        }

        Assert.Equal(30, valve, 9);
        Assert.False(loop.Holding);

        loop.SetManual(false);
        Assert.False(loop.Manual);
        var first = Step(loop, 27, 28);
        Assert.True(Math.Abs(first - 30) <= 0.2 + 1e-9);
        Assert.True(first >= 30); // 1 K above setpoint: it goes on opening from where the operator left it
    }

    [Fact]
    public void Manual_wins_over_a_lost_measurement()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);
        loop.SetManual(true);

        for (var i = 0; i < 200; i++)
        {
            Step(loop, 27, double.NaN, valid: false, manual: 40, safe: 70);
        }

        Assert.Equal(40, loop.ValveCommandPercent, 9);
        Assert.True(loop.Holding);
    }

    [Fact]
    public void When_the_measurement_returns_the_PI_takes_over_from_the_safe_position_without_a_bump()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 60);
        Step(loop, 27, 27);
        for (var i = 0; i < 100; i++)
        {
            Step(loop, 27, double.NaN, valid: false);
        }

        Assert.Equal(70, loop.ValveCommandPercent, 9);

        Assert.Equal(70, Step(loop, 27, 29), 6); // 2 K above setpoint, yet no step: the PI starts from the valve
        Assert.False(loop.Holding);
        Assert.True(Step(loop, 27, 29) > 70);
    }

    [Fact]
    public void The_first_cycle_after_a_hold_starts_the_setpoint_at_the_target_itself()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);

        Step(loop, 31, 31);

        Assert.Equal(31, loop.EffectiveSetpointCelsius, 9);
    }

    [Fact]
    public void A_stale_measurement_offered_while_invalid_is_not_tracked()
    {
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 70);
        Step(loop, 27, 27);
        for (var i = 0; i < 5; i++)
        {
            Step(loop, 27, 20, valid: false);
        }

        Assert.Equal(70, Step(loop, 27, 27), 6);
    }

    [Fact]
    public void In_manual_the_PI_tracks_the_measurement_so_the_first_automatic_step_answers_what_changed_since()
    {
        _settings.Valve.ProportionalGainPercentPerKelvin = 5;
        var loop = new SupplyTemperatureLoop(_settings);
        loop.Hold(27, 50);
        loop.SetManual(true);
        Step(loop, 27, 25, manual: 50);
        loop.SetManual(false);

        // 2 K below setpoint during manual, at setpoint on the return: the P term rises by 5 %/K · 2 K = 10 %, one 0.2 % step.
        Assert.Equal(50.2, Step(loop, 27, 27), 6);
    }
}
