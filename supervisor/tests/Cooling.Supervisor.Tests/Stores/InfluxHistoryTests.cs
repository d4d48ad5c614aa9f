using System.Text.Json;
using Cooling.Supervisor.Service.History;
using Cooling.Supervisor.Tests.Service;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>
/// The history API of a service that stores in InfluxDB reads InfluxDB (real influxd): the same series as the SQLite
/// history of the same telemetry, raw and averaged; ids that try to change the query find nothing; an unreachable or
/// failing InfluxDB gives 503 or 502 with the reason.
/// </summary>
public sealed class InfluxHistoryTests
{
    private static readonly DateTimeOffset Since = RunningService.Start.AddMilliseconds(-1234); // buckets that do not line up with whole seconds
    private static readonly DateTimeOffset Until = RunningService.Start.AddSeconds(30);

    private static string Path(string device, string id, string field, int maxPoints) =>
        $"/api/halls/{InfluxServiceRig.Site}/{device}s/{Uri.EscapeDataString(id)}/history/{field}?since={Uri.EscapeDataString(Since.ToString("O"))}&until={Uri.EscapeDataString(Until.ToString("O"))}&maxPoints={maxPoints}";

    private static List<HistoryPoint> Points(JsonElement history) =>
        [.. history.GetProperty("points").EnumerateArray().Select(p => new HistoryPoint(p.GetProperty("time").GetDateTimeOffset(), p.GetProperty("value").GetDouble()))];

    private static void AssertSame(IReadOnlyList<HistoryPoint> expected, IReadOnlyList<HistoryPoint> actual)
    {
        Assert.Equal(expected.Select(p => p.Time), actual.Select(p => p.Time));
        Assert.Equal(expected.Select(p => p.Value), actual.Select(p => p.Value), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public async Task History_read_from_InfluxDB_equals_the_SQLite_history_of_the_same_telemetry_raw_and_averaged()
    {
        await using var rig = await InfluxServiceRig.StartAsync();
        for (var seq = 1; seq <= 12; seq++)
        {
            await rig.PublishCduAsync("cdu1", seq, 29 + seq * 0.25);
            await rig.PublishCduAsync("cdu2", seq, 40); // another CDU of the site: never in cdu1's series
            await rig.PublishRackAsync("cdu1-r01", seq, 60 + seq % 5);
            rig.Service.Time.Advance(TimeSpan.FromMilliseconds(1700));
        }

        await rig.WaitUntilStoredAsync();
        var sqlite = new SqliteTelemetryHistory(rig.Service.DatabasePath);
        foreach (var (device, id, field, maxPoints, expectedCount) in new[]
                 {
                     ("cdu", "cdu1", "supplyTemperatureCelsius", 1000, 12), // as stored
                     ("cdu", "cdu1", "supplyTemperatureCelsius", 4, 3), // 31.2 s in 4 buckets of 7.8 s: the samples (every 1.7 s) fill the first 3
                     ("cdu", "cdu1", "supplyTemperatureCelsius", 7, 5),
                     ("rack", "cdu1-r01", "hottestGpuTemperatureCelsius", 1000, 12),
                     ("rack", "cdu1-r01", "hottestGpuTemperatureCelsius", 5, 4),
                 })
        {
            var history = await rig.Service.GetJsonAsync(Path(device, id, field, maxPoints));
            Assert.Equal("influxdb", history.GetProperty("source").GetString());
            Assert.Equal(0, history.GetProperty("pendingRecords").GetInt64());
            var fromInflux = Points(history);
            var series = HistorySeries.Find(device, field)!;
            var fromSqlite = await sqlite.QueryAsync(new HistoryQuery(series, InfluxServiceRig.Site, id, Since, Until, maxPoints), CancellationToken.None);
            Assert.Equal(expectedCount, fromInflux.Count);
            AssertSame(fromSqlite, fromInflux);
        }

        var raw = Points(await rig.Service.GetJsonAsync(Path("cdu", "cdu1", "supplyTemperatureCelsius", 1000)));
        Assert.Equal(29.25, raw[0].Value);
        Assert.Equal(RunningService.Start.AddMilliseconds(1700), raw[1].Time);
        var averaged = Points(await rig.Service.GetJsonAsync(Path("cdu", "cdu1", "supplyTemperatureCelsius", 4)));
        Assert.Equal(Since, averaged[0].Time); // the first bucket starts at since
        Assert.Equal(raw.Take(4).Average(p => p.Value), averaged[0].Value, 9); // since … since + 7.8 s: the samples at 0, 1.7, 3.4 and 5.1 s
    }

    [Theory]
    [InlineData("cdu1' OR cdu = 'cdu2")]
    [InlineData("x' OR cdu != '")]
    [InlineData(@"cdu1\")]
    [InlineData("cdu1\" OR \"cdu\" = \"cdu2")]
    [InlineData("cdu1'; DROP DATABASE \"site\"; SELECT '")]
    public async Task Ids_that_try_to_change_the_query_match_no_device_and_change_nothing(string id)
    {
        await using var rig = await InfluxServiceRig.StartAsync();
        await rig.PublishCduAsync("cdu1", 1, 30);
        await rig.PublishCduAsync("cdu2", 1, 40);
        await rig.WaitUntilStoredAsync();

        var history = await rig.Service.GetJsonAsync(Path("cdu", id, "supplyTemperatureCelsius", 1000));
        Assert.Equal(id, history.GetProperty("deviceId").GetString());
        Assert.Empty(history.GetProperty("points").EnumerateArray());
        Assert.Contains(InfluxServiceRig.Database, await rig.Influx.DatabasesAsync());
        Assert.Single(Points(await rig.Service.GetJsonAsync(Path("cdu", "cdu2", "supplyTemperatureCelsius", 1000))));
    }

    [Fact]
    public async Task An_unreachable_InfluxDB_gives_503_and_one_that_refuses_the_query_502_each_with_the_reason()
    {
        await using var rig = await InfluxServiceRig.StartAsync();
        Assert.Empty(Points(await rig.Service.GetJsonAsync(Path("cdu", "cdu1", "supplyTemperatureCelsius", 10)))); // no database yet: an empty series

        await rig.Influx.StopAsync();
        using (var down = await rig.Service.Http.GetAsync(new Uri(Path("cdu", "cdu1", "supplyTemperatureCelsius", 10), UriKind.Relative)))
        {
            Assert.Equal(503, (int)down.StatusCode);
            var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Contains("unreachable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Contains(rig.Influx.Url.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        await rig.Influx.RestartAsync();
        await using var misconfigured = await InfluxServiceRig.StartAsync("--Cooling:Store:InfluxDb:RetentionPolicy=nope");
        await misconfigured.Influx.ExecuteAsync($"CREATE DATABASE \"{InfluxServiceRig.Database}\"");
        using var refused = await misconfigured.Service.Http.GetAsync(new Uri(Path("cdu", "cdu1", "supplyTemperatureCelsius", 10), UriKind.Relative));
        Assert.Equal(502, (int)refused.StatusCode);
        Assert.Contains("retention policy not found: nope", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_History_set_to_sqlite_a_service_that_stores_in_InfluxDB_reads_history_from_SQLite()
    {
        await using var rig = await InfluxServiceRig.StartAsync("--Cooling:Store:History=sqlite");
        await rig.PublishCduAsync("cdu1", 1, 30.5);
        await rig.Service.Runtime.Supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        await rig.Service.Runtime.SqliteStore!.FlushAsync(TimeSpan.FromSeconds(10));
        await rig.Influx.StopAsync();

        var history = await rig.Service.GetJsonAsync(Path("cdu", "cdu1", "supplyTemperatureCelsius", 10));
        Assert.Equal("sqlite", history.GetProperty("source").GetString());
        Assert.Equal(30.5, Assert.Single(Points(history)).Value);
    }
}
