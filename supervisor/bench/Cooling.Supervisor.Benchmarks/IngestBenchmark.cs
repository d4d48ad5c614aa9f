using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// `cooling-supervisor-bench ingest`: the supervisor's processor time per rack message without the broker — what
/// its receive path does after MQTTnet has handed over a message (topic route, reading and validating 72 GPUs, the
/// hall state and the rack's GPU table, counters, the store queue and the store feeder's thread), over a whole
/// 100,000-GPU hall so that the racks' tables do not stay in the cache. Each message is first copied into a receive
/// buffer as MQTTnet's client does (allocating about 17 KB per message, so that the garbage collector runs as often as
/// under the client); that receive alone is measured in the same run and subtracted.
/// </summary>
public static class IngestBenchmark
{
    private const int Sequences = 4;

    public static async Task<int> RunAsync(int racks, double seconds, Action<string> print)
    {
        var topics = Enumerable.Range(0, racks).Select(r => $"cooling/v1/hall1/rack/r{r:D4}/telemetry").ToArray();
        var payloads = Enumerable.Range(0, Sequences).Select(s => Enumerable.Range(0, racks).Select(r => RackPayloads.Build(r, s)).ToArray()).ToArray();
        var received = new byte[2][];
        var store = new CountingStore();
        await using var supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), store, TimeProvider.System);
        print(string.Create(CultureInfo.InvariantCulture,
            $"ingest: {racks} racks × {RackPayloads.GpusPerRack} GPUs ({payloads[0][0].Length:N0} bytes per message), {Sequences} messages per rack in turn, the receive path on one thread, {seconds:0.#} s per measure, 3 rounds"));

        long sent = 0;
        // The client reads the packet into a buffer of its own and copies the payload out of it (MQTTnet 5: ≈ 17 KB per message).
        byte[] Receive(int i)
        {
            var payload = payloads[i / racks % Sequences][i % racks];
            received[0] = new byte[payload.Length + 64];
            payload.CopyTo(received[0], 0);
            received[1] = payload.AsSpan().ToArray();
            return received[1];
        }

        void Copy(int i) => Receive(i);

        void Ingest(int i)
        {
            supervisor.Pipeline.Offer(topics[i % racks], new ReadOnlySequence<byte>(Receive(i)));
            sent++;
        }

        var copy = new Cost(double.MaxValue, 0, 0);
        var ingest = copy;
        var total = racks * Sequences;
        for (var round = 0; round < 3; round++)
        {
            copy = Cost.Least(copy, Measure(Copy, total, seconds));
            ingest = Cost.Least(ingest, Measure(Ingest, total, seconds));
        }

        print("measure                                                µs/message   allocated B/message   GC pause µs/message");
        print(string.Create(CultureInfo.InvariantCulture, $"{"receive: payload copied as the client does (baseline)",-54} {copy.Micros,10:F2} {copy.Allocated,21:N0} {copy.PauseMicros,21:F2}"));
        print(string.Create(CultureInfo.InvariantCulture, $"{"receive + the supervisor's receive path",-54} {ingest.Micros,10:F2} {ingest.Allocated,21:N0} {ingest.PauseMicros,21:F2}"));
        print(string.Create(CultureInfo.InvariantCulture, $"{"the supervisor's receive path",-54} {ingest.Micros - copy.Micros,10:F2} {ingest.Allocated - copy.Allocated,21:N0} {ingest.PauseMicros - copy.PauseMicros,21:F2}"));
        await supervisor.StoreFeeder.FlushAsync(TimeSpan.FromSeconds(10));
        var accepted = supervisor.Counters.Accepted(TopicKind.RackTelemetry);
        if (accepted != sent || store.Records != sent)
        {
            print($"ingest: {sent} messages offered but {accepted} accepted and {store.Records} stored");
            return 1;
        }

        return 0;
    }

    private readonly record struct Cost(double Micros, long Allocated, double PauseMicros)
    {
        public static Cost Least(Cost a, Cost b) => a.Micros <= b.Micros ? a : b;
    }

    // Best of the measured intervals: µs of the process's processor time per message (every thread: the store feeder's
    // and the garbage collector's too), with the bytes allocated and the collectors' pauses per message of that interval.
    private static Cost Measure(Action<int> step, int total, double seconds)
    {
        for (var i = 0; i < total; i++) step(i);
        var best = new Cost(double.MaxValue, 0, 0);
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var pauseBefore = GC.GetTotalPauseDuration();
            for (var i = 0; i < total; i++) step(i);
            var micros = (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMicroseconds / total;
            var cost = new Cost(micros, (GC.GetTotalAllocatedBytes() - allocatedBefore) / total, (GC.GetTotalPauseDuration() - pauseBefore).TotalMicroseconds / total);
            best = Cost.Least(best, cost);
        }

        return best;
    }
}
