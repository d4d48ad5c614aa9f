using Cdu.Firmware.Loops;

namespace Cdu.Firmware.Tests.Loops;

public sealed class PumpSpeedLoopTests
{
    private const double Dt = 0.1;
    private readonly CduSettings _settings = new(); // 30…100 %, 20 %/s (2 % per cycle), safe 80 %, ΔP gain 0.2 %/kPa

    private static double Step(PumpSpeedLoop loop, double setpoint, double measured, bool valid = true, double feedforward = 0,
        bool manual = false, double manualPercent = 0, double safe = 80, bool hold = false, double dt = Dt) =>
        loop.Update(setpoint, measured, valid, feedforward, manual, manualPercent, safe, hold, dt);

    [Fact]
    public void A_new_loop_starts_at_the_minimum_speed_holding_delta_pressure()
    {
        var loop = new PumpSpeedLoop(_settings);

        Assert.Equal(30, loop.SpeedPercent);
        Assert.False(loop.HoldsFlow);
        Assert.Equal(30, Step(loop, 120, 120), 9);
    }

    [Fact]
    public void Pressure_below_its_setpoint_speeds_the_pumps_up_and_above_slows_them_within_the_slew()
    {
        var faster = new PumpSpeedLoop(_settings);
        var slower = new PumpSpeedLoop(_settings);
        faster.Restart(60);
        slower.Restart(60);

        double up = 60, down = 60;
        for (var i = 0; i < 20; i++)
        {
            var u = Step(faster, 120, 100);
            var d = Step(slower, 120, 140);
            Assert.True(u >= up && u - up <= 2 + 1e-9);
            Assert.True(d <= down && down - d <= 2 + 1e-9);
            up = u;
            down = d;
        }

        Assert.True(up > 64);
        Assert.True(down < 56);
        Assert.False(faster.Holding);
    }

    [Fact]
    public void The_speed_stays_within_the_minimum_and_maximum()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(50);
        for (var i = 0; i < 500; i++)
        {
            Step(loop, 120, 0);
        }

        Assert.Equal(100, loop.SpeedPercent, 9);

        for (var i = 0; i < 500; i++)
        {
            Step(loop, 120, 400);
        }

        Assert.Equal(30, loop.SpeedPercent, 9);
    }

    [Fact]
    public void Restart_jumps_to_the_given_speed_and_the_loop_continues_from_there()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(75);

        Assert.Equal(75, loop.SpeedPercent);
        Assert.Equal(75, Step(loop, 120, 120), 9);
    }

    [Fact]
    public void Without_a_valid_measurement_the_pumps_go_to_their_safe_speed_at_the_slew_limit()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(50);

        for (var i = 1; i <= 20; i++)
        {
            Assert.Equal(Math.Min(80, 50 + 2 * i), Step(loop, 120, double.NaN, valid: false), 9);
            Assert.True(loop.Holding);
        }
    }

    [Fact]
    public void A_returning_measurement_takes_over_from_the_safe_speed_without_a_bump()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(80);
        Step(loop, 120, double.NaN, valid: false);

        Assert.Equal(80, Step(loop, 120, 120), 6);
        Assert.False(loop.Holding);
        Assert.Equal(80, Step(loop, 120, 120), 6);
    }

    [Fact]
    public void During_a_rotation_the_speed_is_held_whatever_the_pressure()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(55);
        Step(loop, 120, 120);

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(55, Step(loop, 120, 100, hold: true), 9);
        }

        Assert.Equal(55, Step(loop, 120, 100), 1); // and resumes from there without a bump
    }

    [Fact]
    public void Hold_wins_over_manual_and_a_lost_measurement()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(55);

        Assert.Equal(55, Step(loop, 120, double.NaN, valid: false, manual: true, manualPercent: 90, hold: true), 9);
        Assert.Equal(55, loop.SpeedPercent, 9);
    }

    [Fact]
    public void In_manual_the_speed_moves_at_the_slew_limit_to_the_manual_speed_and_returns_without_a_bump()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(50);
        Step(loop, 120, 120);

        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(50 + 2 * i, Step(loop, 120, 120, manual: true, manualPercent: 70), 9);
        }

        for (var i = 0; i < 10; i++)
        {
            Step(loop, 120, 120, manual: true, manualPercent: 70);
        }

        Assert.Equal(70, loop.SpeedPercent, 9);
        Assert.Equal(70, Step(loop, 120, 120), 6);
    }

    [Fact]
    public void Manual_wins_over_a_lost_measurement()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(50);

        for (var i = 0; i < 30; i++)
        {
            Step(loop, 120, double.NaN, valid: false, manual: true, manualPercent: 40);
        }

        Assert.Equal(40, loop.SpeedPercent, 9);
    }

    [Fact]
    public void Holding_flow_uses_the_flow_gain()
    {
        _settings.Pump.SlewPercentPerSecond = 100;
        _settings.Pump.IntegralTimeSeconds = 600;
        var pressure = new PumpSpeedLoop(_settings);
        _settings.Pump.ControlVariable = 1;
        var flow = new PumpSpeedLoop(_settings);
        pressure.Restart(50);
        flow.Restart(50);

        Assert.True(flow.HoldsFlow);
        Assert.Equal(50 + 0.2 * 10, Step(pressure, 120, 110), 1);
        Assert.Equal(50 + 0.03 * 100, Step(flow, 700, 600), 1);
    }

    [Fact]
    public void Configure_switches_the_controlled_variable_and_its_gain()
    {
        _settings.Pump.SlewPercentPerSecond = 100;
        _settings.Pump.IntegralTimeSeconds = 600;
        var loop = new PumpSpeedLoop(_settings);
        _settings.Pump.ControlVariable = 1;
        loop.Configure(_settings);
        loop.Restart(50);

        Assert.True(loop.HoldsFlow);
        Assert.Equal(50 + 0.03 * 100, Step(loop, 700, 600), 1);

        _settings.Pump.ControlVariable = 0;
        loop.Configure(_settings);
        Assert.False(loop.HoldsFlow);
    }

    [Fact]
    public void Configure_changes_the_slew_and_the_speed_limits()
    {
        var loop = new PumpSpeedLoop(_settings);
        _settings.Pump.SlewPercentPerSecond = 5;
        _settings.Pump.MaximumSpeedPercent = 70;
        _settings.Pump.MinimumSpeedPercent = 40;
        loop.Configure(_settings);
        loop.Restart(50);

        Assert.Equal(50.5, Step(loop, 120, double.NaN, valid: false, safe: 100), 9);

        loop.Restart(50);
        for (var i = 0; i < 300; i++)
        {
            Step(loop, 120, 0);
        }

        Assert.Equal(70, loop.SpeedPercent, 9);
        for (var i = 0; i < 300; i++)
        {
            Step(loop, 120, 400);
        }

        Assert.Equal(40, loop.SpeedPercent, 9);
    }

    [Fact]
    public void Feedforward_adds_to_the_speed()
    {
        _settings.Pump.SlewPercentPerSecond = 100;
        var with = new PumpSpeedLoop(_settings);
        var without = new PumpSpeedLoop(_settings);
        with.Restart(50);
        without.Restart(50);
        Step(with, 120, 120);
        Step(without, 120, 120);

        Assert.Equal(Step(without, 120, 120) + 6, Step(with, 120, 120, feedforward: 6), 6);
    }

    [Fact]
    public void A_stale_measurement_offered_while_invalid_is_not_tracked()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(80);
        Step(loop, 120, 120);
        for (var i = 0; i < 5; i++)
        {
            Step(loop, 120, 50, valid: false); // the last value the transmitter gave before it failed
        }

        Assert.Equal(80, Step(loop, 120, 120), 6);
    }

    [Fact]
    public void In_manual_the_PI_tracks_the_measurement_so_the_first_automatic_step_answers_what_changed_since()
    {
        var loop = new PumpSpeedLoop(_settings);
        loop.Restart(70);
        Step(loop, 120, 100, manual: true, manualPercent: 70);

        // 20 kPa below setpoint during manual; at setpoint on the return: the P term drops by 0.2 %/kPa · 20 kPa = 4 %,
        // which the slew limit turns into one 2 % step down.
        Assert.Equal(68, Step(loop, 120, 120), 6);
    }
}
