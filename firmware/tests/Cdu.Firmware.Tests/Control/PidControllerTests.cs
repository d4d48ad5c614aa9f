using Cdu.Firmware.Control;

namespace Cdu.Firmware.Tests.Control;

public sealed class PidControllerTests
{
    [Fact]
    public void Direct_action_opens_the_output_when_the_measurement_is_above_the_setpoint()
    {
        var pid = new PidController(2.0, 0, 0, 0, 100, ControlAction.Direct);
        pid.Reset(50, 30);

        var output = pid.Update(30, 32, 0, 0.1);

        Assert.Equal(50 + 2.0 * 2, output, 6);
    }

    [Fact]
    public void Reverse_action_closes_the_output_when_the_measurement_is_above_the_setpoint()
    {
        var pid = new PidController(2.0, 0, 0, 0, 100, ControlAction.Reverse);
        pid.Reset(50, 30);

        var output = pid.Update(30, 32, 0, 0.1);

        Assert.Equal(50 - 2.0 * 2, output, 6);
    }

    [Fact]
    public void Integral_action_accumulates_in_proportion_to_the_sample_time()
    {
        var pid = new PidController(1.0, 10, 0, -100, 100, ControlAction.Reverse);
        pid.Reset(0, 0);
        pid.Update(1, 0, 0, 0.5);          // P = 1; I grows by 1·0.5/10 after the sample
        var second = pid.Update(1, 0, 0, 2.0); // P = 1 plus the integral of the first sample (0.05)

        Assert.Equal(1 + 0.05, second, 6);
    }

    [Fact]
    public void Output_never_leaves_its_limits_and_back_calculation_unwinds_the_integral()
    {
        var pid = new PidController(5.0, 20, 0, 0, 100, ControlAction.Direct);
        pid.Reset(0, 30);
        for (var i = 0; i < 6000; i++)
        {
            Assert.InRange(pid.Update(20, 30, 0, 0.1), 0, 100); // saturated high for 10 minutes
        }

        // Measurement drops below the setpoint: without anti-windup the output would stay at 100 for minutes.
        var steps = 0;
        while (pid.Update(20, 19, 0, 0.1) >= 99.9 && steps < 10_000) steps++;
        Assert.True(steps < 50, $"took {steps} samples to leave saturation");
    }

    [Fact]
    public void NaN_or_infinite_inputs_hold_the_last_output_and_flag_a_fault()
    {
        var pid = new PidController(2.0, 60, 0, 0, 100, ControlAction.Direct);
        pid.Reset(40, 30);
        var before = pid.Update(30, 31, 0, 0.1);

        Assert.Equal(before, pid.Update(30, double.NaN, 0, 0.1));
        Assert.True(pid.Faulted);
        Assert.Equal(before, pid.Update(double.PositiveInfinity, 31, 0, 0.1));
        Assert.True(pid.Faulted);

        pid.Update(30, 31, 0, 0.1);
        Assert.False(pid.Faulted);
    }

    [Fact]
    public void Derivative_acts_on_the_measurement_not_on_setpoint_steps()
    {
        var pid = new PidController(1.0, 0, 10, -100, 100, ControlAction.Reverse) { SetpointWeightProportional = 0 };
        pid.Reset(0, 20);
        pid.Update(20, 20, 0, 0.1);

        var afterSetpointStep = pid.Update(25, 20, 0, 0.1);   // b = 0, c = 0: no kick from the setpoint
        var afterMeasurementStep = pid.Update(25, 21, 0, 0.1);

        Assert.Equal(-20, afterSetpointStep, 6);        // P = Kp·(b·r − y) = −20
        Assert.True(afterMeasurementStep < -21 - 1, "the derivative should push against a rising measurement");
    }
}
