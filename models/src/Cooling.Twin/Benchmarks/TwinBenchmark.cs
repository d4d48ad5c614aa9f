using System.Diagnostics;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;

namespace Cooling.Twin.Benchmarks;

/// <summary>One measurement: plant time simulated, wall time it took, and their ratio ("× real time").</summary>
public sealed record SpeedMeasurement(string Name, string What, int Threads, TimeSpan PlantTime, TimeSpan WallTime)
{
    public double TimesRealTime => WallTime > TimeSpan.Zero ? PlantTime / WallTime : double.PositiveInfinity;
}

/// <summary>The measurements, and whether the hall on one thread and on several ended with identical figures for every CDU.</summary>
public sealed record TwinBenchmarkResult(IReadOnlyList<SpeedMeasurement> Measurements, bool SerialAndParallelIdentical)
{
    public SpeedMeasurement this[string name] => Measurements.First(m => m.Name == name);
}

/// <summary>The sizes of the twin's speed benchmark: the plant time each measurement covers and the thread count of the parallel one.</summary>
public sealed record TwinBenchmarkOptions
{
    /// <summary>Plant time of the one-CDU measurements.</summary>
    public TimeSpan LoopPlantTime { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Plant time of the hall measurements.</summary>
    public TimeSpan HallPlantTime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>CDUs in the hall.</summary>
    public int HallCdus { get; init; } = 50;

    /// <summary>Racks per CDU (GPUs per rack: the loop's rack description, 72).</summary>
    public int RacksPerCdu { get; init; } = 8;

    /// <summary>Threads of the parallel hall measurement.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Plant time run before each measurement and not counted (start-up, JIT).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A few seconds in all: for tests and a first look.</summary>
    public static TwinBenchmarkOptions Quick { get; } = new()
    {
        LoopPlantTime = TimeSpan.FromMinutes(5), HallPlantTime = TimeSpan.FromSeconds(20), HallCdus = 4, RacksPerCdu = 8,
        WarmUp = TimeSpan.FromSeconds(10),
    };
}

/// <summary>
/// Measures simulated time / wall time of the twin: (a) one CDU loop of 8 racks × 72 GPUs at the firmware's control
/// step on one thread, against the plant alone (same loop, fixed commands, no firmware) measured in the same run;
/// (b) a hall of many such loops, on one thread and on <see cref="TwinBenchmarkOptions.Threads"/> threads (the
/// speed-up is the ratio of the two, both measured in the same run). Every hall run uses the same seed, so the
/// parallel and serial runs must end in identical states — checked and reported.
/// </summary>
public static class TwinBenchmark
{
    public static HallDescription Hall(int cdus, int racksPerCdu) => new()
    {
        SiteId = "bench",
        CduCount = cdus,
        Loop = LoopSizing.ForRacks(racksPerCdu),
        FirmwareSettings = LoopSizing.SettingsFor(LoopSizing.ForRacks(racksPerCdu)),
        Workload = Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0),
    };

    /// <summary>Runs every measurement; <paramref name="report"/> is told what is being measured before each.</summary>
    public static TwinBenchmarkResult Run(TwinBenchmarkOptions options, Action<string>? report = null)
    {
        var results = new List<SpeedMeasurement>();
        report?.Invoke("plant alone, 1 CDU");
        results.Add(PlantAlone(options));
        report?.Invoke("firmware core + plant, 1 CDU");
        results.Add(HallRun("loop", $"1 CDU × {options.RacksPerCdu} racks × 72 GPUs, firmware core + plant, 100 ms step", 1, options.RacksPerCdu, 1, options.LoopPlantTime, options.WarmUp, out _));
        report?.Invoke($"hall of {options.HallCdus} CDUs, 1 thread");
        results.Add(HallRun("hall-serial", $"{options.HallCdus} CDUs × {options.RacksPerCdu} racks, 1 thread", options.HallCdus, options.RacksPerCdu, 1, options.HallPlantTime, options.WarmUp, out var serial));
        report?.Invoke($"hall of {options.HallCdus} CDUs, {options.Threads} threads");
        results.Add(HallRun("hall-parallel", $"{options.HallCdus} CDUs × {options.RacksPerCdu} racks, {options.Threads} threads", options.HallCdus, options.RacksPerCdu, options.Threads, options.HallPlantTime, options.WarmUp, out var parallel));
        return new TwinBenchmarkResult(results, serial.SequenceEqual(parallel));
    }

    private static SpeedMeasurement PlantAlone(TwinBenchmarkOptions options)
    {
        var plant = new SecondaryLoopPlant(LoopSizing.ForRacks(options.RacksPerCdu), 1);
        bool[] run = [true, false, false, false];
        double[] speed = [70, 0, 0, 0];
        var workload = Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0);
        var steps = (long)(options.LoopPlantTime.TotalSeconds * 10);
        var warm = (long)(options.WarmUp.TotalSeconds * 10);
        var clock = Stopwatch.StartNew();
        for (long i = -warm; i < steps; i++)
        {
            if (i == 0) clock.Restart();
            var time = TimeSpan.FromMilliseconds(100 * (i + warm));
            for (var r = 0; r < plant.Racks.Length; r++) plant.Racks[r].Utilization = workload(time, 0, r);
            plant.Step(50, run, speed, true, 0.1);
        }

        return new SpeedMeasurement("plant", $"1 CDU × {options.RacksPerCdu} racks × 72 GPUs, plant alone (fixed commands), 100 ms step", 1, options.LoopPlantTime, clock.Elapsed);
    }

    private static SpeedMeasurement HallRun(string name, string what, int cdus, int racks, int threads, TimeSpan plantTime, TimeSpan warmUp, out IReadOnlyList<CduSummary> summary)
    {
        using var hall = new TwinHall(Hall(cdus, racks)) { Threads = threads };
        hall.Run(warmUp);
        var clock = Stopwatch.StartNew();
        hall.Run(plantTime);
        var wall = clock.Elapsed;
        summary = hall.Summarize();
        return new SpeedMeasurement(name, what, threads, plantTime, wall);
    }
}
