namespace Cooling.Supervisor.Service.History;

/// <summary>Reads stored telemetry back as a time series of one field of one CDU or rack.</summary>
public interface ITelemetryHistory
{
    /// <summary>
    /// Points with <paramref name="since"/> ≤ time &lt; <paramref name="until"/>, oldest first, in at most
    /// <paramref name="maxPoints"/> equal time buckets: the samples of a bucket averaged, at the time of its first sample.
    /// </summary>
    IReadOnlyList<HistoryPoint> Query(HistorySeries series, string siteId, string deviceId, DateTimeOffset since, DateTimeOffset until, int maxPoints);
}

/// <summary>One point of a series: when (received by the supervisor) and the value.</summary>
public readonly record struct HistoryPoint(DateTimeOffset Time, double Value);
