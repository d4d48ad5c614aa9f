namespace Cooling.Supervisor.Dcgm;

/// <summary>What the bridge did since start (thread-safe; for logs and /metrics).</summary>
public sealed class DcgmBridgeCounters
{
    private long _scrapes;
    private long _scrapesFailed;
    private long _messagesPublished;
    private long _publishFailed;
    private long _gpusPublished;
    private long _notSupported;
    private long _outOfRange;
    private long _incompleteGpus;
    private long _unmappedGpus;
    private long _duplicateGpus;
    private long _malformedLines;

    public long Scrapes => Interlocked.Read(ref _scrapes);

    public long ScrapesFailed => Interlocked.Read(ref _scrapesFailed);

    public long MessagesPublished => Interlocked.Read(ref _messagesPublished);

    public long PublishFailed => Interlocked.Read(ref _publishFailed);

    public long GpusPublished => Interlocked.Read(ref _gpusPublished);

    /// <summary>Values DCGM marked "not supported" (dropped).</summary>
    public long NotSupportedValues => Interlocked.Read(ref _notSupported);

    /// <summary>Values outside the contract's ranges (dropped).</summary>
    public long OutOfRangeValues => Interlocked.Read(ref _outOfRange);

    /// <summary>GPUs left out because their die temperature or power was missing (both are required by the contract).</summary>
    public long IncompleteGpus => Interlocked.Read(ref _incompleteGpus);

    /// <summary>GPUs of hosts that no mapping names.</summary>
    public long UnmappedGpus => Interlocked.Read(ref _unmappedGpus);

    /// <summary>GPUs left out because another GPU of the rack already had their index (overlapping mappings).</summary>
    public long DuplicateGpus => Interlocked.Read(ref _duplicateGpus);

    /// <summary>Exposition lines that did not parse, plus samples without host or gpu label.</summary>
    public long MalformedLines => Interlocked.Read(ref _malformedLines);

    internal void Add(DcgmScrape scrape)
    {
        Interlocked.Increment(ref _scrapes);
        Interlocked.Add(ref _notSupported, scrape.NotSupportedValues);
        Interlocked.Add(ref _outOfRange, scrape.OutOfRangeValues);
        Interlocked.Add(ref _malformedLines, scrape.MalformedLines.Count + scrape.SamplesWithoutGpuLabels);
    }

    internal void ScrapeFailed() => Interlocked.Increment(ref _scrapesFailed);

    internal void Published(int gpus)
    {
        Interlocked.Increment(ref _messagesPublished);
        Interlocked.Add(ref _gpusPublished, gpus);
    }

    internal void PublishFailedOnce() => Interlocked.Increment(ref _publishFailed);

    internal void Skipped(int incomplete, int unmapped, int duplicate)
    {
        Interlocked.Add(ref _incompleteGpus, incomplete);
        Interlocked.Add(ref _unmappedGpus, unmapped);
        Interlocked.Add(ref _duplicateGpus, duplicate);
    }
}
