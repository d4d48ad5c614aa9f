using Cdu.Firmware.Control;
using Xunit.Abstractions;

namespace Cdu.Firmware.Tests.Control;

public sealed class RelayAutoTunerTests(ITestOutputHelper log)
{
    // The test plant: k = ±2 K/%, τ = 60 s, θ = 10 s, resting at 50 % → 30 °C, sampled every 0.1 s.
    private const double TrueGain = 2.0;
    private const double TrueTimeConstantSeconds = 60.0;
    private const double TrueDeadTimeSeconds = 10.0;
    private const double SampleTimeSeconds = 0.1;
    private const double RestingOutput = 50.0;
    private const double RestingMeasurement = 30.0;

    private static FopdtPlant Plant(double gain) =>
        new(gain, TrueTimeConstantSeconds, TrueDeadTimeSeconds, RestingMeasurement - gain * RestingOutput, SampleTimeSeconds, RestingOutput);

    /// <summary>Runs the experiment to its end (or <paramref name="maximumSeconds"/>) and returns the tuner.</summary>
    private static RelayAutoTuner Run(RelayAutoTuner tuner, FopdtPlant plant, double setpoint, double maximumSeconds = 7200)
    {
        tuner.Start(setpoint, RestingOutput, plant.Output);
        double output = tuner.Output;
        for (double t = 0; t < maximumSeconds && tuner.IsRunning; t += SampleTimeSeconds)
        {
            plant.Step(output);
            output = tuner.Update(plant.Output, SampleTimeSeconds);
        }

        return tuner;
    }

    [Theory]
    [InlineData(ControlAction.Reverse, TrueGain)]   // a higher output raises the measurement (heater, pump on ΔP)
    [InlineData(ControlAction.Direct, -TrueGain)]   // a higher output lowers it (the facility valve on supply temperature)
    public void Identifies_k_tau_and_theta_of_a_first_order_plus_dead_time_plant_within_tolerance(ControlAction action, double gain)
    {
        var plant = Plant(gain);
        var tuner = Run(new RelayAutoTuner(action, amplitude: 10, hysteresis: 0.1, outputMinimum: 0, outputMaximum: 100, timeoutSeconds: 3600),
            plant, setpoint: RestingMeasurement + 5);
        var result = tuner.Result;
        log.WriteLine($"{result.Failure} k={result.ProcessGain} tau={result.TimeConstantSeconds} theta={result.DeadTimeSeconds} Pu={result.OscillationPeriodSeconds} a={result.OscillationAmplitude} Ku={result.UltimateGain} t={tuner.ElapsedSeconds} cycles={tuner.CompletedCycles}");

        Assert.True(result.IsComplete);
        Assert.True(result.Succeeded, result.Failure.ToString());
        Assert.Equal(RelayAutoTuneFailure.None, result.Failure);
        Assert.False(tuner.IsRunning);
        Assert.Equal(RestingOutput, tuner.Output);            // back at rest once done
        Assert.Equal(3, result.CyclesUsed);
        Assert.Equal(action, result.Action);
        Assert.InRange(result.ProcessGain / gain, 0.95, 1.05);                                   // ±5 %
        Assert.InRange(result.TimeConstantSeconds / TrueTimeConstantSeconds, 0.9, 1.1);          // ±10 %
        Assert.InRange(result.DeadTimeSeconds / TrueDeadTimeSeconds, 0.9, 1.2);                  // −10 … +20 % (sampling adds ≤ h)
        Assert.InRange(result.OscillationPeriodSeconds, 40, 80);
        Assert.True(result.OscillationAmplitude > 0);
    }
}
