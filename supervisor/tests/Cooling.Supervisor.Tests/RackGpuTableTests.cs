using System.Text;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests;

/// <summary>The hall state keeps every GPU's latest values, in place, from the messages it accepts (and only those).</summary>
public sealed class RackGpuTableTests : IAsyncLifetime
{
    private const string Topic = "cooling/v1/hall1/rack/r01/telemetry";
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private SupervisorService _supervisor = null!;

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), _store.Store, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    private RackGpuTable Gpus => _supervisor.Hall.Racks.Single().Gpus;

    [Fact]
    public void Every_GPU_of_a_message_is_kept_with_its_values()
    {
        _supervisor.Ingestor.Ingest(Topic, Messages.Rack(gpus: 72, hottest: 79.25, hottestIndex: 40));

        var gpus = Gpus.Snapshot();
        Assert.Equal(72, gpus.Count);
        Assert.Equal(Enumerable.Range(0, 72), gpus.Select(g => g.Reading.Index));
        Assert.Equal(new GpuReading(40, 79.25, 74.25, 1300.5, false), gpus[40].Reading);
        Assert.Equal(new GpuReading(3, 53, 48, 1300.5, true), gpus[3].Reading);
        Assert.All(gpus, g => Assert.True(g.InLatestMessage));
        Assert.All(gpus, g => Assert.Equal(_time.GetUtcNow(), g.ReceivedAt));
        Assert.Equal(new RackGpuTable.LatestSummary(1, 79.25, 74.25, 1), Gpus.Latest);
    }

    [Fact]
    public void A_GPU_left_out_keeps_its_older_value_and_an_absent_field_is_unknown()
    {
        var first = _time.GetUtcNow();
        _supervisor.Ingestor.Ingest(Topic, Encoding.UTF8.GetBytes("""
            {"v":1,"seq":1,"timestampUnixMilliseconds":1,"gpus":[{"index":4,"temperatureCelsius":60,"powerWatts":500,"throttled":true},
             {"index":6,"temperatureCelsius":61,"memoryTemperatureCelsius":55,"powerWatts":510}]}
            """));
        _time.Advance(TimeSpan.FromSeconds(1));
        _supervisor.Ingestor.Ingest(Topic, Encoding.UTF8.GetBytes("""{"v":1,"seq":2,"timestampUnixMilliseconds":2,"gpus":[{"index":6,"temperatureCelsius":62,"powerWatts":520}]}"""));

        Assert.Equal(2, Gpus.Count);
        Assert.True(Gpus.TryGet(4, out var left));
        Assert.Equal((60.0, true, first, false), (left.Reading.TemperatureCelsius, left.Reading.Throttled!.Value, left.ReceivedAt, left.InLatestMessage));
        Assert.True(Gpus.TryGet(6, out var kept));
        Assert.Equal(62, kept.Reading.TemperatureCelsius);
        Assert.True(double.IsNaN(kept.Reading.MemoryTemperatureCelsius)); // not in the latest message: unknown, not the older 55
        Assert.Null(kept.Reading.Throttled);
        Assert.True(kept.InLatestMessage);
        Assert.False(Gpus.TryGet(5, out _));
        Assert.False(Gpus.TryGet(1000, out _));
        var latest = new GpuReading[8];
        Assert.Equal(1, Gpus.CopyLatest(latest, out var message));
        Assert.Equal((6, 2L), (latest[0].Index, message));
    }

    [Fact]
    public void A_refused_message_changes_no_GPU()
    {
        _supervisor.Ingestor.Ingest(Topic, Messages.Rack(gpus: 8, hottest: 70, hottestIndex: 2));
        var before = Gpus.Snapshot();

        // GPUs 0 and 1 are valid and hotter, GPU 2 has no power: the whole message is refused.
        _supervisor.Ingestor.Ingest(Topic, Encoding.UTF8.GetBytes("""
            {"v":1,"seq":2,"timestampUnixMilliseconds":2,"gpus":[{"index":0,"temperatureCelsius":90,"powerWatts":900},
             {"index":1,"temperatureCelsius":91,"powerWatts":900},{"index":2,"temperatureCelsius":92}]}
            """));

        Assert.Equal(1, _supervisor.Counters.Rejected(TopicKind.RackTelemetry));
        Assert.Equal(before, Gpus.Snapshot());
        Assert.Equal(1, Gpus.Messages);
    }

    [Fact]
    public void A_GPU_s_value_takes_32_bytes()
    {
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<GpuReading>()); // 100,000 GPUs: 3.2 MB of tables, and a message's buffer 2.3 KB
    }

    [Fact]
    public void Writing_a_message_into_the_table_allocates_nothing()
    {
        var table = new RackGpuTable();
        var payload = Messages.Rack(gpus: 72);
        var summary = RackTelemetryReader.Read(payload, out var read).Value;
        var gpus = read.ToArray();
        var now = _time.GetUtcNow();
        table.Commit(gpus, summary, now); // the first message sizes the table

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var m = 0; m < 1000; m++)
        {
            table.Commit(gpus, summary, now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1001, table.Messages);
    }

    [Fact]
    public async Task Ingesting_a_known_rack_s_message_allocates_nothing_and_the_store_still_gets_every_one()
    {
        var payloads = Enumerable.Range(1, 4).Select(seq => Messages.Rack(gpus: 72, seq: seq)).ToArray();
        for (var m = 0; m < 3000; m++) _supervisor.Ingestor.Ingest(Topic, payloads[m % 4]); // the rack's place, its table and the store queue's size
        await _supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        for (var m = 0; m < 4; m++) _supervisor.Ingestor.Ingest(Topic, payloads[m % 4]); // the reader's buffer of this thread (the await may have moved it)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var m = 0; m < 1000; m++)
        {
            _supervisor.Ingestor.Ingest(Topic, payloads[m % 4]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(4004, _supervisor.Counters.GpuSamplesAccepted / 72);
        Assert.Equal(4, _supervisor.Hall.Racks.Single().Telemetry.Sequence);
        await _supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4004, await _store.CountAsync("rack_telemetry"));
    }

    [Fact]
    public void Reading_a_message_leaves_its_GPUs_in_the_reader_buffer_on_both_paths()
    {
        var payload = Messages.Rack(gpus: 5, hottest: 70, hottestIndex: 1);
        var fast = RackTelemetryReader.Read(payload, out var gpus);
        Assert.True(fast.IsSuccess);
        Assert.Equal([50, 70, 52, 53, 54], gpus.ToArray().Select(g => g.TemperatureCelsius));

        // Escapes in a name send the message to the general reader: the same GPUs.
        var general = Encoding.UTF8.GetString(payload).Replace("\"temperatureCelsius\"", "\"temperature\\u0043elsius\"", StringComparison.Ordinal);
        Assert.True(RackTelemetryReader.Read(Encoding.UTF8.GetBytes(general), out var slow).IsSuccess);
        Assert.False(RackTelemetryReader.FastPathAccepts(Encoding.UTF8.GetBytes(general)));
        Assert.Equal([50, 70, 52, 53, 54], slow.ToArray().Select(g => g.TemperatureCelsius));

        Assert.False(RackTelemetryReader.Read("""{"v":1}"""u8, out var none).IsSuccess);
        Assert.True(none.IsEmpty);
    }
}
