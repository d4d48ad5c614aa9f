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

    [Fact]
    public void Derivative_is_filtered_by_a_first_order_lag_of_Td_over_N()
    {
        // Kp = 2, Td = 10 s, N = 10: Tf = 1 s. A unit measurement step kicks D by −Kp·Td·Δy/(Tf + h), then D decays by Tf/(Tf + h) a sample.
        var pid = new PidController(2.0, 0, 10, -1000, 1000, ControlAction.Reverse) { DerivativeFilterDivisor = 10 };
        pid.Reset(0, 20);
        Assert.Equal(0, pid.Update(20, 20, 0, 0.1), 9);

        var kick = pid.Update(20, 21, 0, 0.1);
        var next = pid.Update(20, 21, 0, 0.1);

        Assert.Equal(-2 - 2.0 * 10 * 1 / 1.1, kick, 9);          // unfiltered it would be −2 − 200
        Assert.Equal(-2 - 2.0 * 10 * 1 / 1.1 / 1.1, next, 9);    // unfiltered it would be back to −2
    }

    [Fact]
    public void Back_calculation_holds_the_integral_at_its_tracking_equilibrium_while_saturated()
    {
        // Saturated at u = 100 with |e| = 10: ΔI = 0 when Kp·e/Ti = (v − u)/Tt, i.e. v = u + Kp·Tt·|e|/Ti.
        var pid = new PidController(5.0, 20, 0, 0, 100, ControlAction.Direct);
        Assert.Equal(AntiWindup.BackCalculation, pid.AntiWindup);
        var trackingTime = pid.TrackingTimeSeconds;
        pid.Reset(0, 30);
        for (var i = 0; i < 6000; i++) pid.Update(20, 30, 0, 0.1);

        var proportional = 5.0 * 10;
        Assert.Equal(100 + 5.0 * trackingTime * 10 / 20 - proportional, pid.IntegralTerm, 3);

        // The same controller without tracking (Tt → ∞) winds up to Kp·t·e/Ti ≈ 1500.
        var wound = new PidController(5.0, 20, 0, 0, 100, ControlAction.Direct) { TrackingTimeSeconds = 1e12 };
        wound.Reset(0, 30);
        for (var i = 0; i < 6000; i++) wound.Update(20, 30, 0, 0.1);
        Assert.True(wound.IntegralTerm > 1000, $"integral {wound.IntegralTerm}");
    }

    [Fact]
    public void Clamping_stops_integrating_at_the_limit_and_leaves_saturation_at_once()
    {
        var pid = new PidController(5.0, 20, 0, 0, 100, ControlAction.Direct) { AntiWindup = AntiWindup.Clamping, TrackingTimeSeconds = 1e12 };
        pid.Reset(0, 20);
        for (var i = 0; i < 6000; i++)
        {
            Assert.InRange(pid.Update(20, 30, 0, 0.1), 0, 100); // P = 50; the integral rises until v = P + I reaches 100
        }

        Assert.Equal(100, pid.Output);
        Assert.Equal(50, pid.IntegralTerm, 9);                  // integrated exactly up to the limit, not beyond

        // The measurement drops below the setpoint: P = −5, v = −5 + 50 → the first sample leaves saturation.
        Assert.Equal(45, pid.Update(20, 19, 0, 0.1), 9);

        // Without clamping (back-calculation with Tt → ∞) the same run winds up and stays saturated.
        var wound = new PidController(5.0, 20, 0, 0, 100, ControlAction.Direct) { TrackingTimeSeconds = 1e12 };
        wound.Reset(0, 20);
        for (var i = 0; i < 6000; i++) wound.Update(20, 30, 0, 0.1);
        Assert.Equal(100, wound.Update(20, 19, 0, 0.1));
    }

    [Fact]
    public void CTL_5_manual_to_auto_transfer_moves_the_output_less_than_one_percent_of_span()
    {
        // PID with feedforward and an error present: in manual the integral tracks u − P − D − ff each sample.
        var pid = new PidController(4.0, 30, 5, 0, 100, ControlAction.Direct) { Mode = ControllerMode.Manual, ManualOutput = 37 };
        pid.Reset(0, 25);
        double measurement = 26;
        for (var i = 0; i < 600; i++)
        {
            measurement = 26 + 0.002 * i;                        // drifting, 2 K above the setpoint
            Assert.Equal(37, pid.Update(24, measurement, 3, 0.1));
        }

        pid.Mode = ControllerMode.Automatic;
        var first = pid.Update(24, measurement + 0.002, 3, 0.1);

        var span = pid.OutputMaximum - pid.OutputMinimum;
        Assert.True(Math.Abs(first - 37) < 0.01 * span, $"first automatic output {first}, manual was 37");
        Assert.False(pid.Faulted);

        // Back to manual: the output goes to the operator's value at once, and clamped to the limits.
        pid.Mode = ControllerMode.Manual;
        pid.ManualOutput = 120;
        Assert.Equal(100, pid.Update(24, measurement, 3, 0.1));
    }

    [Fact]
    public void Changing_Kp_Ti_Td_b_and_the_action_on_the_fly_does_not_step_the_output()
    {
        var pid = new PidController(2.0, 60, 4, -200, 200, ControlAction.Direct) { SetpointWeightProportional = 0.7 };
        pid.Reset(40, 31);
        for (var i = 0; i < 100; i++) pid.Update(30, 31 + 0.01 * i, 0, 0.1);   // rising measurement: D is active
        var before = pid.Update(30, 32, 0, 0.1);

        pid.ProportionalGain = 5;
        pid.IntegralTimeSeconds = 20;
        pid.DerivativeTimeSeconds = 8;
        pid.SetpointWeightProportional = 1.0;
        var after = pid.Update(30, 32, 0, 0.1);

        // Only one sample of integration and the decay of D remain: without the rescaled integral P alone steps by −(5−2)·… ≈ −45.
        Assert.True(Math.Abs(after - before) < 0.5, $"output stepped from {before} to {after}");

        pid.Action = ControlAction.Reverse;                     // even a change of direction does not step the output
        var reversed = pid.Update(30, 32, 0, 0.1);
        Assert.True(Math.Abs(reversed - after) < 0.5, $"output stepped from {after} to {reversed}");

        // The new gain acts on the next change: a 1 K rise now moves a reverse-acting P by −5.
        var p0 = new PidController(5.0, 0, 0, -200, 200, ControlAction.Reverse);
        p0.Reset(0, 30);
        p0.Update(30, 30, 0, 0.1);
        p0.ProportionalGain = 2.0;
        Assert.Equal(-2.0, p0.Update(30, 31, 0, 0.1), 9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Setpoint_weight_b_scales_the_proportional_kick_of_a_setpoint_step(double b)
    {
        var pid = new PidController(2.0, 0, 0, -100, 100, ControlAction.Reverse) { SetpointWeightProportional = b };
        pid.Reset(0, 20);
        var before = pid.Update(20, 20, 0, 0.1);
        var after = pid.Update(25, 20, 0, 0.1);

        Assert.Equal(2.0 * b * 5, after - before, 9);            // ΔP = Kp·b·Δr
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void Setpoint_weight_c_scales_the_derivative_kick_of_a_setpoint_step(double c)
    {
        // b = 0 keeps P out of it; Kp = 1, Td = 10 s, N = 10 → Tf = 1 s: ΔD = Kp·Td·c·Δr/(Tf + h).
        var pid = new PidController(1.0, 0, 10, -1000, 1000, ControlAction.Reverse) { SetpointWeightProportional = 0, SetpointWeightDerivative = c };
        pid.Reset(0, 20);
        var before = pid.Update(20, 20, 0, 0.1);
        var after = pid.Update(25, 20, 0, 0.1);

        Assert.Equal(1.0 * 10 * c * 5 / 1.1, after - before, 9);
    }

    [Fact]
    public void Output_is_held_within_its_limits_and_follows_a_change_of_the_limits()
    {
        var pid = new PidController(10.0, 0, 0, 10, 90, ControlAction.Reverse);
        pid.Reset(50, 20);

        Assert.Equal(90, pid.Update(30, 20, 0, 0.1));            // 50 + 100
        Assert.Equal(10, pid.Update(10, 20, 0, 0.1));            // 50 − 100
        pid.OutputMaximum = 80;
        Assert.Equal(80, pid.Update(30, 20, 0, 0.1));
        pid.OutputMinimum = 20;
        Assert.Equal(20, pid.Update(10, 20, 0, 0.1));
    }

    [Fact]
    public void Slew_limit_bounds_the_output_change_per_second()
    {
        var pid = new PidController(10.0, 0, 0, 0, 100, ControlAction.Reverse) { OutputSlewRatePerSecond = 2 };
        pid.Reset(50, 20);

        Assert.Equal(51, pid.Update(30, 20, 0, 0.5), 9);         // wants 150; 2 %/s × 0.5 s
        Assert.Equal(52, pid.Update(30, 20, 0, 0.5), 9);
        Assert.Equal(56, pid.Update(30, 20, 0, 2.0), 9);         // scales with the sample time
        Assert.Equal(52, pid.Update(10, 20, 0, 2.0), 9);         // and limits both directions
        pid.OutputSlewRatePerSecond = 0;
        Assert.Equal(100, pid.Update(30, 20, 0, 0.1));           // 0 = off
    }

    [Theory]
    [InlineData(AntiWindup.BackCalculation)]
    [InlineData(AntiWindup.Clamping)]
    public void Integral_does_not_wind_up_against_the_slew_limit(AntiWindup antiWindup)
    {
        // PI ramps at 0.2 %/s for 20 s against an error of 10; without anti-windup the integral would reach
        // Kp·t·e/Ti = 20 while the output only reached 4, and the output would keep opening after the error is gone.
        var pid = new PidController(1.0, 10, 0, 0, 100, ControlAction.Reverse) { OutputSlewRatePerSecond = 0.2, AntiWindup = antiWindup };
        pid.Reset(0, 0);
        for (var i = 0; i < 200; i++) pid.Update(10, 0, 0, 0.1);
        var atRelease = pid.Output;
        Assert.Equal(4, atRelease, 6);

        var highest = atRelease;
        for (var i = 0; i < 300; i++) highest = Math.Max(highest, pid.Update(10, 10, 0, 0.1));

        Assert.True(highest <= atRelease + 1e-9, $"output kept opening to {highest} after the error vanished at {atRelease}");
        Assert.True(pid.IntegralTerm < atRelease, $"integral {pid.IntegralTerm} wound past the output {atRelease}");
    }

    [Fact]
    public void Feedforward_adds_to_the_output_directly()
    {
        var pid = new PidController(2.0, 30, 0, 0, 100, ControlAction.Reverse);
        pid.Reset(40, 20);

        Assert.Equal(40, pid.Update(20, 20, 0, 0.1), 9);
        Assert.Equal(47.5, pid.Update(20, 20, 7.5, 0.1), 9);     // at zero error the integral does not move
        Assert.Equal(40 - 2.0, pid.Update(20, 21, 0, 0.1), 9);   // P = Kp·(r − y) = −2, feedforward gone
    }

    [Fact]
    public void Tracking_output_follows_the_tracking_value_and_release_is_bumpless()
    {
        var pid = new PidController(3.0, 20, 2, 0, 100, ControlAction.Direct);
        pid.Reset(20, 25);
        pid.Tracking = true;
        pid.Mode = ControllerMode.Manual;                         // tracking has priority over manual
        pid.ManualOutput = 10;
        for (var i = 0; i < 300; i++)
        {
            pid.TrackingValue = 60 + 0.01 * i;
            Assert.Equal(pid.TrackingValue, pid.Update(24, 26, 0, 0.1), 9);
        }

        var tracked = pid.Output;
        pid.Mode = ControllerMode.Automatic;
        pid.Tracking = false;
        var released = pid.Update(24, 26, 0, 0.1);

        Assert.True(Math.Abs(released - tracked) < 0.01 * 100, $"released at {released}, tracked {tracked}");

        pid.Tracking = true;
        pid.TrackingValue = 150;
        Assert.Equal(100, pid.Update(24, 26, 0, 0.1));           // clamped to the limits
        pid.TrackingValue = double.NaN;
        Assert.Equal(100, pid.Update(24, 26, 0, 0.1));           // an invalid tracking value holds
        Assert.True(pid.Faulted);
    }

    [Fact]
    public void Manual_output_follows_the_operator_while_the_measurement_is_invalid_and_the_return_is_bumpless()
    {
        var pid = new PidController(4.0, 30, 0, 0, 100, ControlAction.Direct) { Mode = ControllerMode.Manual, ManualOutput = 45 };
        pid.Reset(0, 25);

        Assert.Equal(45, pid.Update(24, double.NaN, 0, 0.1));
        Assert.True(pid.Faulted);
        pid.ManualOutput = 47;
        Assert.Equal(47, pid.Update(24, double.NaN, 0, 0.1));

        pid.Mode = ControllerMode.Automatic;
        var first = pid.Update(24, 26, 0, 0.1);                  // integral re-derived from the held output
        Assert.True(Math.Abs(first - 47) < 1, $"first automatic output {first}");
        Assert.False(pid.Faulted);
    }

    [Fact]
    public void A_sample_time_of_zero_or_less_holds_the_output_without_touching_the_state()
    {
        var pid = new PidController(2.0, 10, 0, -100, 100, ControlAction.Reverse);
        var reference = new PidController(2.0, 10, 0, -100, 100, ControlAction.Reverse);
        pid.Reset(0, 0);
        reference.Reset(0, 0);
        var held = pid.Update(1, 0, 0, 0.5);
        reference.Update(1, 0, 0, 0.5);

        Assert.Equal(held, pid.Update(1, 0.3, 0, 0));
        Assert.True(pid.Faulted);
        Assert.Equal(held, pid.Update(1, 0.3, 0, -1));
        Assert.Equal(held, pid.Update(1, 0.3, 0, double.NaN));
        Assert.Equal(held, pid.Update(1, 0.3, 0, double.PositiveInfinity));

        Assert.Equal(reference.Update(1, 0, 0, 0.5), pid.Update(1, 0, 0, 0.5), 12);
        Assert.False(pid.Faulted);
    }

    [Fact]
    public void A_stalled_cycle_is_integrated_as_at_most_ten_nominal_samples()
    {
        var pid = new PidController(1.0, 10, 0, -1000, 1000, ControlAction.Reverse) { NominalSampleTimeSeconds = 0.1 };
        var reference = new PidController(1.0, 10, 0, -1000, 1000, ControlAction.Reverse);
        pid.Reset(0, 0);
        reference.Reset(0, 0);
        pid.Update(1, 0, 0, 0.1);
        reference.Update(1, 0, 0, 0.1);
        Assert.False(pid.SampleTimeLimited);

        pid.Update(1, 0, 0, 1000);                               // a 1000 s stall …
        reference.Update(1, 0, 0, 1.0);                          // … counts as 10 × 0.1 s
        Assert.True(pid.SampleTimeLimited);

        Assert.Equal(reference.Update(1, 0, 0, 0.1), pid.Update(1, 0, 0, 0.1), 12);
        Assert.False(pid.SampleTimeLimited);
    }

    [Fact]
    public void A_huge_sample_time_without_a_nominal_does_not_blow_up()
    {
        var pid = new PidController(5.0, 20, 2, 0, 100, ControlAction.Direct);
        pid.Reset(50, 25);
        pid.Update(24, 25, 0, 0.1);

        foreach (var huge in new[] { 1e6, 1e300, double.MaxValue })
        {
            var output = pid.Update(24, 25, 0, huge);
            Assert.False(double.IsNaN(output) || double.IsInfinity(output));
            Assert.InRange(output, 0, 100);
            Assert.False(double.IsNaN(pid.IntegralTerm) || double.IsInfinity(pid.IntegralTerm));
        }

        // A single sample integrates at most one span: the controller comes back from saturation in bounded time.
        var steps = 0;
        while (pid.Update(24, 23, 0, 0.1) >= 99.9 && steps < 10_000) steps++;
        Assert.True(steps < 1000, $"took {steps} samples to leave saturation");
    }

    [Fact]
    public void Update_allocates_nothing()
    {
        var pid = new PidController(4.0, 30, 5, 0, 100, ControlAction.Direct)
        {
            OutputSlewRatePerSecond = 5, NominalSampleTimeSeconds = 0.1, AntiWindup = AntiWindup.Clamping,
        };
        pid.Reset(50, 25);
        for (var i = 0; i < 1000; i++) pid.Update(24, 25 + Math.Sin(i * 0.01), 1, 0.1); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            pid.Tracking = i % 1000 < 100;
            pid.TrackingValue = 40;
            pid.ProportionalGain = 4 + (i % 7) * 0.1;
            pid.Update(24, 25 + Math.Sin(i * 0.01), 1, 0.1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
