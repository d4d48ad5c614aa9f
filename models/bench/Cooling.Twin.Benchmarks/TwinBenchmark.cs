using System.Diagnostics;
using Cooling.Models.Descriptions;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;

namespace Cooling.Twin.Benchmarks;

/// <summary>
/// One measurement: plant time simulated, the wall time and the processor time (all threads of the process) it took,
/// and plant time over each: "× real time", and "× real time per core" (what one core delivers, whatever else the
/// machine is doing).
/// </summary>
public sealed record SpeedMeasurement(string Name, string What, int Threads, TimeSpan PlantTime, TimeSpan WallTime, TimeSpan ProcessorTime)
{
    public double TimesRealTime => WallTime > TimeSpan.Zero ? PlantTime / WallTime : double.PositiveInfinity;

    public double TimesRealTimePerCore => ProcessorTime > TimeSpan.Zero ? PlantTime / ProcessorTime : double.PositiveInfinity;
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


    /// <summary>Threads of the parallel hall measurement.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Plant time run before each measurement and not counted (start-up, JIT); for one CDU repeated until
    /// <see cref="WarmUpWallTime"/> has passed (the halls run the same code, already compiled, and must start alike).
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Least wall time of warm-up: the runtime compiles hot code a second time, optimized, only after it has run a
    /// while; a measurement that starts earlier measures the first, quick compilation.
    /// </summary>
    public TimeSpan WarmUpWallTime { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>A few seconds in all: for tests and a first look.</summary>
    public static TwinBenchmarkOptions Quick { get; } = new()
    {
        LoopPlantTime = TimeSpan.FromMinutes(5), HallPlantTime = TimeSpan.FromSeconds(20), HallCdus = 4,
        WarmUp = TimeSpan.FromSeconds(10), WarmUpWallTime = TimeSpan.FromSeconds(0.2),
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
    /// <summary>
    /// The shipped large hall (models/plants/large-hall.json: 50 CDUs × 8 racks × 72 GPUs on the ≈ 1 MW plant, synchronized
    /// training swinging 40 % ↔ 100 % every 6 s), cut to <paramref name="cdus"/> CDUs.
    /// </summary>
    public static HallDescription Hall(int cdus) => HallDescription.FromLayout(BuiltInDescriptions.LargeHall(), seed: 1) with { CduCount = cdus };

    /// <summary>Runs every measurement; <paramref name="report"/> is told what is being measured before each.</summary>
    public static TwinBenchmarkResult Run(TwinBenchmarkOptions options, Action<string>? report = null)
    {
        var results = new List<SpeedMeasurement>();
        var racks = Hall(1).Loop.RackCount;
        report?.Invoke("plant alone, 1 CDU");
        results.Add(PlantAlone(options));
        report?.Invoke("firmware core + plant, 1 CDU");
        results.Add(HallRun("loop", $"1 CDU × {racks} racks × 72 GPUs, firmware core + plant, 100 ms step", 1, 1, options.LoopPlantTime, options, out _));
        report?.Invoke($"hall of {options.HallCdus} CDUs, 1 thread");
        results.Add(HallRun("hall-serial", $"{options.HallCdus} CDUs × {racks} racks, 1 thread", options.HallCdus, 1, options.HallPlantTime, options, out var serial));
        report?.Invoke($"hall of {options.HallCdus} CDUs, {options.Threads} threads");
        results.Add(HallRun("hall-parallel", $"{options.HallCdus} CDUs × {racks} racks, {options.Threads} threads", options.HallCdus, options.Threads, options.HallPlantTime, options, out var parallel));
        return new TwinBenchmarkResult(results, serial.SequenceEqual(parallel));
    }

    private static SpeedMeasurement PlantAlone(TwinBenchmarkOptions options)
    {
        var hall = Hall(1);
        var plant = new SecondaryLoopPlant(hall.Loop, hall.PlantSeed(0));
        bool[] run = [true, false, false, false];
        double[] speed = [70, 0, 0, 0];
        var workload = hall.Workload;
        var steps = (long)(options.LoopPlantTime.TotalSeconds * 10);
        var warm = (long)(options.WarmUp.TotalSeconds * 10);
        long step = 0;
        void Step()
        {
            var time = TimeSpan.FromMilliseconds(100 * step++);
            for (var r = 0; r < plant.Racks.Length; r++) plant.Racks[r].Utilization = workload(time, 0, r);
            plant.Step(50, run, speed, true, 0.1);
        }

        var warming = Stopwatch.StartNew();
        while (step < warm || warming.Elapsed < options.WarmUpWallTime) Step();
        var processor = ProcessorTime();
        var clock = Stopwatch.StartNew();
        for (long i = 0; i < steps; i++) Step();
        clock.Stop();

        return new SpeedMeasurement("plant", $"1 CDU × {hall.Loop.RackCount} racks × 72 GPUs, plant alone (fixed commands), 100 ms step", 1, options.LoopPlantTime, clock.Elapsed, ProcessorTime() - processor);
    }

    private static SpeedMeasurement HallRun(string name, string what, int cdus, int threads, TimeSpan plantTime, TwinBenchmarkOptions options, out IReadOnlyList<CduSummary> summary)
    {
        using var hall = new TwinHall(Hall(cdus)) { Threads = threads };
        var warming = Stopwatch.StartNew();
        do
        {
            hall.Run(options.WarmUp);
        }
        while (cdus == 1 && warming.Elapsed < options.WarmUpWallTime);
        var processor = ProcessorTime();
        var clock = Stopwatch.StartNew();
        hall.Run(plantTime);
        var wall = clock.Elapsed;
        var used = ProcessorTime() - processor;
        summary = hall.Summarize();
        return new SpeedMeasurement(name, what, threads, plantTime, wall, used);
    }

    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
