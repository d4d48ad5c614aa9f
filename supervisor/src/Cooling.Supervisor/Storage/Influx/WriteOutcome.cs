namespace Cooling.Supervisor.Storage.Influx;

/// <summary>What became of one write request.</summary>
public enum WriteOutcomeKind
{
    /// <summary>Every point was written.</summary>
    Written,

    /// <summary>InfluxDB wrote the batch except some points it refused (the batch is done; the refused points are dropped).</summary>
    PartiallyWritten,

    /// <summary>InfluxDB refused the whole batch as invalid (the batch is dropped; sending it again would fail again).</summary>
    Rejected,

    /// <summary>Not written now (server down, overloaded, timed out, unauthorised): keep the batch and retry later.</summary>
    RetryLater,
}

/// <summary>One write request's outcome: points dropped by the server, its reason, and how long it asked us to wait.</summary>
public sealed record WriteOutcome(WriteOutcomeKind Kind, int DroppedPoints = 0, string? Reason = null, TimeSpan? RetryAfter = null)
{
    public static readonly WriteOutcome Success = new(WriteOutcomeKind.Written);
}
