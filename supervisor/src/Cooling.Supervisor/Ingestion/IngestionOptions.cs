namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Bounds of the ingestion path. Rack telemetry is spread over <see cref="Workers"/> queues by topic (so each rack's
/// messages stay in order); CDU messages (telemetry, state, events, acknowledgements) have their own queue and
/// worker, so a flood of rack telemetry never delays an acknowledgement. A full queue drops the newest message
/// and counts it (the next message of the same rack supersedes it within a second). Store writes go through their
/// own queue, so a slow store never holds up the hall state or the broker connection.
/// </summary>
public sealed record IngestionOptions
{
    /// <summary>Workers (and queues) for rack telemetry.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Rack telemetry messages waiting for a worker, over all rack queues.</summary>
    public int RackQueueCapacity { get; init; } = 4096;

    /// <summary>CDU messages waiting for their worker.</summary>
    public int CduQueueCapacity { get; init; } = 4096;

    /// <summary>Records waiting for the store.</summary>
    public int StoreQueueCapacity { get; init; } = 100_000;

    public void Validate()
    {
        if (Workers is < 1 or > 64) throw new ArgumentException("Ingestion.Workers must be 1 … 64.");
        if (RackQueueCapacity < Workers || RackQueueCapacity > 1_000_000) throw new ArgumentException("Ingestion.RackQueueCapacity must be Workers … 1000000.");
        if (CduQueueCapacity is < 1 or > 1_000_000) throw new ArgumentException("Ingestion.CduQueueCapacity must be 1 … 1000000.");
        if (StoreQueueCapacity is < 1 or > 10_000_000) throw new ArgumentException("Ingestion.StoreQueueCapacity must be 1 … 10000000.");
    }
}
