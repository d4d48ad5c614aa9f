namespace Cooling.Hall;

/// <summary>What the one-command hall runs: its size, its broker and store, and the supervisor's planner.</summary>
public sealed record HallOptions
{
    /// <summary>CDU loops in the hall (1 … 64).</summary>
    public int CduCount { get; init; } = 1;

    /// <summary>Racks per CDU loop (1 … 64).</summary>
    public int RacksPerCdu { get; init; } = 4;

    /// <summary>An external broker (mqtt://host:port); null starts the embedded broker.</summary>
    public string? BrokerUrl { get; init; }

    /// <summary>Port of the embedded broker; 0 picks a free one.</summary>
    public int EmbeddedBrokerPort { get; init; }

    /// <summary>
    /// Folder the embedded broker's credentials are written to (secrets/{identity}.password, acl, passwords); null:
    /// <c>hall-credentials</c> next to the store file.
    /// </summary>
    public string? CredentialsFolder { get; init; }

    /// <summary><see cref="CredentialsFolder"/>, or its default next to the store file.</summary>
    public string CredentialsFolderOrDefault =>
        CredentialsFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(StorePath))!, "hall-credentials");

    /// <summary>SQLite file of the embedded store.</summary>
    public string StorePath { get; init; } = Path.Combine("data", "hall.db");

    /// <summary>InfluxDB 1.x that telemetry is written to as well (http://host:8086/); null keeps the embedded store only.</summary>
    public string? InfluxDbUrl { get; init; }

    /// <summary>InfluxDB database (created when missing).</summary>
    public string InfluxDbDatabase { get; init; } = "cooling";

    /// <summary>Folder of the InfluxDB disk buffer; null puts it next to the store file.</summary>
    public string? InfluxDbBufferDirectory { get; init; }

    /// <summary>Supply temperature the fixed planner requests, °C.</summary>
    public double SupplyTemperatureCelsius { get; init; } = 30.0;

    /// <summary>Lease of each setpoint request, s.</summary>
    public int LeaseSeconds { get; init; } = 30;

    /// <summary>Renewal period of setpoint requests, s.</summary>
    public int RenewalSeconds { get; init; } = 10;

    /// <summary>Site id in topics.</summary>
    public string SiteId { get; init; } = "hall1";

    public void Validate()
    {
        if (CduCount is < 1 or > 64) throw new ArgumentException("--cdus must be 1 … 64.");
        if (RacksPerCdu is < 1 or > 64) throw new ArgumentException("--racks must be 1 … 64.");
        if (EmbeddedBrokerPort is < 0 or > 65535) throw new ArgumentException("--port must be 0 … 65535 (0 picks a free port).");
        if (InfluxDbUrl is not null && (!Uri.TryCreate(InfluxDbUrl, UriKind.Absolute, out var influx) || influx.Scheme is not ("http" or "https")))
            throw new ArgumentException("--influxdb must be an http:// or https:// address, e.g. http://127.0.0.1:8086/.");
        if (!Supervisor.Contract.TopicAddress.IsValidId(SiteId)) throw new ArgumentException("--site must be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
    }
}
