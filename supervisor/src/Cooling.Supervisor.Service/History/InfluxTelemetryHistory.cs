using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cooling.Supervisor.Storage.Influx;

namespace Cooling.Supervisor.Service.History;

/// <summary>
/// History from InfluxDB 1.x, the store the supervisor writes with <c>Cooling:Store:Kind=influxdb</c>: InfluxQL over
/// HTTP (<c>GET /query?db=…&amp;epoch=ms&amp;q=…</c>). First the raw points of the range (one more than asked for);
/// when there are more than <see cref="HistoryQuery.MaxPoints"/>, the range again as
/// <c>mean(field) … GROUP BY time(bucket, offset) fill(none)</c> with the buckets starting at the range's start — the
/// same points the SQLite history gives for the same records. Rack points are at the rack agent's timestamp, CDU
/// points at the time the supervisor received them (as the writer stores them). Site and device ids are quoted as
/// InfluxQL strings, names as quoted identifiers (<see cref="InfluxQl"/>). Points the writer still holds (queued, or
/// in its disk buffer while InfluxDB was down) are not in InfluxDB yet: they appear once replayed.
/// </summary>
public sealed class InfluxTelemetryHistory : ITelemetryHistory, IDisposable
{
    private readonly InfluxDbOptions _options;
    private readonly HttpClient _http;

    public InfluxTelemetryHistory(InfluxDbOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = options.Url!.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        _http.Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds);
        if (options.UserName is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    public string Source => "influxdb";

    public async Task<IReadOnlyList<HistoryPoint>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var raw = await RunAsync(RawStatement(query), cancellationToken);
        return raw.Count <= query.MaxPoints ? raw : await RunAsync(AveragedStatement(query), cancellationToken);
    }

    /// <summary>The raw points of the range, at most one more than <see cref="HistoryQuery.MaxPoints"/>.</summary>
    public string RawStatement(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT {InfluxQl.Identifier(query.Series.InfluxField)} FROM {From(query.Series)} WHERE {Where(query)} LIMIT {query.MaxPoints + 1}");
    }

    /// <summary>The range averaged in buckets of <see cref="HistoryQuery.BucketMilliseconds"/> that start at <see cref="HistoryQuery.Since"/>.</summary>
    public string AveragedStatement(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bucket = query.BucketMilliseconds;
        var offset = ((query.FromMilliseconds % bucket) + bucket) % bucket; // InfluxDB aligns buckets to the epoch; the offset moves them to the range's start
        return string.Create(CultureInfo.InvariantCulture,
            $"SELECT mean({InfluxQl.Identifier(query.Series.InfluxField)}) FROM {From(query.Series)} WHERE {Where(query)} GROUP BY time({bucket}ms, {offset}ms) fill(none)");
    }

    private string From(HistorySeries series) => _options.RetentionPolicy is { } rp
        ? $"{InfluxQl.Identifier(rp)}.{InfluxQl.Identifier(series.InfluxMeasurement)}"
        : InfluxQl.Identifier(series.InfluxMeasurement);

    private static string Where(HistoryQuery q) => string.Create(CultureInfo.InvariantCulture,
        $"{InfluxQl.Identifier("site")} = {InfluxQl.String(q.SiteId)} AND {InfluxQl.Identifier(q.Series.DeviceColumn)} = {InfluxQl.String(q.DeviceId)} AND time >= {q.FromMilliseconds}ms AND time < {q.ToMilliseconds}ms");

    private async Task<IReadOnlyList<HistoryPoint>> RunAsync(string statement, CancellationToken cancellationToken)
    {
        var uri = $"query?db={Uri.EscapeDataString(_options.Database)}&epoch=ms&q={Uri.EscapeDataString(statement)}";
        string body;
        int status;
        try
        {
            using var response = await _http.GetAsync(new Uri(uri, UriKind.Relative), cancellationToken);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new HistoryUnavailableException($"InfluxDB at {_http.BaseAddress} is unreachable: {ex.Message}", StatusCodes.Status503ServiceUnavailable, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HistoryUnavailableException($"InfluxDB at {_http.BaseAddress} did not answer within {_options.RequestTimeoutSeconds:0.#} s",
                StatusCodes.Status503ServiceUnavailable, ex);
        }

        return Parse(status, body);
    }

    /// <summary>
    /// The points of the first statement's first series in a /query answer. A database that does not exist yet (nothing
    /// written) gives no points; any other error throws <see cref="HistoryUnavailableException"/> (502) with InfluxDB's reason.
    /// </summary>
    public static IReadOnlyList<HistoryPoint> Parse(int status, string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw Bad($"InfluxDB answered {status} with a body that is not JSON: {Shorten(body)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad($"InfluxDB answered {status} with JSON that is not an object: {Shorten(body)}");
            if (root.TryGetProperty("error", out var error)) throw Bad($"InfluxDB answered {status}: {error}");
            if (status is < 200 or >= 300) throw Bad($"InfluxDB answered {status}: {Shorten(body)}");
            if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array || results.GetArrayLength() == 0)
            {
                throw Bad($"InfluxDB's answer has no results: {Shorten(body)}");
            }

            var first = results[0];
            if (first.TryGetProperty("error", out var statementError))
            {
                var text = statementError.GetString() ?? "";
                if (text.StartsWith("database not found", StringComparison.Ordinal)) return []; // nothing written yet
                throw Bad($"InfluxDB refused the query: {text}");
            }

            if (!first.TryGetProperty("series", out var series) || series.GetArrayLength() == 0) return [];
            var points = new List<HistoryPoint>();
            foreach (var row in series[0].GetProperty("values").EnumerateArray())
            {
                if (row.GetArrayLength() < 2 || row[1].ValueKind != JsonValueKind.Number) continue; // a bucket without a value
                points.Add(new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[1].GetDouble()));
            }

            return points;
        }
    }

    private static HistoryUnavailableException Bad(string reason) => new(reason, StatusCodes.Status502BadGateway);

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => _http.Dispose();
}
