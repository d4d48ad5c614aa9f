using System.Diagnostics;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using MQTTnet.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>Messages and GPU samples a consumer took in a measured interval.</summary>
public sealed record ThroughputSample(string Consumer, long Messages, double Seconds, TimeSpan OwnProcessorTime, TimeSpan BrokerProcessorTime, long AllocatedBytes,
    TimeSpan GcPause = default, int Gen0Collections = 0, int Gen1Collections = 0)
{
    /// <summary>Garbage-collection pauses of this process per message, µs.</summary>
    public double GcPauseMicrosecondsPerMessage => GcPause.TotalMicroseconds / Messages;

    /// <summary>Bytes allocated by this process per message.</summary>
    public double AllocatedBytesPerMessage => AllocatedBytes / (double)Messages;

    /// <summary>Processor time of this process (publishers and consumer) per message, µs.</summary>
    public double OwnMicrosecondsPerMessage => OwnProcessorTime.TotalMicroseconds / Messages;

    /// <summary>Processor time of mosquitto per message, µs.</summary>
    public double BrokerMicrosecondsPerMessage => BrokerProcessorTime.TotalMicroseconds / Messages;

    public double MessagesPerSecond => Messages / Seconds;

    public double GpuSamplesPerSecond => MessagesPerSecond * RackPayloads.GpusPerRack;
}

/// <summary>The latency phase: offered and processed load, drops, and the telemetry-to-decision latencies.</summary>
public sealed record LatencyResult(double OfferedGpuSamplesPerSecond, double ProcessedGpuSamplesPerSecond, long Dropped, IReadOnlyList<double> LatenciesMilliseconds)
{
    public double Percentile(double p) => DecisionLatencyProbe.Percentile(LatenciesMilliseconds, p);
}

/// <summary>Exact counts of a short run (for checking the benchmark's counting); <c>Sent</c> is over both consumers.</summary>
public sealed record CountCheck(long Sent, long BareReceived, long SupervisorRackMessages, long SupervisorGpuSamples);

/// <summary>
/// The ingestion benchmark against one broker: alternating phases in which either the bare counting subscriber or
/// the supervisor consumes the same publishers' rack telemetry (closed loop, so the consumer sets the pace), then a
/// latency phase at a fixed offered load with a probe rack.
/// </summary>
public sealed class IngestionBenchmark(string host, int port, BenchmarkSettings settings, Action<string>? progress = null)
{
    private const string RackFilter = "cooling/v1/+/rack/+/telemetry";
    private readonly ProcessorTime _processorTime = new(port);

    /// <summary>Throughput phases: bare, supervisor, bare, supervisor, … (<see cref="BenchmarkSettings.Rounds"/> rounds).</summary>
    public async Task<IReadOnlyList<ThroughputSample>> MeasureThroughputAsync()
    {
        var samples = new List<ThroughputSample>();
        await using var publishers = await LoadPublishers.StartAsync(host, port, settings.Connections, settings.Racks);
        for (var round = 1; round <= settings.Rounds; round++)
        {
            if (settings.RawBaseline)
            {
                await using var raw = await RawCountingSubscriber.StartAsync(host, port, RackFilter);
                samples.Add(await PhaseAsync("raw subscriber", publishers, () => raw.Received));
                progress?.Invoke($"round {round}: raw subscriber {samples[^1].GpuSamplesPerSecond:N0} GPU samples/s");
            }

            await using (var bare = await CountingSubscriber.StartAsync(host, port, RackFilter))
            {
                samples.Add(await PhaseAsync("bare subscriber", publishers, () => bare.Received));
            }

            progress?.Invoke($"round {round}: bare subscriber {samples[^1].GpuSamplesPerSecond:N0} GPU samples/s");
            if (settings.DomBaseline)
            {
                await using var dom = await CountingSubscriber.StartAsync(host, port, RackFilter, p => ParseBenchmark.ReadDocument(p));
                samples.Add(await PhaseAsync("JSON DOM handler", publishers, () => dom.Received));
                progress?.Invoke($"round {round}: JSON DOM handler {samples[^1].GpuSamplesPerSecond:N0} GPU samples/s");
            }

            await using (var store = new BenchmarkStore(settings.Store))
            await using (var supervisor = await StartSupervisorAsync(store, new FixedSetpointPlanner(30)))
            {
                samples.Add(await PhaseAsync("supervisor", publishers, () => supervisor.Counters.Accepted(TopicKind.RackTelemetry)));
            }

            progress?.Invoke($"round {round}: supervisor {samples[^1].GpuSamplesPerSecond:N0} GPU samples/s");
        }

        return samples;
    }

    /// <summary>The supervisor at a fixed offered load, with the probe rack measuring telemetry-to-decision latency.</summary>
    public async Task<LatencyResult> MeasureLatencyAsync()
    {
        var probe = new DecisionLatencyProbe(new FixedSetpointPlanner(30));
        await using var store = new BenchmarkStore(settings.Store);
        await using var supervisor = await StartSupervisorAsync(store, probe);
        await using var publishers = await LoadPublishers.StartAsync(host, port, settings.Connections, settings.Racks);
        var rate = settings.LatencyLoadGpuSamplesPerSecond / RackPayloads.GpusPerRack;
        using var stop = new CancellationTokenSource();
        var load = publishers.RunPacedAsync(rate, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(settings.WarmUpSeconds));
        var processedBefore = supervisor.Counters.GpuSamplesAccepted;
        var clock = Stopwatch.StartNew();
        using var probeStop = new CancellationTokenSource(TimeSpan.FromSeconds(settings.LatencySeconds));
        await probe.RunAsync(host, port, settings.ProbeInterval, probeStop.Token);
        var processed = supervisor.Counters.GpuSamplesAccepted - processedBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await load;
        return new LatencyResult(settings.LatencyLoadGpuSamplesPerSecond, processed / seconds, supervisor.Counters.TotalDroppedQueueFull, probe.LatenciesMilliseconds);
    }

    /// <summary>A short run of exactly <paramref name="messages"/> messages to each consumer in turn; returns what each counted.</summary>
    public async Task<CountCheck> CountAsync(long messages)
    {
        await using var publishers = await LoadPublishers.StartAsync(host, port, settings.Connections, settings.Racks);
        long bareReceived;
        await using (var bare = await CountingSubscriber.StartAsync(host, port, RackFilter))
        {
            await publishers.RunClosedLoopAsync(() => bare.Received, settings.Window, messages, CancellationToken.None);
            bareReceived = await SettledAsync(() => bare.Received, messages);
        }

        await using var store = new BenchmarkStore(settings.Store);
        await using var supervisor = await StartSupervisorAsync(store, new FixedSetpointPlanner(30));
        Func<long> processed = () => supervisor.Counters.Accepted(TopicKind.RackTelemetry);
        await publishers.RunClosedLoopAsync(() => processed() + messages, settings.Window, 2 * messages, CancellationToken.None);
        var rackMessages = await SettledAsync(processed, messages);
        return new CountCheck(publishers.Sent, bareReceived, rackMessages, supervisor.Counters.GpuSamplesAccepted);
    }

    private async Task<ThroughputSample> PhaseAsync(string consumer, LoadPublishers publishers, Func<long> consumed)
    {
        var sentBefore = publishers.Sent;
        var consumedBefore = consumed();
        using var stop = new CancellationTokenSource();
        var running = publishers.RunClosedLoopAsync(() => consumed() - consumedBefore + sentBefore, settings.Window, long.MaxValue, stop.Token);
        await Task.Delay(TimeSpan.FromSeconds(settings.WarmUpSeconds));
        var start = consumed();
        var cpuBefore = _processorTime.Now();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var pauseBefore = GC.GetTotalPauseDuration();
        var gen0Before = GC.CollectionCount(0);
        var gen1Before = GC.CollectionCount(1);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(settings.PhaseSeconds));
        var end = consumed();
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuAfter = _processorTime.Now();
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        var pause = GC.GetTotalPauseDuration() - pauseBefore;
        var gen0 = GC.CollectionCount(0) - gen0Before;
        var gen1 = GC.CollectionCount(1) - gen1Before;
        await stop.CancelAsync();
        await running;
        await SettledAsync(() => consumed() - consumedBefore, publishers.Sent - sentBefore);
        return new ThroughputSample(consumer, end - start, seconds, cpuAfter.Own - cpuBefore.Own, cpuAfter.Broker - cpuBefore.Broker, allocated, pause, gen0, gen1);
    }

    private async Task<SupervisorService> StartSupervisorAsync(BenchmarkStore store, ISetpointPlanner planner)
    {
        var options = new SupervisorOptions
        {
            ClientId = "bench-supervisor",
            PlanningPeriodSeconds = settings.PlanningPeriodSeconds,
            Ingestion = new IngestionOptions { Workers = settings.Workers },
        };
        var supervisor = new SupervisorService(options, planner, store.Store, TimeProvider.System);
        await supervisor.StartAsync(new BrokerConnectionOptions { Url = $"mqtt://{host}:{port}" }, TimeSpan.FromSeconds(10));
        return supervisor;
    }

    // Waits (up to 30 s) until the count reaches the target and stays there for 200 ms; returns the count.
    private static async Task<long> SettledAsync(Func<long> count, long target)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (count() < target && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        await Task.Delay(200);
        return count();
    }
}
