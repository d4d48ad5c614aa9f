using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Storage.Influx;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cooling.Supervisor.Service.Health;

/// <summary>
/// /health with store kind influxdb: Unhealthy while points are being lost (the disk buffer is full, or points were
/// dropped for lack of room in the last minute); Degraded while InfluxDB does not take writes and the writer buffers
/// on disk, or while it replays what it buffered; Healthy otherwise. The data carries the counts and the last error.
/// </summary>
public sealed class InfluxDbHealthCheck(SupervisorRuntime runtime, TimeProvider time) : IHealthCheck
{
    /// <summary>A drop for lack of room this recent keeps the check Unhealthy.</summary>
    public static readonly TimeSpan DropWindow = TimeSpan.FromMinutes(1);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (runtime.InfluxStore?.Writer is not { } w)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("the InfluxDB writer is not running"));
        }

        var (bytes, points, segments) = w.Buffered;
        var settings = runtime.Options.Store.InfluxDb;
        var data = new Dictionary<string, object>
        {
            ["url"] = settings.Url ?? "",
            ["database"] = settings.Database,
            ["available"] = w.IsAvailable,
            ["pointsWritten"] = w.Written,
            ["batchesWritten"] = w.BatchesWritten,
            ["pointsPending"] = w.Pending,
            ["bufferedPoints"] = points,
            ["bufferedBytes"] = bytes,
            ["bufferSegments"] = segments,
            ["replayedPoints"] = w.Replayed,
            ["retries"] = w.Retries,
            ["retryAfterHonoured"] = w.RetryAfterHonoured,
            ["pointsRefusedByServer"] = w.Dropped.Count(DropCause.RefusedByServer),
            ["pointsDroppedNoRoom"] = w.Dropped.Count(DropCause.QueueFull) + w.Dropped.Count(DropCause.BufferFull),
        };
        if (w.LastSuccessAt is { } ok) data["lastSuccessAt"] = ok;
        if (w.LastError is { } error)
        {
            data["lastErrorAt"] = error.At;
            data["lastError"] = error.Reason;
        }

        var since = time.GetUtcNow() - DropWindow;
        var recentLoss = w.Dropped.Recent.Where(d => d.At >= since && d.Cause is DropCause.QueueFull or DropCause.BufferFull).Sum(d => (long)d.Points);
        HealthCheckResult result;
        if (w.IsBufferFull)
        {
            result = HealthCheckResult.Unhealthy($"InfluxDB disk buffer full ({bytes:N0} bytes, {points:N0} points): new points are dropped", data: data);
        }
        else if (recentLoss > 0)
        {
            result = HealthCheckResult.Unhealthy($"{recentLoss:N0} points dropped for lack of room in the last {DropWindow.TotalSeconds:F0} s", data: data);
        }
        else if (!w.IsAvailable)
        {
            result = HealthCheckResult.Degraded($"InfluxDB does not take writes ({w.LastError?.Reason ?? "unknown"}); {points:N0} points buffered on disk", data: data);
        }
        else if (points > 0)
        {
            result = HealthCheckResult.Degraded($"replaying {points:N0} buffered points to InfluxDB", data: data);
        }
        else
        {
            result = HealthCheckResult.Healthy($"{w.Written:N0} points written to InfluxDB", data);
        }

        return Task.FromResult(result);
    }
}
