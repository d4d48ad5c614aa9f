using System.Net;
using System.Text;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Dcgm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests;

public sealed class DcgmBridgeTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"dcgm-{Guid.NewGuid():N}.prom");
    private readonly List<(string Topic, byte[] Payload)> _published = [];

    public DcgmBridgeTests() => File.WriteAllText(_file, DcgmExpositions.Both);

    public void Dispose() => File.Delete(_file);

    private DcgmBridgeOptions Options(string source) => new()
    {
        Source = source,
        SiteId = "hall1",
        Hosts = [new DcgmHostMapping("node-a", "r01"), new DcgmHostMapping("node-b", "r01", 4), new DcgmHostMapping("node-x", "r02")],
    };

    private DcgmBridge Bridge(DcgmBridgeOptions options, HttpClient? http = null) => new(options, (topic, payload, _) =>
    {
        lock (_published) _published.Add((topic, payload.ToArray()));
        return Task.FromResult(true);
    }, _time, http, NullLogger.Instance);

    [Fact]
    public async Task Publishes_one_contract_message_per_rack_that_the_supervisor_reads()
    {
        var bridge = Bridge(Options(_file));

        Assert.Equal(1, await bridge.RunOnceAsync(CancellationToken.None));

        var (topic, payload) = Assert.Single(_published);
        Assert.Equal("cooling/v1/hall1/rack/r01/telemetry", topic);
        var read = RackTelemetryReader.Read(payload);
        Assert.True(read.IsSuccess, read.Error);
        var rack = read.Value!;
        Assert.Equal(4, rack.GpuCount); // node-a 0, 1, 2 and node-b 0; node-a 3 and node-b 1 lack power, node-c is unmapped
        Assert.Equal(67, rack.HottestGpuTemperatureCelsius);
        Assert.Equal(1, rack.HottestGpuIndex);
        Assert.Equal(71, rack.HottestMemoryTemperatureCelsius);
        Assert.Equal(71.422 + 699.871 + 512.5 + 998.25, rack.GpuPowerWatts, 6);
        Assert.Equal(1, rack.ThrottledGpuCount);
        Assert.True(double.IsNaN(rack.InletTemperatureCelsius) && double.IsNaN(rack.OutletTemperatureCelsius) && double.IsNaN(rack.FlowLitersPerMinute));
        Assert.Equal(Start.ToUnixTimeMilliseconds(), rack.TimestampUnixMilliseconds);
        var json = Encoding.UTF8.GetString(payload);
        Assert.Contains("\"index\":4,\"temperatureCelsius\":62", json, StringComparison.Ordinal); // node-b GPU 0 is rack GPU 4
        Assert.DoesNotContain("\"index\":2,\"temperatureCelsius\":58,\"memoryTemperatureCelsius\"", json, StringComparison.Ordinal);

        var c = bridge.Counters;
        Assert.Equal((1, 1, 4, 2, 2, 1, 0), (c.Scrapes, c.MessagesPublished, c.GpusPublished, c.NotSupportedValues, c.IncompleteGpus, c.UnmappedGpus, c.DuplicateGpus));
    }

    [Fact]
    public async Task Runs_every_period_on_its_clock_with_rising_sequence_numbers()
    {
        var bridge = Bridge(Options(_file));
        using var stop = new CancellationTokenSource();
        var running = bridge.RunAsync(stop.Token);
        await WaitForAsync(() => Count() == 1);

        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Count() == 2);
        _time.Advance(TimeSpan.FromSeconds(1));
        await WaitForAsync(() => Count() == 3);
        await stop.CancelAsync();
        await running;

        var sequences = _published.Select(p => RackTelemetryReader.Read(p.Payload).Value!.Sequence).ToList();
        Assert.Equal([Start.ToUnixTimeMilliseconds(), Start.ToUnixTimeMilliseconds() + 1, Start.ToUnixTimeMilliseconds() + 2], sequences);
        Assert.Equal(3, bridge.Counters.Scrapes);
    }

    [Fact]
    public async Task Reads_the_exporter_over_HTTP_and_publishes_nothing_when_a_scrape_fails()
    {
        var port = Cooling.Supervisor.Broker.EmbeddedBroker.FreeLoopbackPort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var status = 200;
        var serving = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try { context = await listener.GetContextAsync(); }
                catch (HttpListenerException) { return; }
                catch (ObjectDisposedException) { return; }
                context.Response.StatusCode = status;
                context.Response.ContentType = "text/plain; version=0.0.4";
                var body = Encoding.UTF8.GetBytes(status == 200 ? DcgmExpositions.Both : "unavailable");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        });
        using var http = new HttpClient();
        var bridge = Bridge(Options($"http://127.0.0.1:{port}/metrics"), http);

        Assert.Equal(1, await bridge.RunOnceAsync(CancellationToken.None));
        status = 503;
        Assert.Equal(0, await bridge.RunOnceAsync(CancellationToken.None));

        Assert.Single(_published);
        Assert.Equal(1, bridge.Counters.ScrapesFailed);
        listener.Stop();
        await serving;
    }

    [Fact]
    public async Task A_missing_file_is_a_failed_scrape_not_a_crash()
    {
        var bridge = Bridge(Options(_file + ".missing"));

        Assert.Equal(0, await bridge.RunOnceAsync(CancellationToken.None));
        Assert.Equal(1, bridge.Counters.ScrapesFailed);
    }

    [Fact]
    public async Task Overlapping_host_mappings_leave_the_second_GPU_out_and_count_it()
    {
        var options = Options(_file) with { Hosts = [new DcgmHostMapping("node-a", "r01"), new DcgmHostMapping("node-b", "r01")] };
        var bridge = Bridge(options);

        await bridge.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, bridge.Counters.DuplicateGpus); // node-b GPU 0 collides with node-a GPU 0
        Assert.Equal(3, RackTelemetryReader.Read(Assert.Single(_published).Payload).Value!.GpuCount);
    }

    private int Count()
    {
        lock (_published) return _published.Count;
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(5);
        }
    }
}
