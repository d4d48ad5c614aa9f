using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Ingestion;

/// <summary>
/// What ingestion did since start, per topic kind: received from the broker, accepted, rejected (reasons in the
/// <see cref="RejectionLog"/>), dropped because its queue was full; GPU samples accepted; store records queued,
/// dropped because the store fell behind, and failed in the store. Thread-safe; read by /metrics.
/// </summary>
public sealed class IngestionCounters
{
    private static readonly int Kinds = Enum.GetValues<TopicKind>().Length;
    private readonly long[] _received = new long[Kinds];
    private readonly long[] _accepted = new long[Kinds];
    private readonly long[] _rejected = new long[Kinds];
    private readonly long[] _dropped = new long[Kinds];
    private long _gpuSamples;
    private long _storeQueued;
    private long _storeDropped;
    private long _storeFailed;

    public long Received(TopicKind kind) => Interlocked.Read(ref _received[(int)kind]);

    public long Accepted(TopicKind kind) => Interlocked.Read(ref _accepted[(int)kind]);

    public long Rejected(TopicKind kind) => Interlocked.Read(ref _rejected[(int)kind]);

    /// <summary>Messages dropped unread because their queue was full.</summary>
    public long DroppedQueueFull(TopicKind kind) => Interlocked.Read(ref _dropped[(int)kind]);

    /// <summary>GPU readings in accepted rack telemetry.</summary>
    public long GpuSamplesAccepted => Interlocked.Read(ref _gpuSamples);

    public long StoreRecordsQueued => Interlocked.Read(ref _storeQueued);

    /// <summary>Store records dropped because the store's queue was full (the store is slow or blocked).</summary>
    public long StoreRecordsDropped => Interlocked.Read(ref _storeDropped);

    /// <summary>Store records whose write threw.</summary>
    public long StoreRecordsFailed => Interlocked.Read(ref _storeFailed);

    /// <summary>Messages accepted over every kind.</summary>
    public long TotalAccepted => Sum(_accepted);

    public long TotalReceived => Sum(_received);

    public long TotalDroppedQueueFull => Sum(_dropped);

    internal void CountReceived(TopicKind kind) => Interlocked.Increment(ref _received[(int)kind]);

    internal void CountAccepted(TopicKind kind) => Interlocked.Increment(ref _accepted[(int)kind]);

    internal void CountRejected(TopicKind kind) => Interlocked.Increment(ref _rejected[(int)kind]);

    internal void CountDropped(TopicKind kind) => Interlocked.Increment(ref _dropped[(int)kind]);

    internal void CountGpuSamples(int count) => Interlocked.Add(ref _gpuSamples, count);

    internal void CountStoreQueued() => Interlocked.Increment(ref _storeQueued);

    internal void CountStoreDropped() => Interlocked.Increment(ref _storeDropped);

    internal void CountStoreFailed(int count) => Interlocked.Add(ref _storeFailed, count);

    private static long Sum(long[] values)
    {
        long sum = 0;
        for (var i = 0; i < values.Length; i++) sum += Interlocked.Read(ref values[i]);
        return sum;
    }
}
