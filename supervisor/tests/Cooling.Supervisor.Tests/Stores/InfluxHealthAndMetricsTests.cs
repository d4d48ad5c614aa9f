using System.Text.Json;
using Cooling.Supervisor.Storage.Influx;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>
/// The InfluxDB writer's counters in /metrics and its state in /health, against a real influxd that is stopped and
/// started again: Healthy while it takes writes, Degraded (with the buffered count) while it is down and the writer
/// buffers on disk, Healthy again once the buffer is replayed, Unhealthy when the buffer is full and points are dropped.
/// </summary>
public sealed class InfluxHealthAndMetricsTests
{
    private static async Task<(int Status, JsonElement Body)> HealthAsync(InfluxServiceRig rig)
    {
        using var response = await rig.Service.Http.GetAsync(new Uri("/health", UriKind.Relative));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static JsonElement InfluxCheck(JsonElement health) => health.GetProperty("checks").GetProperty("influxdb");

    [Fact]
    public async Task Metrics_and_health_follow_InfluxDB_through_an_outage_and_the_replay_of_the_buffer()
    {
        await using var rig = await InfluxServiceRig.StartAsync();
        var service = rig.Service;
        for (var seq = 1; seq <= 5; seq++) await rig.PublishCduAsync("cdu1", seq, 30);
        await rig.WaitUntilStoredAsync();

        var (status, health) = await HealthAsync(rig);
        Assert.Equal(200, status);
        Assert.Equal("Healthy", InfluxCheck(health).GetProperty("status").GetString());
        var written = rig.Writer.Written;
        Assert.True(written >= 5, $"{written} points written");
        Assert.Equal(written, await service.MetricAsync("cooling_influxdb_points_written_total"));
        Assert.Equal(written, InfluxCheck(health).GetProperty("data").GetProperty("pointsWritten").GetInt64());
        Assert.Equal(rig.Writer.BatchesWritten, await service.MetricAsync("cooling_influxdb_batches_written_total"));
        Assert.True(rig.Writer.BatchesWritten >= 1);
        Assert.Equal(rig.Writer.Api.BytesSent, await service.MetricAsync("cooling_influxdb_bytes_sent_total"));
        Assert.True(await service.MetricAsync("cooling_influxdb_responses_total{status=\"204\"}") >= rig.Writer.BatchesWritten);
        Assert.Equal(1, await service.MetricAsync("cooling_influxdb_available"));
        Assert.Equal(0, await service.MetricAsync("cooling_influxdb_buffer_points"));
        Assert.Equal(service.Time.GetUtcNow().ToUnixTimeSeconds(), await service.MetricAsync("cooling_influxdb_last_success_timestamp_seconds"), 3.0);
        Assert.True(double.IsNaN(await service.MetricAsync("cooling_influxdb_last_error_timestamp_seconds")));

        // InfluxDB goes away: the next batch fails and waits in the disk buffer.
        await rig.Influx.StopAsync();
        for (var seq = 6; seq <= 10; seq++) await rig.PublishCduAsync("cdu1", seq, 31);
        await rig.Service.Runtime.Supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        await rig.AdvanceUntilAsync(() => !rig.Writer.IsAvailable && rig.Writer.Buffered.Points >= 5, "the writer buffering on disk");

        (status, health) = await HealthAsync(rig);
        Assert.Equal(200, status); // degraded, not unhealthy: nothing is lost
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        var check = InfluxCheck(health);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        var buffered = check.GetProperty("data").GetProperty("bufferedPoints").GetInt64();
        Assert.True(buffered >= 5, $"{buffered} points buffered");
        Assert.Contains($"{buffered:N0} points buffered on disk", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("unreachable", check.GetProperty("data").GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await service.MetricAsync("cooling_influxdb_available"));
        Assert.True(await service.MetricAsync("cooling_influxdb_buffer_points") >= buffered);
        Assert.True(await service.MetricAsync("cooling_influxdb_buffer_bytes") > 0);
        Assert.True(await service.MetricAsync("cooling_influxdb_buffer_segments") >= 1);
        Assert.True(await service.MetricAsync("cooling_influxdb_retries_total") >= 1);
        Assert.True(await service.MetricAsync("cooling_influxdb_responses_total{status=\"0\"}") >= 1);
        Assert.Equal(0, await service.MetricAsync("cooling_influxdb_points_replayed_total"));

        // Back: the buffer is replayed in full and the check is healthy again.
        await rig.Influx.RestartAsync();
        await rig.WaitUntilStoredAsync();
        (status, health) = await HealthAsync(rig);
        Assert.Equal("Healthy", InfluxCheck(health).GetProperty("status").GetString());
        Assert.True(rig.Writer.Replayed >= buffered, $"{rig.Writer.Replayed} replayed of {buffered} buffered");
        Assert.Equal(rig.Writer.Replayed, await service.MetricAsync("cooling_influxdb_points_replayed_total"));
        Assert.Equal(0, await service.MetricAsync("cooling_influxdb_buffer_points"));
        Assert.Equal(1, await service.MetricAsync("cooling_influxdb_available"));
        Assert.Equal(rig.Writer.LastError!.At.ToUnixTimeMilliseconds() / 1000.0, await service.MetricAsync("cooling_influxdb_last_error_timestamp_seconds"), 3);
        var count = await rig.Influx.QueryAsync(InfluxServiceRig.Database, "SELECT COUNT(seq) FROM cdu_telemetry");
        Assert.Equal(10, count[0].Column("count")[0].GetInt64());
    }

    [Fact]
    public async Task A_full_buffer_that_drops_points_makes_the_service_unhealthy()
    {
        await using var rig = await InfluxServiceRig.StartAsync("--Cooling:Store:InfluxDb:BufferMaxMegabytes=1");
        await rig.Influx.StopAsync();
        var seq = 0;
        while (!rig.Writer.IsBufferFull)
        {
            Assert.True(seq < 20_000, $"the 1 MB buffer is not full after {seq} CDU messages ({rig.Writer.Buffered.Bytes} bytes)");
            for (var i = 0; i < 200; i++) await rig.Service.PublishAsync("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry(++seq));
            await rig.Service.Runtime.Supervisor.FlushAsync(TimeSpan.FromSeconds(10));
            rig.Service.Time.Advance(TimeSpan.FromSeconds(1)); // the batch timer closes a batch, and it goes to the buffer
            await rig.AdvanceUntilAsync(() => rig.Writer.Pending - rig.Writer.Buffered.Points == 0 || rig.Writer.IsBufferFull, "the batch buffered or dropped");
        }

        var (status, health) = await HealthAsync(rig);
        Assert.Equal(503, status);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        var check = InfluxCheck(health);
        Assert.Equal("Unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("buffer full", check.GetProperty("description").GetString(), StringComparison.Ordinal);
        var dropped = rig.Writer.Dropped.Count(DropCause.BufferFull);
        Assert.True(dropped > 0);
        Assert.Equal(dropped, check.GetProperty("data").GetProperty("pointsDroppedNoRoom").GetInt64());
        Assert.Equal(dropped, await rig.Service.MetricAsync("cooling_influxdb_points_dropped_total{cause=\"buffer_full\"}"));
        Assert.Equal(1, await rig.Service.MetricAsync("cooling_influxdb_buffer_full"));
        Assert.True(rig.Writer.Buffered.Bytes <= 1024 * 1024);
    }

    [Fact]
    public async Task A_service_on_SQLite_has_no_InfluxDB_check_or_metrics()
    {
        await using var service = await Service.RunningService.StartAsync();
        var health = await service.GetJsonAsync("/health");
        Assert.False(health.GetProperty("checks").TryGetProperty("influxdb", out _));
        Assert.DoesNotContain("cooling_influxdb_", await service.Http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
    }
}
