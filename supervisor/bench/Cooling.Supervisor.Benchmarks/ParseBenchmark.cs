using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// `cooling-supervisor-bench parse`: processor time to read one 72-GPU rack message on one thread, for the
/// supervisor's reader (fast path), its general reader on <see cref="Utf8JsonReader"/>, and a handler that parses
/// each message into a <see cref="JsonDocument"/> and reads every GPU from it — all measured in the same run, so
/// the ratios hold on a busy machine too. Every reader must accept every message (the run stops otherwise).
/// </summary>
public static class ParseBenchmark
{
    private const int Messages = 512;

    public static int Run(double seconds, Action<string> print)
    {
        var payloads = Enumerable.Range(0, Messages).Select(i => RackPayloads.Build(i % 1389, i)).ToArray();
        var readers = new (string Name, Func<byte[], int> Read)[]
        {
            ("supervisor reader (fast path)", p => RackTelemetryReader.Read(p).Value!.GpuCount),
            ("general reader (Utf8JsonReader)", p => RackTelemetryReader.ReadWithoutFastPath(p).Value!.GpuCount),
            ("JsonDocument, every GPU read", p => ReadDocument(new ReadOnlySequence<byte>(p))),
        };
        print(string.Create(CultureInfo.InvariantCulture,
            $"parse: {Messages} distinct rack messages of {RackPayloads.GpusPerRack} GPUs ({payloads[0].Length:N0} bytes), one thread, {seconds:0.#} s per reader, 3 rounds"));
        var results = new double[readers.Length];
        for (var round = 0; round < 3; round++)
        {
            for (var r = 0; r < readers.Length; r++)
            {
                var micros = Measure(readers[r].Read, payloads, seconds);
                results[r] = round == 0 ? micros : Math.Min(results[r], micros);
            }
        }

        print("reader                              µs/message   ns/GPU   ratio to fast path");
        for (var r = 0; r < readers.Length; r++)
        {
            print(string.Create(CultureInfo.InvariantCulture,
                $"{readers[r].Name,-34} {results[r],10:0.00} {results[r] * 1000 / RackPayloads.GpusPerRack,8:0} {results[r] / results[0],12:0.00}"));
        }

        return 0;
    }

    // Best of the measured intervals: µs of processor time of this thread per message.
    private static double Measure(Func<byte[], int> read, byte[][] payloads, double seconds)
    {
        for (var i = 0; i < 2000; i++) Check(read(payloads[i % payloads.Length]));
        var best = double.MaxValue;
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var before = ProcessorTime();
            for (var i = 0; i < payloads.Length * 4; i++)
            {
                Check(read(payloads[i % payloads.Length]));
            }

            var micros = (ProcessorTime() - before).TotalMicroseconds / (payloads.Length * 4);
            best = Math.Min(best, micros);
        }

        return best;
    }

    private static void Check(int gpus)
    {
        if (gpus != RackPayloads.GpusPerRack) throw new InvalidOperationException($"a reader returned {gpus} GPUs");
    }

    private static TimeSpan ProcessorTime() => Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The JSON DOM handler: parses the message into a <see cref="JsonDocument"/> and reads every GPU's fields; returns the GPU count.</summary>
    public static int ReadDocument(ReadOnlySequence<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        var count = 0;
        var hottest = double.MinValue;
        foreach (var gpu in document.RootElement.GetProperty("gpus").EnumerateArray())
        {
            var t = gpu.GetProperty("temperatureCelsius").GetDouble();
            _ = gpu.GetProperty("index").GetDouble() + gpu.GetProperty("powerWatts").GetDouble() + gpu.GetProperty("memoryTemperatureCelsius").GetDouble();
            _ = gpu.GetProperty("throttled").GetBoolean();
            hottest = Math.Max(hottest, t);
            count++;
        }

        return hottest > 0 ? count : 0;
    }
}
