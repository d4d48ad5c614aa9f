using Cdu.Firmware.Control;

namespace Cdu.Firmware.Tests.Control;

public sealed class RelayAutoTunerTests
{
    // The test plant: k = ±2 K/%, τ = 60 s, θ = 10 s, resting at 50 % → 30 °C, sampled every 0.1 s.
    private const double TrueGain = 2.0;
    private const double TrueTimeConstantSeconds = 60.0;
    private const double TrueDeadTimeSeconds = 10.0;
    private const double SampleTimeSeconds = 0.1;
    private const double RestingOutput = 50.0;
    private const double RestingMeasurement = 30.0;
    private const double TestSetpoint = RestingMeasurement + 5;

    private static FopdtPlant Plant(double gain) =>
        new(gain, TrueTimeConstantSeconds, TrueDeadTimeSeconds, RestingMeasurement - gain * RestingOutput, SampleTimeSeconds, RestingOutput);

    private static RelayAutoTuner Tuner(ControlAction action) =>
        new(action, amplitude: 10, hysteresis: 0.1, outputMinimum: 0, outputMaximum: 100, timeoutSeconds: 3600);

    /// <summary>Runs the experiment to its end (or <paramref name="maximumSeconds"/>); returns the times the output switched.</summary>
    private static List<double> Run(RelayAutoTuner tuner, FopdtPlant plant, double setpoint, double maximumSeconds = 7200)
    {
        var switches = new List<double>();
        tuner.Start(setpoint, RestingOutput, plant.Output);
        double output = tuner.Output;
        for (var i = 1; i * SampleTimeSeconds < maximumSeconds && tuner.IsRunning; i++)
        {
            plant.Step(output);
            var next = tuner.Update(plant.Output, SampleTimeSeconds);
            if (next != output && tuner.IsRunning) switches.Add(i * SampleTimeSeconds);
            output = next;
        }

        return switches;
    }

    [Theory]
    [InlineData(ControlAction.Reverse, TrueGain)]   // a higher output raises the measurement (heater, pump on ΔP)
    [InlineData(ControlAction.Direct, -TrueGain)]   // a higher output lowers it (the facility valve on supply temperature)
    public void Identifies_k_tau_and_theta_of_a_first_order_plus_dead_time_plant_within_tolerance(ControlAction action, double gain)
    {
        var plant = Plant(gain);
        var tuner = Tuner(action);
        var switches = Run(tuner, plant, TestSetpoint);
        var result = tuner.Result;

        Assert.True(result.IsComplete);
        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(RelayAutoTuneFailure.None, result.Failure);
        Assert.False(tuner.IsRunning);
        Assert.Equal(RestingOutput, tuner.Output);                                        // back at rest once done
        Assert.Equal(3, result.CyclesUsed);
        Assert.Equal(action, result.Action);

        // Stated tolerances: k ±5 %, τ ±10 %, θ −10 … +20 % (sampling adds up to one sample to θ).
        Assert.InRange(result.ProcessGain / gain, 0.95, 1.05);
        Assert.InRange(result.TimeConstantSeconds / TrueTimeConstantSeconds, 0.90, 1.10);
        Assert.InRange(result.DeadTimeSeconds / TrueDeadTimeSeconds, 0.90, 1.20);

        // Pu is the measured switching period (last two full cycles), a half the measured peak-to-peak.
        var measuredPeriod = (switches[^1] - switches[^5]) / 2;
        Assert.Equal(measuredPeriod, result.OscillationPeriodSeconds, 0.2 * 2);
        Assert.InRange(result.OscillationAmplitude, 2.5, 4.0);
        Assert.Equal(4 * 10 / (Math.PI * result.OscillationAmplitude), result.UltimateGain, 9);   // Ku = 4d/(πa)
    }

    [Fact]
    public void Proposes_SIMC_and_AMIGO_PI_gains_by_their_formulas_from_the_identified_model()
    {
        var tuner = Tuner(ControlAction.Reverse);
        Run(tuner, Plant(TrueGain), TestSetpoint);
        var r = tuner.Result;
        Assert.True(r.Succeeded, r.Failure.ToString());
        double k = r.ProcessGain, tau = r.TimeConstantSeconds, theta = r.DeadTimeSeconds;

        // SIMC (Skogestad 2003), τc = θ by default: Kc = τ/(k(τc + θ)), Ti = min(τ, 4(τc + θ)).
        Assert.Equal(theta, r.SimcClosedLoopTimeConstantSeconds, 12);
        Assert.Equal(tau / (k * (theta + theta)), r.SimcProportionalGain, 9);
        Assert.Equal(Math.Min(tau, 4 * (theta + theta)), r.SimcIntegralTimeSeconds, 9);

        // AMIGO (Åström & Hägglund 2004): Kc = 0.15/k + (0.35 − θτ/(θ+τ)²)·τ/(kθ), Ti = 0.35θ + 13θτ²/(τ² + 12θτ + 7θ²).
        Assert.Equal(0.15 / k + (0.35 - theta * tau / ((theta + tau) * (theta + tau))) * tau / (k * theta), r.AmigoProportionalGain, 9);
        Assert.Equal(0.35 * theta + 13 * theta * tau * tau / (tau * tau + 12 * theta * tau + 7 * theta * theta), r.AmigoIntegralTimeSeconds, 9);

        // And close to the gains of the true model: SIMC 1.5 %/K, 60 s; AMIGO 0.758 %/K, 44.2 s.
        Assert.Equal(1.5, r.SimcProportionalGain, 0.1);
        Assert.Equal(60, r.SimcIntegralTimeSeconds, 3.0);
        Assert.Equal(0.758, r.AmigoProportionalGain, 0.05);
        Assert.Equal(44.2, r.AmigoIntegralTimeSeconds, 3.0);
    }

    [Fact]
    public void A_chosen_SIMC_closed_loop_time_constant_is_used()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 10, 0.1, 0, 100, 3600) { SimcClosedLoopTimeConstantSeconds = 30 };
        Run(tuner, Plant(TrueGain), TestSetpoint);
        var r = tuner.Result;

        Assert.Equal(30, r.SimcClosedLoopTimeConstantSeconds);
        Assert.Equal(r.TimeConstantSeconds / (r.ProcessGain * (30 + r.DeadTimeSeconds)), r.SimcProportionalGain, 9);
        Assert.Equal(Math.Min(r.TimeConstantSeconds, 4 * (30 + r.DeadTimeSeconds)), r.SimcIntegralTimeSeconds, 9);
    }

    [Theory]
    [InlineData(ControlAction.Reverse, TrueGain)]
    [InlineData(ControlAction.Direct, -TrueGain)]
    public void The_proposed_SIMC_PI_controls_the_test_plant_without_oscillating(ControlAction action, double gain)
    {
        var tuner = Tuner(action);
        Run(tuner, Plant(gain), TestSetpoint);
        var r = tuner.Result;
        Assert.True(r.Succeeded, r.Failure.ToString());

        var plant = Plant(gain);
        var pid = new PidController(r.SimcProportionalGain, r.SimcIntegralTimeSeconds, 0, 0, 100, r.Action);
        pid.Reset(RestingOutput, plant.Output);
        const double step = 5;
        double setpoint = RestingMeasurement + step, highest = double.MinValue, lastSign = 0;
        int crossings = 0;
        double worstAfterSettling = 0, worstAfterDisturbance = 0;
        for (var i = 0; i < 18_000; i++)                                                 // 1800 s
        {
            var t = i * SampleTimeSeconds;
            var output = pid.Update(setpoint, plant.Output, 0, SampleTimeSeconds);
            plant.Step(output, inputDisturbance: t >= 900 ? -10 : 0);                  // a 10 % load step at 900 s
            var error = plant.Output - setpoint;
            if (t < 900) highest = Math.Max(highest, plant.Output);
            if (Math.Abs(error) > 0.02 * step && Math.Sign(error) != lastSign)
            {
                crossings++;
                lastSign = Math.Sign(error);
            }

            if (t is >= 300 and < 900) worstAfterSettling = Math.Max(worstAfterSettling, Math.Abs(error));
            if (t >= 1500) worstAfterDisturbance = Math.Max(worstAfterDisturbance, Math.Abs(error));
        }

        Assert.True(highest - setpoint < 0.15 * step, $"overshoot {(highest - setpoint) / step:P0}");
        Assert.True(worstAfterSettling < 0.02 * step, $"error {worstAfterSettling} K after settling");
        Assert.True(worstAfterDisturbance < 0.02 * step, $"error {worstAfterDisturbance} K after the load step");
        Assert.True(crossings <= 4, $"{crossings} crossings of the ±2 % band: oscillating");
    }

    [Fact]
    public void Fails_with_no_oscillation_when_the_relay_cannot_reach_the_setpoint()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 5, 0.1, 0, 100, 1200);
        Run(tuner, Plant(TrueGain), setpoint: RestingMeasurement + 15);                  // 5 % reaches only +10 K

        Assert.True(tuner.Result.IsComplete);
        Assert.False(tuner.Result.Succeeded);
        Assert.Equal(RelayAutoTuneFailure.NoOscillation, tuner.Result.Failure);
        Assert.Equal(RestingOutput, tuner.Output);
        Assert.InRange(tuner.ElapsedSeconds, 1200, 1200.2);
    }

    [Fact]
    public void Fails_early_with_no_oscillation_when_the_relay_stops_switching()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 5, 0.1, 0, 100, 3600) { MaximumHalfPeriodSeconds = 300 };
        Run(tuner, Plant(TrueGain), setpoint: RestingMeasurement + 15);

        Assert.Equal(RelayAutoTuneFailure.NoOscillation, tuner.Result.Failure);
        Assert.InRange(tuner.ElapsedSeconds, 300, 300.2);
    }

    [Fact]
    public void Fails_with_timeout_when_the_cycles_do_not_repeat_in_time()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 10, 0.1, 0, 100, 600) { RequiredStableCycles = 1000 };
        Run(tuner, Plant(TrueGain), TestSetpoint);

        Assert.Equal(RelayAutoTuneFailure.Timeout, tuner.Result.Failure);
        Assert.True(tuner.CompletedCycles > 3);
        Assert.False(tuner.Result.Succeeded);
    }

    [Fact]
    public void Fails_when_the_average_output_cannot_resolve_the_gain()
    {
        // Setpoint at the resting measurement and a symmetric relay: mean(u) = u0, so k = 0/0.
        var tuner = Tuner(ControlAction.Reverse);
        Run(tuner, Plant(TrueGain), setpoint: RestingMeasurement);

        Assert.Equal(RelayAutoTuneFailure.GainNotIdentifiable, tuner.Result.Failure);
        Assert.True(tuner.Result.OscillationPeriodSeconds > 0);                         // the limit cycle itself was measured
    }

    [Fact]
    public void A_bias_offset_makes_the_gain_identifiable_at_the_resting_setpoint()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 10, 0.1, 0, 100, 3600) { BiasOffset = 5 };
        Run(tuner, Plant(TrueGain), setpoint: RestingMeasurement);

        Assert.True(tuner.Result.Succeeded, tuner.Result.Failure.ToString());
        Assert.InRange(tuner.Result.ProcessGain / TrueGain, 0.9, 1.1);
        Assert.InRange(tuner.Result.TimeConstantSeconds / TrueTimeConstantSeconds, 0.8, 1.2);
        Assert.InRange(tuner.Result.DeadTimeSeconds / TrueDeadTimeSeconds, 0.8, 1.2);
    }

    [Fact]
    public void Wrong_action_never_oscillates()
    {
        var tuner = new RelayAutoTuner(ControlAction.Direct, 10, 0.1, 0, 100, 1200);   // the plant is reverse-acting
        Run(tuner, Plant(TrueGain), TestSetpoint);

        Assert.Equal(RelayAutoTuneFailure.NoOscillation, tuner.Result.Failure);
    }

    [Fact]
    public void Invalid_configuration_fails_at_once_and_abort_returns_to_rest()
    {
        var invalid = new RelayAutoTuner(ControlAction.Reverse, 0, 0.1, 0, 100, 3600);
        invalid.Start(TestSetpoint, RestingOutput, RestingMeasurement);
        Assert.False(invalid.IsRunning);
        Assert.Equal(RelayAutoTuneFailure.InvalidConfiguration, invalid.Result.Failure);
        Assert.Equal(RestingOutput, invalid.Output);

        var tuner = Tuner(ControlAction.Reverse);
        tuner.Start(TestSetpoint, RestingOutput, RestingMeasurement);
        Assert.True(tuner.IsRunning);
        Assert.False(tuner.Result.IsComplete);
        Assert.Equal(RestingOutput + 10, tuner.Output);                                  // below the setpoint: the level that raises y

        Assert.Equal(RestingOutput + 10, tuner.Update(double.NaN, 0.1));               // a NaN measurement holds the relay
        Assert.Equal(RestingOutput + 10, tuner.Update(31, 0));                          // a sample time of 0 is ignored
        tuner.Abort();
        Assert.False(tuner.IsRunning);
        Assert.Equal(RelayAutoTuneFailure.Aborted, tuner.Result.Failure);
        Assert.Equal(RestingOutput, tuner.Output);
        Assert.Equal(RestingOutput, tuner.Update(40, 0.1));                             // stays at rest
    }

    [Fact]
    public void Relay_levels_stay_within_the_output_limits()
    {
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 30, 0.1, 0, 70, 3600);
        tuner.Start(TestSetpoint, RestingOutput, RestingMeasurement);

        Assert.Equal(70, tuner.Output);                                                  // 50 + 30 clamped
        Assert.Equal(20, tuner.Update(40, 0.1));                                         // 50 − 30
    }

    [Fact]
    public void Update_allocates_nothing()
    {
        var plant = Plant(TrueGain);
        var tuner = new RelayAutoTuner(ControlAction.Reverse, 10, 0.1, 0, 100, 1e6) { RequiredStableCycles = 1_000_000 };
        tuner.Start(TestSetpoint, RestingOutput, plant.Output);
        double output = tuner.Output;
        for (var i = 0; i < 1000; i++) output = tuner.Update(plant.Step(output), SampleTimeSeconds); // warm up

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20_000; i++) output = tuner.Update(plant.Step(output), SampleTimeSeconds);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(tuner.IsRunning);
        Assert.True(tuner.CompletedCycles > 10);
    }
}
