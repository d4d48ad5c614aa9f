using System.Buffers;
using System.Text;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests;

public sealed class IngestionPipelineTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly HallState _hall = new();
    private readonly RejectionLog _rejections = new();
    private readonly IngestionCounters _counters = new();

    private (IngestionPipeline Pipeline, StoreFeeder Feeder) Build(IngestionOptions options, ITelemetryStore store, Action<CduView, SetpointAcknowledgement> onAck)
    {
        var routes = new TopicRoutes(options.Workers);
        var feeder = new StoreFeeder(store, _counters, options.StoreQueueCapacity, NullLogger.Instance);
        var ingestor = new MessageIngestor(_hall, _rejections, _counters, feeder, routes, _time, onAck, NullLogger.Instance);
        return (new IngestionPipeline(ingestor, _counters, routes, options, _time, NullLogger.Instance), feeder);
    }

    private static ReadOnlySequence<byte> Bytes(byte[] payload) => new(payload);

    [Fact]
    public async Task A_full_queue_drops_the_newest_message_and_counts_it_by_topic_kind()
    {
        using var gate = new ManualResetEventSlim(false);
        var acknowledged = 0;
        var (pipeline, feeder) = Build(new IngestionOptions { CduQueueCapacity = 2 }, new BlockingStore(null), (_, _) =>
        {
            Interlocked.Increment(ref acknowledged);
            gate.Wait(TimeSpan.FromSeconds(10)); // the CDU worker is stuck on the first acknowledgement
        });
        const string topic = "cooling/v1/hall1/cdu/cdu1/setpoint/ack";

        pipeline.Offer(topic, Bytes(Messages.Ack(1)));
        await WaitForAsync(() => Volatile.Read(ref acknowledged) == 1);
        pipeline.Offer(topic, Bytes(Messages.Ack(2)));
        pipeline.Offer(topic, Bytes(Messages.Ack(3)));
        pipeline.Offer(topic, Bytes(Messages.Ack(4)));
        pipeline.Offer("cooling/v1/hall1/rack/r01/telemetry", Bytes(Messages.Rack(hottest: 70)));

        Assert.Equal(1, _counters.DroppedQueueFull(TopicKind.SetpointAcknowledgement));
        await WaitForAsync(() => _hall.Racks.Count == 1); // rack telemetry has its own queues
        gate.Set();
        await pipeline.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, acknowledged);
        Assert.Equal(4, _counters.Received(TopicKind.SetpointAcknowledgement));
        Assert.Equal(3, _counters.Accepted(TopicKind.SetpointAcknowledgement));
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    [Fact]
    public async Task Each_rack_keeps_its_order_across_workers_and_GPU_samples_are_counted()
    {
        var (pipeline, feeder) = Build(new IngestionOptions { Workers = 3 }, new BlockingStore(null), (_, _) => { });

        for (var seq = 1; seq <= 200; seq++)
        {
            for (var rack = 0; rack < 6; rack++)
            {
                pipeline.Offer($"cooling/v1/hall1/rack/r{rack:00}/telemetry", Bytes(Messages.Rack(gpus: 8, seq: seq)));
            }
        }

        await pipeline.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(6, _hall.Racks.Count);
        Assert.All(_hall.Racks, r => Assert.Equal(200, r.Telemetry.Sequence));
        Assert.Equal(1200, _counters.Accepted(TopicKind.RackTelemetry));
        Assert.Equal(1200 * 8, _counters.GpuSamplesAccepted);
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    [Fact]
    public async Task By_default_rack_telemetry_is_read_on_the_receive_path_before_the_offer_returns()
    {
        Assert.Equal(0, new IngestionOptions().Workers);
        var (pipeline, feeder) = Build(new IngestionOptions(), new BlockingStore(null), (_, _) => { });
        const string topic = "cooling/v1/hall1/rack/r01/telemetry";

        pipeline.Offer(topic, Bytes(Messages.Rack(gpus: 8, hottest: 70, hottestIndex: 5, seq: 1)));
        Assert.Equal((1L, 70.0), (_hall.Racks.Single().Telemetry.Sequence, _hall.Racks.Single().Telemetry.HottestGpuTemperatureCelsius));

        // A payload that arrives in two segments is read whole.
        var payload = Messages.Rack(gpus: 8, hottest: 71, hottestIndex: 6, seq: 2);
        pipeline.Offer(topic, TwoSegments(payload, payload.Length / 2));
        var rack = _hall.Racks.Single();
        Assert.Equal((2L, 71.0, 6), (rack.Telemetry.Sequence, rack.Telemetry.HottestGpuTemperatureCelsius, rack.Telemetry.HottestGpuIndex));
        Assert.Equal(71.0, rack.Gpus.Snapshot()[6].Reading.TemperatureCelsius);

        // Refused on the spot, leaving the rack as it was.
        pipeline.Offer(topic, Bytes(Messages.Text("""{"v":1,"seq":3,"timestampUnixMilliseconds":1,"gpus":[{"index":0,"temperatureCelsius":500,"powerWatts":1}]}""")));
        Assert.Equal(1, _rejections.Count(TopicKind.RackTelemetry, "gpus[].temperatureCelsius"));
        Assert.Equal(2, _hall.Racks.Single().Telemetry.Sequence);
        Assert.Equal(0, pipeline.Backlog);
        Assert.Equal(16, _counters.GpuSamplesAccepted);
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    [Fact]
    public async Task Racks_offered_from_several_threads_at_once_each_end_on_their_latest_message()
    {
        var (pipeline, feeder) = Build(new IngestionOptions(), new BlockingStore(null), (_, _) => { });

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var seq = 1; seq <= 300; seq++)
            {
                for (var rack = thread * 3; rack < thread * 3 + 3; rack++)
                {
                    pipeline.Offer($"cooling/v1/hall1/rack/r{rack:00}/telemetry", Bytes(Messages.Rack(gpus: 8, hottest: 60 + seq % 20, seq: seq)));
                }
            }
        })));

        Assert.Equal(12, _hall.Racks.Count);
        Assert.All(_hall.Racks, r => Assert.Equal(300, r.Telemetry.Sequence));
        Assert.All(_hall.Racks, r => Assert.Equal(60.0, r.Gpus.Snapshot()[7].Reading.TemperatureCelsius));
        Assert.Equal(3600 * 8, _counters.GpuSamplesAccepted);
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] payload, int split)
    {
        var first = new Segment(payload.AsMemory(0, split), 0);
        var last = first.Append(payload.AsMemory(split));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    [Fact]
    public async Task A_blocked_store_drops_and_counts_records_while_the_hall_state_keeps_up()
    {
        using var gate = new ManualResetEventSlim(false);
        var store = new BlockingStore(gate);
        var (pipeline, feeder) = Build(new IngestionOptions { StoreQueueCapacity = 10 }, store, (_, _) => { });

        for (var seq = 1; seq <= 50; seq++)
        {
            pipeline.Offer("cooling/v1/hall1/rack/r01/telemetry", Bytes(Messages.Rack(gpus: 4, seq: seq)));
        }

        await pipeline.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(50, _hall.Racks.Single().Telemetry.Sequence);
        Assert.Equal(50, _counters.StoreRecordsQueued + _counters.StoreRecordsDropped);
        // Ten queued behind the stuck write; how many the stuck write holds depends on when the feeder woke (one or a batch).
        Assert.InRange(_counters.StoreRecordsDropped, 1, 40);
        gate.Set();
        await feeder.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(_counters.StoreRecordsQueued, store.RackRows);
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    [Fact]
    public async Task Topics_outside_the_contract_are_refused_on_arrival_and_counted_by_reason()
    {
        var (pipeline, feeder) = Build(new IngestionOptions(), new BlockingStore(null), (_, _) => { });

        pipeline.Offer("cooling/v1/hall1/fan/f1/telemetry", Bytes(Messages.Text("{}")));
        pipeline.Offer("cooling/v1/hall1/rack/r01/telemetry", Bytes(Messages.Text("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"index":0,"temperatureCelsius":50,"powerWatts":-1}]}""")));
        pipeline.Offer("cooling/v1/hall1/rack/r02/telemetry", Bytes(Messages.Text("""{"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"index":0,"temperatureCelsius":50},{"index":1,"temperatureCelsius":50,"powerWatts":-1}]}""")));
        pipeline.Offer("cooling/v1/hall1/cdu/cdu1/telemetry", Bytes(Messages.Text("{not json")));
        await pipeline.FlushAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _rejections.Count(TopicKind.Unknown, "unknown topic"));
        Assert.Equal(2, _rejections.Count(TopicKind.RackTelemetry, "gpus[].powerWatts"));
        Assert.Equal(1, _rejections.Count(TopicKind.CduTelemetry, "malformed JSON"));
        Assert.Equal(
            [new RejectionCount(TopicKind.Unknown, "unknown topic", 1), new RejectionCount(TopicKind.RackTelemetry, "gpus[].powerWatts", 2),
                new RejectionCount(TopicKind.CduTelemetry, "malformed JSON", 1)],
            _rejections.Counts);
        Assert.Equal(2, _counters.Rejected(TopicKind.RackTelemetry));
        Assert.Empty(_hall.Racks);
        await pipeline.DisposeAsync();
        await feeder.DisposeAsync();
    }

    [Fact]
    public void Rack_telemetry_without_coolant_values_is_read_with_them_unknown()
    {
        var text = Encoding.UTF8.GetString(Messages.Rack(gpus: 2, hottestIndex: 1))
            .Replace("\"inletTemperatureCelsius\":30.1,\"outletTemperatureCelsius\":40.2,\"flowLitersPerMinute\":180.5,", "", StringComparison.Ordinal);

        var result = RackTelemetryReader.Read(Encoding.UTF8.GetBytes(text));

        Assert.True(result.IsSuccess, result.Error);
        Assert.True(double.IsNaN(result.Value!.InletTemperatureCelsius));
        Assert.True(double.IsNaN(result.Value.FlowLitersPerMinute));
    }

    internal static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }
}

/// <summary>A store whose every write waits for a gate (null: never waits) and counts what reached it.</summary>
internal sealed class BlockingStore(ManualResetEventSlim? gate) : ITelemetryStore
{
    private long _rackRows;

    public long RackRows => Interlocked.Read(ref _rackRows);

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry telemetry, DateTimeOffset receivedAt)
    {
        gate?.Wait();
        Interlocked.Increment(ref _rackRows);
    }

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry telemetry, DateTimeOffset receivedAt) => gate?.Wait();

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request) => gate?.Wait();

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt) => gate?.Wait();

    public void AddEvent(string siteId, string cduId, CduEvent cduEvent, DateTimeOffset receivedAt) => gate?.Wait();
}
