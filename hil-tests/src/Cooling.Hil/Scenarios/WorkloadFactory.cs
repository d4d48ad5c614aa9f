using Cooling.Models;
using Cooling.Models.Components;

namespace Cooling.Hil.Scenarios;

/// <summary>Turns a scenario's <see cref="WorkloadSpec"/> into each rack's GPU utilization over plant time.</summary>
public static class WorkloadFactory
{
    public static readonly string[] Kinds = ["constant", "step", "steps", "ramp", "training", "inference", "csv", "mixed"];

    /// <summary>The workload of <paramref name="spec"/> (generators of Cooling.Models); <paramref name="scenarioFolder"/> resolves CSV files; <paramref name="seed"/> the noise.</summary>
    public static RackUtilization Create(WorkloadSpec spec, string scenarioFolder, int seed) => spec.Kind switch
    {
        "constant" => Workloads.Constant(spec.Utilization),
        "step" => Workloads.Step(TimeSpan.FromSeconds(spec.AtSeconds), spec.From, spec.To),
        "steps" => spec.Staggered
            ? Workloads.StaggeredSteps(TimeSpan.FromSeconds(spec.PeriodSeconds), spec.Low, spec.High)
            : Synchronized(spec.Low, spec.High, spec.PeriodSeconds),
        "ramp" => Workloads.Ramp(TimeSpan.FromSeconds(spec.AtSeconds), TimeSpan.FromSeconds(spec.OverSeconds), spec.From, spec.To),
        "training" => Workloads.SynchronizedTraining(new SynchronizedTrainingWorkload
        {
            Seed = seed,
            Low = spec.Low,
            High = spec.High,
            SwingPeriod = TimeSpan.FromSeconds(spec.PeriodSeconds),
            HighFraction = spec.HighFraction,
            CheckpointInterval = TimeSpan.FromSeconds(spec.CheckpointEverySeconds),
            CheckpointDuration = TimeSpan.FromSeconds(spec.CheckpointSeconds),
            Checkpoint = spec.Idle,
            FirstJobStart = TimeSpan.FromSeconds(spec.StartSeconds),
            JobDuration = spec.StopSeconds is { } stop ? TimeSpan.FromSeconds(stop - spec.StartSeconds) : TimeSpan.MaxValue,
            JobGap = TimeSpan.FromDays(3650),
            Idle = spec.Idle,
        }),
        "inference" => Workloads.DailyInference(new DailyInferenceWorkload
        {
            Seed = seed,
            Minimum = spec.Trough,
            Peak = spec.Peak,
            PeakHour = spec.PeakHour,
            Noise = spec.Noise,
            NoiseInterval = TimeSpan.FromSeconds(spec.PeriodSeconds > 0 ? spec.PeriodSeconds : 60),
        }),
        "csv" => new RackTraceWorkload(Path.Combine(scenarioFolder, spec.File!),
            spec.Values == "rackPowerWatts" ? RackTraceValueKind.RackPowerWatts : RackTraceValueKind.UtilizationPercent, new GpuRackDescription()) { Repeat = false }.Create(),
        "mixed" => Mixed(spec, scenarioFolder, seed),
        _ => throw new ArgumentException($"'{spec.Kind}' is not a workload kind."),
    };

    // Every rack together: high for the first half of each period, low for the second.
    private static RackUtilization Synchronized(double low, double high, double periodSeconds) => Workloads.SynchronizedTraining(new SynchronizedTrainingWorkload
    {
        Low = low,
        High = high,
        SwingPeriod = TimeSpan.FromSeconds(periodSeconds),
        HighFraction = 0.5,
        CheckpointInterval = TimeSpan.Zero,
    });

    private static RackUtilization Mixed(WorkloadSpec s, string folder, int seed)
    {
        var parts = s.Parts.Select(p => (Racks: p.Racks.ToHashSet(), Workload: Create(p.Workload, folder, seed))).ToArray();
        return (t, loop, rack) =>
        {
            foreach (var part in parts)
            {
                if (part.Racks.Contains(rack + 1)) return part.Workload(t, loop, rack);
            }

            return 0;
        };
    }

    /// <summary>Reads and checks a CSV rack trace (format of Cooling.Models' RackTrace); the error names the file, the line and the column.</summary>
    public static RackTrace ReadCsv(string path, string values)
    {
        if (!File.Exists(path)) throw new ScenarioException($"{path}: the workload trace does not exist");
        try
        {
            return RackTrace.Load(path, values == "rackPowerWatts" ? RackTraceValueKind.RackPowerWatts : RackTraceValueKind.UtilizationPercent, new GpuRackDescription());
        }
        catch (FormatException ex)
        {
            throw new ScenarioException(ex.Message);
        }
    }
}
