namespace Cooling.Supervisor.Service.History;

/// <summary>Reads stored telemetry back as a time series of one field of one CDU or rack.</summary>
public interface ITelemetryHistory
{
    /// <summary>Where the series come from: <c>sqlite</c> or <c>influxdb</c>.</summary>
    string Source { get; }

    /// <summary>
    /// Points with <see cref="HistoryQuery.Since"/> ≤ time &lt; <see cref="HistoryQuery.Until"/>, oldest first. When the
    /// range holds at most <see cref="HistoryQuery.MaxPoints"/> samples they come as stored; otherwise the range is cut
    /// into <see cref="HistoryQuery.MaxPoints"/> equal buckets from <see cref="HistoryQuery.Since"/> on and each bucket
    /// that holds samples gives one point: their mean, at the bucket's start.
    /// </summary>
    /// <exception cref="HistoryUnavailableException">The store cannot be read now (unreachable, or it answered with an error).</exception>
    Task<IReadOnlyList<HistoryPoint>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken);
}

/// <summary>One series over a time range, in at most <see cref="MaxPoints"/> points.</summary>
public sealed record HistoryQuery(HistorySeries Series, string SiteId, string DeviceId, DateTimeOffset Since, DateTimeOffset Until, int MaxPoints)
{
    /// <summary>Start of the range, Unix ms.</summary>
    public long FromMilliseconds => Since.ToUnixTimeMilliseconds();

    /// <summary>End of the range (excluded), Unix ms.</summary>
    public long ToMilliseconds => Until.ToUnixTimeMilliseconds();

    /// <summary>Width of one bucket when the range must be averaged, ms: the range divided by <see cref="MaxPoints"/>, rounded up.</summary>
    public long BucketMilliseconds
    {
        get
        {
            var points = Math.Max(1, MaxPoints);
            return Math.Max(1, (ToMilliseconds - FromMilliseconds + points - 1) / points);
        }
    }
}

/// <summary>One point of a series: when (see the store for whose clock) and the value.</summary>
public readonly record struct HistoryPoint(DateTimeOffset Time, double Value);

/// <summary>The store behind the history cannot answer now; <see cref="StatusCode"/> is what the API answers (502 or 503).</summary>
public sealed class HistoryUnavailableException(string reason, int statusCode, Exception? inner = null) : Exception(reason, inner)
{
    /// <summary>503 when the store cannot be reached or does not answer in time; 502 when it answered with an error.</summary>
    public int StatusCode { get; } = statusCode;
}
