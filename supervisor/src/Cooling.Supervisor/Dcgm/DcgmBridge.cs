using Cooling.Supervisor.Contract;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Dcgm;

/// <summary>
/// The dcgm-exporter bridge: every period (on the given <see cref="TimeProvider"/>) reads the exporter's Prometheus
/// text from a URL or a file, groups the GPUs by rack (<see cref="DcgmHostMapping"/>) and publishes one rack
/// telemetry message per rack (contract v1, QoS 0). Sequence numbers start at the Unix time in milliseconds, so
/// they keep rising across restarts. A failed scrape publishes nothing (no stale values) and is counted.
/// </summary>
public sealed class DcgmBridge
{
    /// <summary>Publishes one message (topic, payload); false when it could not be sent.</summary>
    public delegate Task<bool> Publisher(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    private readonly DcgmBridgeOptions _options;
    private readonly Publisher _publish;
    private readonly TimeProvider _time;
    private readonly HttpClient? _http;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DcgmHostMapping> _hosts;
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly long _firstSequence;

    /// <param name="http">Used when the source is a URL (the caller owns it).</param>
    public DcgmBridge(DcgmBridgeOptions options, Publisher publish, TimeProvider time, HttpClient? http, ILogger logger)
    {
        options.Validate();
        if (options.SourceIsUrl && http is null)
        {
            throw new ArgumentException("An HttpClient is needed to read an http(s) source.", nameof(http));
        }

        _options = options;
        _publish = publish;
        _time = time;
        _http = http;
        _logger = logger;
        _hosts = options.Hosts.ToDictionary(h => h.Host, StringComparer.Ordinal);
        _firstSequence = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    public DcgmBridgeCounters Counters { get; } = new();

    /// <summary>Scrapes and publishes every period until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_options.PeriodSeconds), _time);
        do
        {
            await RunOnceAsync(cancellationToken);
        }
        while (await WaitNextAsync(timer, cancellationToken));
    }

    /// <summary>One scrape and its messages; returns the messages published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await ReadSourceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Counters.ScrapeFailed();
            _logger.LogWarning("Scrape of {Source} failed: {Reason}", _options.Source, ex.Message);
            return 0;
        }

        var scrape = DcgmScrape.Read(text);
        Counters.Add(scrape);
        foreach (var line in scrape.MalformedLines.Take(3))
        {
            _logger.LogWarning("dcgm-exporter text from {Source}: {Problem}", _options.Source, line);
        }

        var published = 0;
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (rack, gpus) in GroupByRack(scrape))
        {
            var sequence = NextSequence(rack);
            var payload = RackTelemetryWriter.Write(sequence, now, gpus);
            if (await _publish($"{TopicAddress.Root}{_options.SiteId}/rack/{rack}/telemetry", payload, cancellationToken))
            {
                Counters.Published(gpus.Count);
                published++;
            }
            else
            {
                Counters.PublishFailedOnce();
            }
        }

        return published;
    }

    private List<(string Rack, List<(int Index, DcgmGpuReading Reading)> Gpus)> GroupByRack(DcgmScrape scrape)
    {
        var racks = new SortedDictionary<string, List<(int, DcgmGpuReading)>>(StringComparer.Ordinal);
        var used = new HashSet<(string, int)>();
        int incomplete = 0, unmapped = 0, duplicate = 0;
        foreach (var gpu in scrape.Gpus)
        {
            if (!_hosts.TryGetValue(gpu.Host, out var mapping))
            {
                unmapped++;
                continue;
            }

            if (gpu.TemperatureCelsius is null || gpu.PowerWatts is null)
            {
                incomplete++;
                continue;
            }

            var index = mapping.FirstGpuIndex + gpu.Gpu;
            if (index > RackTelemetryReader.MaximumGpus - 1 || !used.Add((mapping.RackId, index)))
            {
                duplicate++;
                continue;
            }

            if (!racks.TryGetValue(mapping.RackId, out var list))
            {
                racks[mapping.RackId] = list = [];
            }

            list.Add((index, gpu));
        }

        Counters.Skipped(incomplete, unmapped, duplicate);
        return [.. racks.Select(r => (r.Key, r.Value.OrderBy(g => g.Item1).ToList()))];
    }

    private long NextSequence(string rack)
    {
        var next = _sequences.TryGetValue(rack, out var last) ? last + 1 : _firstSequence;
        _sequences[rack] = next;
        return next;
    }

    private async Task<string> ReadSourceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.ScrapeTimeoutSeconds));
        if (_options.SourceIsUrl)
        {
            using var response = await _http!.GetAsync(new Uri(_options.Source), timeout.Token);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync(timeout.Token);
        }

        var path = _options.Source.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(_options.Source).LocalPath : _options.Source;
        return await File.ReadAllTextAsync(path, timeout.Token);
    }

    private static async Task<bool> WaitNextAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
