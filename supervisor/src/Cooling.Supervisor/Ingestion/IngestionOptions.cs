namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// Bounds of the ingestion path. Rack telemetry is read where it is received (<see cref="Workers"/> 0, the default:
/// on the client's message task, while the payload is still in the processor's cache, without a copy — the broker
/// connection's own reading and keep-alive run on another task) or spread over <see cref="Workers"/> queues by topic
/// (so each rack's messages stay in order). CDU messages (telemetry, state, events, acknowledgements) have their own
/// queue and worker, so a flood of rack telemetry never delays an acknowledgement. A full queue drops the newest
/// message and counts it (the next message of the same rack supersedes it within a second). Store writes go through
/// their own queue, so a slow store never holds up the hall state or the broker connection.
/// </summary>
public sealed record IngestionOptions
{
    /// <summary>
    /// Workers (and queues) for rack telemetry; 0 reads it on the receive path. Reading a 72-GPU message takes ≈ 3–4 µs,
    /// a fraction of what receiving it costs, and on the receive path it costs least (docs/performance.md); workers
    /// only pay off where reading would be slower than receiving.
    /// </summary>
    public int Workers { get; init; }

    /// <summary>Rack telemetry messages waiting for a worker, over all rack queues.</summary>
    public int RackQueueCapacity { get; init; } = 4096;

    /// <summary>CDU messages waiting for their worker.</summary>
    public int CduQueueCapacity { get; init; } = 4096;

    /// <summary>Pause of a rack worker after each batch, ms (0: none). Adds at most this much latency.</summary>
    public double RackBatchMilliseconds { get; init; } = 2;

    /// <summary>Pause of the store feeder after each batch, ms (0: none).</summary>
    public double StoreBatchMilliseconds { get; init; } = 50;

    /// <summary>Records waiting for the store.</summary>
    public int StoreQueueCapacity { get; init; } = 100_000;

    public void Validate()
    {
        if (Workers is < 0 or > 64) throw new ArgumentException("Ingestion.Workers must be 0 (read on the receive path) … 64.");
        if (RackQueueCapacity < Math.Max(Workers, 1) || RackQueueCapacity > 1_000_000) throw new ArgumentException("Ingestion.RackQueueCapacity must be Workers … 1000000.");
        if (CduQueueCapacity is < 1 or > 1_000_000) throw new ArgumentException("Ingestion.CduQueueCapacity must be 1 … 1000000.");
        if (StoreQueueCapacity is < 1 or > 10_000_000) throw new ArgumentException("Ingestion.StoreQueueCapacity must be 1 … 10000000.");
        if (RackBatchMilliseconds is < 0 or > 100) throw new ArgumentException("Ingestion.RackBatchMilliseconds must be 0 … 100.");
        if (StoreBatchMilliseconds is < 0 or > 1000) throw new ArgumentException("Ingestion.StoreBatchMilliseconds must be 0 … 1000.");
    }
}
