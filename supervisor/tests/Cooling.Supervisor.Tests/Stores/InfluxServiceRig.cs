using System.Globalization;
using System.Text;
using Cooling.Supervisor.Storage.Influx;
using Cooling.Supervisor.Tests.Service;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>
/// cooling-supervisor in process (Kestrel on loopback, embedded broker, simulated time) with Cooling:Store:Kind=influxdb
/// on a real influxd 1.x, a temporary disk-buffer folder, and helpers that publish telemetry and wait until it is stored.
/// </summary>
internal sealed class InfluxServiceRig : IAsyncDisposable
{
    public const string Site = "hall1";
    public const string Database = "site";
    private readonly DirectoryInfo _buffer;

    private InfluxServiceRig(InfluxDbServer influx, RunningService service, DirectoryInfo buffer)
    {
        Influx = influx;
        Service = service;
        _buffer = buffer;
    }

    public InfluxDbServer Influx { get; }

    public RunningService Service { get; }

    public InfluxDbWriter Writer => Service.Runtime.InfluxStore!.Writer;

    public static async Task<InfluxServiceRig> StartAsync(params string[] settings)
    {
        var influx = await InfluxDbServer.StartAsync();
        var buffer = Directory.CreateTempSubdirectory("cooling-service-influx-");
        try
        {
            var service = await RunningService.StartAsync([
                "--Cooling:Store:Kind=influxdb", $"--Cooling:Store:InfluxDb:Url={influx.Url}", $"--Cooling:Store:InfluxDb:Database={Database}",
                $"--Cooling:Store:InfluxDb:BufferDirectory={buffer.FullName}", .. settings]);
            return new InfluxServiceRig(influx, service, buffer);
        }
        catch
        {
            await influx.DisposeAsync();
            buffer.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>CDU telemetry with this sequence number and supply temperature, waited for until the hall state holds it.</summary>
    public async Task PublishCduAsync(string cdu, long seq, double supplyCelsius)
    {
        await Service.PublishAsync($"cooling/v1/{Site}/cdu/{cdu}/telemetry", Messages.CduTelemetry(seq, supplyCelsius.ToString("0.###", CultureInfo.InvariantCulture)));
        await RunningService.EventuallyAsync(() => Task.FromResult(
            Service.Runtime.Supervisor.Hall.TryGetCdu(Site, cdu, out var view) && view!.Telemetry?.Sequence == seq), $"{cdu} telemetry {seq} ingested");
    }

    /// <summary>Rack telemetry stamped by its agent at the service's current time (so both stores keep the same time), waited for.</summary>
    public async Task PublishRackAsync(string rack, long seq, double hottestGpuCelsius)
    {
        var stamp = Service.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"v":1,"seq":{{seq}},"timestampUnixMilliseconds":{{stamp}},"inletTemperatureCelsius":30.1,"outletTemperatureCelsius":40.2,"flowLitersPerMinute":180.5,"powerWatts":126000,"gpus":[{"index":0,"temperatureCelsius":{{hottestGpuCelsius}},"memoryTemperatureCelsius":60,"powerWatts":1000,"throttled":false},{"index":1,"temperatureCelsius":50,"memoryTemperatureCelsius":55,"powerWatts":900,"throttled":false}]}""");
        await Service.PublishAsync($"cooling/v1/{Site}/rack/{rack}/telemetry", Encoding.UTF8.GetBytes(json));
        await RunningService.EventuallyAsync(() => Task.FromResult(
            Service.Runtime.Supervisor.Hall.TryGetRack(Site, rack, out var view) && view!.Telemetry.Sequence == seq), $"{rack} telemetry {seq} ingested");
    }

    /// <summary>
    /// Waits (real time, up to 20 s) until everything ingested so far is committed to SQLite and written to InfluxDB,
    /// advancing the service's clock by 1 s a round so that the writer's batch timer and its retries run.
    /// </summary>
    public async Task WaitUntilStoredAsync()
    {
        await Service.Runtime.Supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        await Service.Runtime.SqliteStore!.FlushAsync(TimeSpan.FromSeconds(10));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Writer.Pending > 0 || Writer.Accepted == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"InfluxDB writer still has {Writer.Pending} points pending");
            Service.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    /// <summary>Advances the service's clock 1 s a round (real time up to 20 s) until <paramref name="condition"/> holds.</summary>
    public async Task AdvanceUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            Service.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Influx.DisposeAsync();
        _buffer.Delete(recursive: true);
    }
}
