using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Dcgm;

/// <summary>Settings of the dcgm-exporter bridge.</summary>
public sealed record DcgmBridgeOptions
{
    /// <summary>Where to read the exposition: an http(s) URL (dcgm-exporter's /metrics) or a file path.</summary>
    public string Source { get; init; } = "http://127.0.0.1:9400/metrics";

    /// <summary>The site id of the rack topics.</summary>
    public string SiteId { get; init; } = "site";

    /// <summary>Host → rack mappings; GPUs of hosts not listed are skipped and counted.</summary>
    public IReadOnlyList<DcgmHostMapping> Hosts { get; init; } = [];

    /// <summary>Seconds between scrapes (the contract's rack telemetry rate is 1 Hz).</summary>
    public double PeriodSeconds { get; init; } = 1.0;

    /// <summary>Longest wait for one scrape, s.</summary>
    public double ScrapeTimeoutSeconds { get; init; } = 5.0;

    /// <summary>Client id of the bridge on the broker.</summary>
    public string ClientId { get; init; } = "dcgm-bridge";

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Source)) throw new ArgumentException("Source must be an http(s) URL or a file path.");
        if (!TopicAddress.IsValidId(SiteId)) throw new ArgumentException("SiteId must be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
        if (!TopicAddress.IsValidId(ClientId)) throw new ArgumentException("ClientId must be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
        if (Hosts.Count == 0) throw new ArgumentException("Hosts must map at least one host to its rack.");
        foreach (var host in Hosts) host.Validate();
        var duplicate = Hosts.GroupBy(h => h.Host, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"Host {duplicate.Key} is mapped more than once.");
        if (PeriodSeconds is < 0.1 or > 3600) throw new ArgumentException("PeriodSeconds must be 0.1 … 3600.");
        if (ScrapeTimeoutSeconds is < 0.1 or > 60) throw new ArgumentException("ScrapeTimeoutSeconds must be 0.1 … 60.");
    }

    /// <summary>True when <see cref="Source"/> is an http(s) URL (else a file path).</summary>
    public bool SourceIsUrl => Source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || Source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
}
