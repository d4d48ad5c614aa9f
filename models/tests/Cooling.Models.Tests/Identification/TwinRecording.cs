using Cooling.Models.Identification;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests.Identification;

/// <summary>
/// Telemetry of rack 1 recorded from the twin's loop plant at 1 Hz while load, pump speed and supply temperature
/// move (load steps on the whole second, as the twin's workload generators make them), with seeded sensor noise:
/// GPU temperature σ 0.25 K, inlet σ 0.1 K, flow and power σ 1 %. Also the noise-free values the twin was built
/// with: the pole of its die lag sampled at 1 s and the hottest GPU's steady-state gain, read at a held steady state.
/// </summary>
internal sealed class TwinRecording
{
    public const double SamplePeriodSeconds = 1.0;
    private const double StepSeconds = 0.1;

    public List<RackThermalSample> Samples { get; } = [];

    public List<RackThermalSample> TrueSamples { get; } = [];

    /// <summary>a = (τ/(τ + h))^(Ts/h): the twin's explicit first-order lag at step h, seen every Ts.</summary>
    public double TruePole { get; private set; }

    /// <summary>b = (T_hot − T_in) / (P·q^(−n)) of the hottest GPU at a steady state of the noise-free twin.</summary>
    public double TrueGainKelvinPerKilowatt { get; private set; }

    public static TwinRecording Record(int seconds, int seed)
    {
        var recording = new TwinRecording();
        var plant = new SecondaryLoopPlant(new LoopDescription(), seed);
        var random = new Random(seed);
        var rack = plant.Racks[0];
        var tau = rack.Description.ColdPlateTimeConstantSeconds;
        recording.TruePole = Math.Pow(tau / (tau + StepSeconds), SamplePeriodSeconds / StepSeconds);

        var utilization = 0.5;
        var pumpSpeed = 80.0;
        var supplyTarget = 30.0;
        var valve = 50.0;
        int nextLoad = 0, nextPump = 0, nextSupply = 0;
        var stepsPerSample = (int)Math.Round(SamplePeriodSeconds / StepSeconds);
        for (var second = 0; second < seconds + 60; second++)
        {
            var hold = second >= seconds; // the last minute holds everything still: the steady state for the true gain
            if (!hold && second >= nextLoad) { utilization = 0.3 + 0.7 * random.NextDouble(); nextLoad = second + 20 + random.Next(70); }
            if (!hold && second >= nextPump) { pumpSpeed = 50 + 50 * random.NextDouble(); nextPump = second + 30 + random.Next(90); }
            if (!hold && second >= nextSupply) { supplyTarget = 25 + 13 * random.NextDouble(); nextSupply = second + 120 + random.Next(240); }
            plant.SetUtilization(utilization);
            for (var i = 0; i < stepsPerSample; i++)
            {
                if (!hold)
                {
                    valve = Math.Clamp(valve + 0.5 * (plant.SupplyCelsius - supplyTarget), 0, 100);
                }

                plant.Step(valve, pumpSpeed, true, StepSeconds);
            }

            var power = 0.0;
            for (var g = 0; g < rack.GpuCount; g++) power += rack.GpuPowerWatts(g);
            var truth = new RackThermalSample(rack.InletCelsius, rack.FlowLitersPerMinute, power, rack.HottestGpuCelsius);
            if (hold)
            {
                recording.TrueGainKelvinPerKilowatt = (truth.HottestGpuTemperatureCelsius - truth.InletTemperatureCelsius)
                    / RackThermalModel.Regressor(truth.GpuPowerWatts, truth.FlowLitersPerMinute, Components.ColdPlate.FlowExponent);
                continue;
            }

            recording.TrueSamples.Add(truth);
            recording.Samples.Add(new RackThermalSample(
                truth.InletTemperatureCelsius + 0.1 * Gaussian(random),
                truth.FlowLitersPerMinute * (1 + 0.01 * Gaussian(random)),
                truth.GpuPowerWatts * (1 + 0.01 * Gaussian(random)),
                truth.HottestGpuTemperatureCelsius + 0.25 * Gaussian(random)));
        }

        return recording;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

internal static class PlantExtensions
{
    public static void SetUtilization(this SecondaryLoopPlant plant, double utilization)
    {
        foreach (var rack in plant.Racks) rack.Utilization = utilization;
    }
}
