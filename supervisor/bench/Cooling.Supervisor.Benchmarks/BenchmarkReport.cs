using System.Globalization;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>Prints the benchmark's figures and how they compare with the targets.</summary>
public static class BenchmarkReport
{
    public const double RatioTarget = 0.8;
    public const double GpuSamplesTarget = 1_000_000;
    public const double P99TargetMilliseconds = 250;

    public static void Print(BenchmarkSettings settings, IReadOnlyList<ThroughputSample> throughput, LatencyResult latency)
    {
        var bare = Total(throughput, "bare subscriber");
        var supervisor = Total(throughput, "supervisor");
        var ratio = supervisor / bare;
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        Console.WriteLine();
        Console.WriteLine("phase               messages/s    GPU samples/s   processor µs/message: bench process, mosquitto   allocated B/message   GC: pause µs/message, gen0, gen1");
        foreach (var s in throughput)
        {
            Console.WriteLine(F($"{s.Consumer,-18} {s.MessagesPerSecond,11:N0} {s.GpuSamplesPerSecond,16:N0}   {s.OwnMicrosecondsPerMessage,8:F1} {s.BrokerMicrosecondsPerMessage,8:F1}   {s.AllocatedBytesPerMessage,10:N0}   {s.GcPauseMicrosecondsPerMessage,8:F2} {s.Gen0Collections,6} {s.Gen1Collections,5}"));
        }

        Console.WriteLine();
        Console.WriteLine(F($"bare subscriber (broker fan-out ceiling): {bare:N0} GPU samples/s"));
        Console.WriteLine(F($"supervisor (parsed, validated, in the hall state, queued for the store): {supervisor:N0} GPU samples/s"));
        Console.WriteLine(F($"ratio supervisor / bare subscriber: {ratio:F3}   (target ≥ {RatioTarget}: {Verdict(ratio >= RatioTarget)})"));
        if (throughput.Any(s => s.Consumer == "JSON DOM handler"))
        {
            var dom = Total(throughput, "JSON DOM handler");
            Console.WriteLine(F($"JSON DOM handler (JsonDocument per message, every GPU read): {dom:N0} GPU samples/s, ratio to the bare subscriber {dom / bare:F3}"));
        }

        Console.WriteLine(F($"supervisor ≥ {GpuSamplesTarget:N0} GPU samples/s: {Verdict(supervisor >= GpuSamplesTarget)}"));
        Console.WriteLine();
        Console.WriteLine(F($"latency phase: offered {latency.OfferedGpuSamplesPerSecond:N0} GPU samples/s, processed {latency.ProcessedGpuSamplesPerSecond:N0}, dropped (queue full) {latency.Dropped:N0}, planning every {settings.PlanningPeriodSeconds * 1000:F0} ms"));
        Console.WriteLine(F($"telemetry → planner decision over {latency.LatenciesMilliseconds.Count} probes: p50 {latency.Percentile(50):F1} ms, p99 {latency.Percentile(99):F1} ms, max {latency.Percentile(100):F1} ms   (p99 target < {P99TargetMilliseconds} ms: {Verdict(latency.Percentile(99) < P99TargetMilliseconds)})"));
    }

    /// <summary>GPU samples per second of one consumer over all its phases (total samples over total time).</summary>
    public static double Total(IReadOnlyList<ThroughputSample> samples, string consumer)
    {
        var mine = samples.Where(s => s.Consumer == consumer).ToList();
        return mine.Sum(s => s.Messages) * (double)RackPayloads.GpusPerRack / mine.Sum(s => s.Seconds);
    }

    private static string Verdict(bool met) => met ? "met" : "NOT met";
}
