using Cooling.Supervisor.Storage.Influx;
using Cooling.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>A real influxd, a writer to it on simulated time through a <see cref="WireTap"/>, and a temporary buffer folder.</summary>
public sealed class InfluxWriterRig : IAsyncDisposable
{
    public const string Database = "cooling_test";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-influx-buffer-");

    private InfluxWriterRig(InfluxDbServer influx)
    {
        Influx = influx;
        Tap = new WireTap(Time);
    }

    public InfluxDbServer Influx { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public WireTap Tap { get; }

    public InfluxDbWriter Writer { get; private set; } = null!;

    public string BufferDirectory => Path.Combine(_folder.FullName, "buffer");

    public static async Task<InfluxWriterRig> StartAsync(Func<InfluxDbOptions, InfluxDbOptions>? configure = null)
    {
        var rig = new InfluxWriterRig(await InfluxDbServer.StartAsync());
        rig.Writer = rig.NewWriter(configure);
        return rig;
    }

    /// <summary>A writer on the rig's server, clock and buffer folder (a second one after disposing the first = a restarted supervisor).</summary>
    public InfluxDbWriter NewWriter(Func<InfluxDbOptions, InfluxDbOptions>? configure = null)
    {
        var options = new InfluxDbOptions
        {
            Url = Influx.Url,
            Database = Database,
            BatchSize = 100,
            BufferDirectory = BufferDirectory,
            BufferSegmentBytes = 16 * 1024,
        };
        return new InfluxDbWriter(configure?.Invoke(options) ?? options, Time, NullLogger.Instance, Tap);
    }

    public void Replace(InfluxDbWriter writer) => Writer = writer;

    /// <summary>Waits in real time for <paramref name="condition"/>, advancing simulated time by <paramref name="step"/> each round (zero: not at all).</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan step = default, double seconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {seconds} s: {what}");
            if (step > TimeSpan.Zero) Time.Advance(step);
            await Task.Delay(10);
        }
    }

    public async Task<long> CountAsync(string measurement, string field = "v")
    {
        var series = await Influx.QueryAsync(Database, $"SELECT COUNT(\"{field}\") FROM \"{measurement}\"");
        return series.Count == 0 ? 0 : series[0].Column("count")[0].GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        Tap.Dispose();
        await Influx.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
