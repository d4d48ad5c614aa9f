namespace Cooling.Supervisor.Storage.Influx;

/// <summary>Where and how the supervisor writes to an InfluxDB 1.x server.</summary>
public sealed record InfluxDbOptions
{
    /// <summary>Base address of the HTTP API, e.g. http://influxdb:8086/.</summary>
    public Uri? Url { get; init; }

    /// <summary>Database the points go to; created when missing (needs admin rights when authentication is on).</summary>
    public string Database { get; init; } = "cooling";

    /// <summary>Retention policy to write into; null writes into the database's default policy.</summary>
    public string? RetentionPolicy { get; init; }

    /// <summary>User for HTTP basic authentication; null when authentication is off.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>Points per write request at most (InfluxDB advises 5,000 … 10,000).</summary>
    public int BatchSize { get; init; } = 5000;

    /// <summary>A batch is sent at the latest this long after its first point, s.</summary>
    public double FlushIntervalSeconds { get; init; } = 1.0;

    /// <summary>Request bodies are gzip-compressed (Content-Encoding: gzip).</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>First wait after a failed write, s; doubled after every further failure up to <see cref="MaxRetryDelaySeconds"/>.</summary>
    public double InitialRetryDelaySeconds { get; init; } = 0.5;

    public double MaxRetryDelaySeconds { get; init; } = 30.0;

    /// <summary>A Retry-After from the server is honoured up to this long, s.</summary>
    public double MaxRetryAfterSeconds { get; init; } = 300.0;

    /// <summary>One write request is given up (and retried later) after this long, s.</summary>
    public double RequestTimeoutSeconds { get; init; } = 10.0;

    /// <summary>Folder of the disk buffer that keeps batches while InfluxDB cannot take them.</summary>
    public string BufferDirectory { get; init; } = Path.Combine("data", "influxdb-buffer");

    /// <summary>The disk buffer's size limit, bytes; beyond it the newest points are dropped and an error is logged.</summary>
    public long BufferMaxBytes { get; init; } = 1L << 30;

    /// <summary>Size at which the disk buffer starts a new segment file, bytes.</summary>
    public long BufferSegmentBytes { get; init; } = 8L << 20;

    /// <summary>Points waiting in memory to be batched at most; beyond it new points are dropped and counted.</summary>
    public int QueueCapacity { get; init; } = 200_000;

    /// <summary>Checks the settings; the message says what to change.</summary>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != Uri.UriSchemeHttp && Url.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException("InfluxDB Url must be an absolute http:// or https:// address, e.g. http://influxdb:8086/.");
        if (string.IsNullOrWhiteSpace(Database)) throw new ArgumentException("InfluxDB Database must not be empty.");
        if (BatchSize is < 1 or > 100_000) throw new ArgumentException("InfluxDB BatchSize must be 1 … 100,000 points.");
        if (FlushIntervalSeconds is <= 0 or > 60) throw new ArgumentException("InfluxDB FlushIntervalSeconds must be above 0 and at most 60.");
        if (InitialRetryDelaySeconds <= 0 || MaxRetryDelaySeconds < InitialRetryDelaySeconds)
            throw new ArgumentException("InfluxDB InitialRetryDelaySeconds must be above 0 and MaxRetryDelaySeconds at least as large.");
        if (MaxRetryAfterSeconds < 0) throw new ArgumentException("InfluxDB MaxRetryAfterSeconds must not be negative.");
        if (RequestTimeoutSeconds <= 0) throw new ArgumentException("InfluxDB RequestTimeoutSeconds must be above 0.");
        if (string.IsNullOrWhiteSpace(BufferDirectory)) throw new ArgumentException("InfluxDB BufferDirectory must name a folder.");
        if (BufferSegmentBytes < 4096 || BufferMaxBytes < BufferSegmentBytes)
            throw new ArgumentException("InfluxDB BufferSegmentBytes must be at least 4096 and BufferMaxBytes at least one segment.");
        if (QueueCapacity < BatchSize) throw new ArgumentException("InfluxDB QueueCapacity must hold at least one batch (BatchSize).");
    }
}
