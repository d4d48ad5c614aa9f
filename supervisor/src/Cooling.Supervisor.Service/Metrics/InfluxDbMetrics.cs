using Cooling.Supervisor.Service.Hosting;
using Cooling.Supervisor.Storage.Influx;
using Prometheus;

namespace Cooling.Supervisor.Service.Metrics;

/// <summary>
/// The InfluxDB writer's counters in /metrics (store kind influxdb): points and batches written, bytes on the wire
/// (gzip) and before compression, answers by HTTP status, retries and the Retry-After waits honoured, points dropped by
/// cause (refused_by_server: the poison points of partial writes), the disk buffer (points, bytes, segments), points
/// replayed from it, and the times of the last success and the last error. Read from the writer at scrape time.
/// </summary>
public sealed class InfluxDbMetrics
{
    private readonly SupervisorRuntime _runtime;
    private readonly Counter _accepted;
    private readonly Counter _written;
    private readonly Counter _batches;
    private readonly Counter _requests;
    private readonly Counter _responses;
    private readonly Counter _bytesSent;
    private readonly Counter _bytesUncompressed;
    private readonly Counter _retries;
    private readonly Counter _retryAfter;
    private readonly Counter _dropped;
    private readonly Counter _replayed;
    private readonly Gauge _pending;
    private readonly Gauge _bufferPoints;
    private readonly Gauge _bufferBytes;
    private readonly Gauge _bufferSegments;
    private readonly Gauge _bufferFull;
    private readonly Gauge _available;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lastError;

    public InfluxDbMetrics(SupervisorMetrics metrics, SupervisorRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        _runtime = runtime;
        var f = Prometheus.Metrics.WithCustomRegistry(metrics.Registry);
        _accepted = f.CreateCounter("cooling_influxdb_points_accepted_total", "Points handed to the InfluxDB writer.");
        _written = f.CreateCounter("cooling_influxdb_points_written_total", "Points InfluxDB has written.");
        _batches = f.CreateCounter("cooling_influxdb_batches_written_total", "Write requests (batches) InfluxDB has taken.");
        _requests = f.CreateCounter("cooling_influxdb_requests_total", "HTTP requests to InfluxDB (writes and database creation).");
        _responses = f.CreateCounter("cooling_influxdb_responses_total", "InfluxDB's answers by HTTP status (0: no answer: unreachable or timed out).", "status");
        _bytesSent = f.CreateCounter("cooling_influxdb_bytes_sent_total", "Write request bodies sent, bytes (gzip-compressed when on).");
        _bytesUncompressed = f.CreateCounter("cooling_influxdb_bytes_uncompressed_total", "Line protocol those writes carried before compression, bytes.");
        _retries = f.CreateCounter("cooling_influxdb_retries_total", "Writes that failed for a reason that may pass and were retried later.");
        _retryAfter = f.CreateCounter("cooling_influxdb_retry_after_honoured_total", "Retries that waited the server's Retry-After (429, 503) instead of the backoff.");
        _dropped = f.CreateCounter("cooling_influxdb_points_dropped_total",
            "Points dropped, by cause: refused_by_server (partial write: poison points), not_representable, queue_full, buffer_full.", "cause");
        _replayed = f.CreateCounter("cooling_influxdb_points_replayed_total", "Points written from the disk buffer.");
        _pending = f.CreateGauge("cooling_influxdb_points_pending", "Points accepted and neither written nor dropped yet (queued, in flight or buffered).");
        _bufferPoints = f.CreateGauge("cooling_influxdb_buffer_points", "Points waiting in the disk buffer.");
        _bufferBytes = f.CreateGauge("cooling_influxdb_buffer_bytes", "Bytes of line protocol in the disk buffer.");
        _bufferSegments = f.CreateGauge("cooling_influxdb_buffer_segments", "Segment files of the disk buffer.");
        _bufferFull = f.CreateGauge("cooling_influxdb_buffer_full", "1 while the disk buffer is at its size limit and new points are dropped.");
        _available = f.CreateGauge("cooling_influxdb_available", "1 while InfluxDB takes writes (0 from a failed write until the next success).");
        _lastSuccess = f.CreateGauge("cooling_influxdb_last_success_timestamp_seconds", "Unix time InfluxDB last took a batch (NaN before the first).");
        _lastError = f.CreateGauge("cooling_influxdb_last_error_timestamp_seconds", "Unix time of the last failed or partial write (NaN before the first).");
        foreach (var cause in Enum.GetValues<DropCause>()) _dropped.WithLabels(CauseLabel(cause)).IncTo(0);
        metrics.Registry.AddBeforeCollectCallback(Refresh);
    }

    /// <summary>The label of a drop cause: refused_by_server, not_representable, queue_full, buffer_full.</summary>
    public static string CauseLabel(DropCause cause) => cause switch
    {
        DropCause.RefusedByServer => "refused_by_server",
        DropCause.NotRepresentable => "not_representable",
        DropCause.QueueFull => "queue_full",
        _ => "buffer_full",
    };

    private void Refresh()
    {
        if (_runtime.InfluxStore?.Writer is not { } w) return;
        _accepted.IncTo(w.Accepted);
        _written.IncTo(w.Written);
        _batches.IncTo(w.BatchesWritten);
        _requests.IncTo(w.Api.Requests);
        foreach (var (status, count) in w.Api.Responses)
        {
            _responses.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).IncTo(count);
        }

        _bytesSent.IncTo(w.Api.BytesSent);
        _bytesUncompressed.IncTo(w.Api.BytesUncompressed);
        _retries.IncTo(w.Retries);
        _retryAfter.IncTo(w.RetryAfterHonoured);
        foreach (var cause in Enum.GetValues<DropCause>()) _dropped.WithLabels(CauseLabel(cause)).IncTo(w.Dropped.Count(cause));
        _replayed.IncTo(w.Replayed);
        _pending.Set(w.Pending);
        var (bytes, points, segments) = w.Buffered;
        _bufferPoints.Set(points);
        _bufferBytes.Set(bytes);
        _bufferSegments.Set(segments);
        _bufferFull.Set(w.IsBufferFull ? 1 : 0);
        _available.Set(w.IsAvailable ? 1 : 0);
        _lastSuccess.Set(w.LastSuccessAt is { } ok ? ok.ToUnixTimeMilliseconds() / 1000.0 : double.NaN);
        _lastError.Set(w.LastError is { } error ? error.At.ToUnixTimeMilliseconds() / 1000.0 : double.NaN);
    }
}
