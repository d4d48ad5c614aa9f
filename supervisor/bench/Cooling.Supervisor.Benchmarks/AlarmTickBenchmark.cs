using System.Diagnostics;
using System.Globalization;
using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// `cooling-supervisor-bench gpus`: the cost of keeping every GPU of a 100,000-GPU site (1,389 racks × 72) in the hall
/// state and of the alarm pass over it. For each hall condition — from every GPU cool to every GPU with an active
/// alarm — a supervisor on a stepped clock gets one new message per rack per simulated second through its ingestor (not
/// timed) and runs the alarm pass (timed: wall time and bytes allocated on its thread). The baseline, measured in the
/// same run, is one pass that only reads every GPU's latest value once from the racks' tables; the best of the passes is
/// the figure least disturbed by other load on the machine, the median and maximum say how much it was. Then the processor time
/// per message of reading a 72-GPU message, against reading it and writing its GPUs into the rack's table.
/// </summary>
public static class AlarmTickBenchmark
{
    private const int WarmUpTicks = 8;      // past the 5 s dwell: the alarms of a hot hall are raised
    private const int MeasuredTicks = 20;

    public static int Run(int racks, Action<string> print)
    {
        var site = new (string Name, Func<int, int, double> Temperature, Func<int, int, bool> Throttled)[]
        {
            ("every GPU 55–78 °C, none throttling", (r, i) => 55.0 + (r * 31 + i * 17) % 230 / 10.0, (_, _) => false),
            ("as the ingestion benchmark: 1 % throttling", (r, i) => 55.0 + (r * 31 + i * 17) % 230 / 10.0, (r, i) => (r + i) % 97 == 0),
            ("one GPU per rack at 84 °C (caution)", (r, i) => i == r % RackPayloads.GpusPerRack ? 84 : 60, (_, _) => false),
            ("every GPU at 84 °C (caution alarm each)", (_, _) => 84, (_, _) => false),
        };
        print(string.Create(CultureInfo.InvariantCulture,
            $"gpus: {racks:N0} racks × {RackPayloads.GpusPerRack} GPUs = {racks * RackPayloads.GpusPerRack:N0} GPUs, alarm pass after one new message per rack; {WarmUpTicks} warm-up and {MeasuredTicks} measured passes per condition, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        print("");
        print("hall condition                                 pass ms: best  median    max   best / best baseline   KB allocated/pass   open alarms   GPUs alive");
        foreach (var (name, temperature, throttled) in site)
        {
            var payloads = Enumerable.Range(0, racks).Select(r => HallPayloads.Build(r, 1, i => temperature(r, i), i => throttled(r, i))).ToArray();
            var result = MeasureHall(payloads);
            print(string.Create(CultureInfo.InvariantCulture,
                $"{name,-46} {result.PassBest,12:F2} {result.PassMedian,7:F2} {result.PassMax,6:F2} {result.PassBest / result.BaselineBest,14:F1}   {result.AllocatedKilobytes,20:N0}   {result.OpenAlarms,11:N0} {result.GpusAlive,12:N0}"));
            print(string.Create(CultureInfo.InvariantCulture, $"{"",-46}   baseline (read every GPU once): best {result.BaselineBest:F2} ms, median {result.BaselineMedian:F2} ms"));
        }

        print("");
        MeasureCommit(print);
        return 0;
    }

    private sealed record HallResult(double PassBest, double PassMedian, double PassMax, double BaselineBest, double BaselineMedian, double AllocatedKilobytes, int OpenAlarms,
        int GpusAlive);

    private static HallResult MeasureHall(byte[][] payloads)
    {
        var clock = new SteppedClock();
        var alarms = new AlarmOptions { StartupSuppressionSeconds = 0 };
        var supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), new CountingStore(), clock, alarmOptions: alarms);
        var topics = Enumerable.Range(0, payloads.Length).Select(r => $"cooling/v1/hall1/rack/r{r:D4}/telemetry").ToArray();
        var passes = new List<double>();
        var baselines = new List<double>();
        long allocated = 0;
        var buffer = new GpuReading[RackTelemetryReader.MaximumGpus];
        for (var tick = 0; tick < WarmUpTicks + MeasuredTicks; tick++)
        {
            for (var r = 0; r < payloads.Length; r++) supervisor.Ingestor.Ingest(topics[r], payloads[r]);
            clock.Advance(TimeSpan.FromSeconds(1));

            var started = Stopwatch.GetTimestamp();
            var sum = 0.0;
            foreach (var rack in supervisor.Hall.Racks)
            {
                var count = rack.Gpus.CopyLatest(buffer, out _);
                for (var i = 0; i < count; i++) sum += buffer[i].TemperatureCelsius;
            }

            var baseline = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!(sum > 0)) throw new InvalidOperationException("the baseline read no GPU");

            var before = GC.GetAllocatedBytesForCurrentThread();
            started = Stopwatch.GetTimestamp();
            supervisor.Alarms.Evaluate();
            var pass = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (tick < WarmUpTicks) continue;
            passes.Add(pass);
            baselines.Add(baseline);
            allocated += bytes;
        }

        var result = new HallResult(passes.Min(), Median(passes), passes.Max(), baselines.Min(), Median(baselines), allocated / 1024.0 / MeasuredTicks,
            supervisor.Alarms.Engine.Open().Count, supervisor.Alarms.GpusWithAlarmsAlive);
        supervisor.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return result;
    }

    // Processor time per message on one thread: the reader alone, and the reader plus writing the GPUs into the rack's table.
    private static void MeasureCommit(Action<string> print)
    {
        var payloads = Enumerable.Range(0, 256).Select(i => RackPayloads.Build(i, i)).ToArray();
        var tables = Enumerable.Range(0, 256).Select(_ => new RackGpuTable()).ToArray();
        var now = DateTimeOffset.UnixEpoch;
        double Read(int i) => RackTelemetryReader.Read(payloads[i], out _).Value!.GpuCount;
        double ReadAndKeep(int i)
        {
            var result = RackTelemetryReader.Read(payloads[i], out var gpus);
            tables[i].Commit(gpus, result.Value, now);
            return result.Value!.GpuCount;
        }

        var read = double.MaxValue;
        var keep = double.MaxValue;
        long keepBytes = 0;
        for (var round = 0; round < 5; round++)
        {
            read = Math.Min(read, PerMessage(Read, payloads.Length, out _));
            keep = Math.Min(keep, PerMessage(ReadAndKeep, payloads.Length, out keepBytes));
        }

        long readBytes;
        PerMessage(Read, payloads.Length, out readBytes);
        print("message path (one thread)                        µs/message   ratio   B allocated/message");
        print(string.Create(CultureInfo.InvariantCulture, $"{"read (summary only), baseline",-48} {read,10:F2} {1.0,7:F2} {readBytes,12:N0}"));
        print(string.Create(CultureInfo.InvariantCulture, $"{"read + every GPU into the rack's table",-48} {keep,10:F2} {keep / read,7:F2} {keepBytes,12:N0}"));
    }

    private static double PerMessage(Func<int, double> path, int distinct, out long bytesPerMessage)
    {
        const int Messages = 20_000;
        for (var i = 0; i < 2000; i++) path(i % distinct);
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var total = 0.0;
        for (var i = 0; i < Messages; i++) total += path(i % distinct);
        var micros = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / Messages;
        bytesPerMessage = (GC.GetAllocatedBytesForCurrentThread() - bytes) / Messages;
        if (total != (double)Messages * RackPayloads.GpusPerRack) throw new InvalidOperationException("a message was refused");
        return micros;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>Simulated time moved by hand.</summary>
    private sealed class SteppedClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan step) => _now += step;
    }
}
