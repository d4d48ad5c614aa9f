using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// InfluxDB 1.x's HTTP write API: one batch per POST /write?db=…&amp;precision=ms (gzip-compressed when configured),
/// the database created with CREATE DATABASE before the first write and again when a write finds it missing, and
/// each answer classified: 204 written; 400 "partial write" written except the points it names as dropped (field
/// type conflict, unparsable line, beyond retention); any other 400 refused as a whole; 413 sent again in halves;
/// 408, 429, 5xx, 401/403 and network errors retried later (with the server's Retry-After when it sends one).
/// </summary>
public sealed partial class InfluxDbHttpApi : IDisposable
{
    private readonly InfluxDbOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly string _writePath;
    private bool _databaseReady;
    private long _requests;
    private long _bytesSent;
    private long _bytesUncompressed;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, StatusCount> _responses = new();

    public InfluxDbHttpApi(InfluxDbOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        options.Validate();
        _options = options;
        _time = time;
        var baseAddress = options.Url!.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _http.BaseAddress = baseAddress;
        _http.Timeout = Timeout.InfiniteTimeSpan; // each request has its own timeout
        if (options.UserName is not null)
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.UserName}:{options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }

        _writePath = $"write?db={Uri.EscapeDataString(options.Database)}&precision=ms"
            + (options.RetentionPolicy is null ? "" : $"&rp={Uri.EscapeDataString(options.RetentionPolicy)}");
    }

    /// <summary>Answers by HTTP status (0: no answer — unreachable or timed out), writes and database creation together.</summary>
    public IReadOnlyDictionary<int, long> Responses => _responses.ToDictionary(r => r.Key, r => Interlocked.Read(ref r.Value.Count));

    /// <summary>HTTP requests made (writes and database creation).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes sent for writes (compressed when gzip is on).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>Line protocol bytes those writes carried before compression.</summary>
    public long BytesUncompressed => Interlocked.Read(ref _bytesUncompressed);

    /// <summary>Writes one batch (creating the database first when needed) and says what became of it.</summary>
    public async Task<WriteOutcome> WriteAsync(BufferedBatch batch, CancellationToken cancellationToken)
    {
        if (!_databaseReady)
        {
            var created = await CreateDatabaseAsync(cancellationToken);
            if (created.Kind == WriteOutcomeKind.RetryLater) return created;
            _databaseReady = true;
        }

        return await WriteLinesAsync(batch.Lines, batch.PointCount, cancellationToken);
    }

    /// <summary>CREATE DATABASE (does nothing when it exists). Refused for lack of rights, the writes go ahead and tell.</summary>
    public async Task<WriteOutcome> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var statement = $"CREATE DATABASE \"{_options.Database.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        using var content = new FormUrlEncodedContent([new("q", statement)]);
        var answer = await SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "query") { Content = content }, cancellationToken);
        if (answer.Failure is not null) return answer.Failure;
        return answer.Status switch
        {
            >= 200 and < 300 => WriteOutcome.Success,
            401 or 403 => WriteOutcome.Success, // no admin rights: the database may exist; a write will say if it does not
            _ => Classify(answer.Status, answer.Body, answer.RetryAfter, 0),
        };
    }

    private async Task<WriteOutcome> WriteLinesAsync(ReadOnlyMemory<byte> lines, int pointCount, CancellationToken cancellationToken)
    {
        var body = _options.Gzip ? Compress(lines.Span) : lines.ToArray();
        var answer = await SendAsync(() =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
            if (_options.Gzip) content.Headers.ContentEncoding.Add("gzip");
            return new HttpRequestMessage(HttpMethod.Post, _writePath) { Content = content };
        }, cancellationToken);
        Interlocked.Add(ref _bytesSent, body.Length);
        Interlocked.Add(ref _bytesUncompressed, lines.Length);
        if (answer.Failure is not null) return answer.Failure;
        if (answer.Status == 404)
        {
            _databaseReady = false; // dropped behind our back: create it again before the next attempt
        }

        if (answer.Status == 413 && pointCount > 1)
        {
            return await WriteInHalvesAsync(lines, cancellationToken);
        }

        return Classify(answer.Status, answer.Body, answer.RetryAfter, pointCount);
    }

    private async Task<WriteOutcome> WriteInHalvesAsync(ReadOnlyMemory<byte> lines, CancellationToken cancellationToken)
    {
        var span = lines.Span;
        var middle = span[..(span.Length / 2)].LastIndexOf((byte)'\n') + 1;
        if (middle <= 0) middle = span.IndexOf((byte)'\n') + 1;
        var first = lines[..middle];
        var second = lines[middle..];
        var firstOutcome = await WriteLinesAsync(first, CountLines(first.Span), cancellationToken);
        if (firstOutcome.Kind == WriteOutcomeKind.RetryLater) return firstOutcome;
        var secondOutcome = await WriteLinesAsync(second, CountLines(second.Span), cancellationToken);
        if (secondOutcome.Kind == WriteOutcomeKind.RetryLater) return secondOutcome; // the first half again too: same points, same times, no duplicates
        var dropped = firstOutcome.DroppedPoints + secondOutcome.DroppedPoints;
        return dropped == 0
            ? WriteOutcome.Success
            : new WriteOutcome(WriteOutcomeKind.PartiallyWritten, dropped, string.Join("; ", new[] { firstOutcome.Reason, secondOutcome.Reason }.Where(r => r is not null)));
    }

    private static int CountLines(ReadOnlySpan<byte> lines)
    {
        var count = lines.Count((byte)'\n');
        return lines.IsEmpty || lines[^1] == '\n' ? count : count + 1;
    }

    private static WriteOutcome Classify(int status, string body, TimeSpan? retryAfter, int pointCount)
    {
        var error = ErrorText(body);
        switch (status)
        {
            case >= 200 and < 300:
                return WriteOutcome.Success;
            case 400 when error.StartsWith("partial write", StringComparison.Ordinal):
                var dropped = DroppedCount(error);
                return new WriteOutcome(dropped >= pointCount ? WriteOutcomeKind.Rejected : WriteOutcomeKind.PartiallyWritten,
                    Math.Min(dropped, pointCount), error);
            case 401 or 403:
                return new WriteOutcome(WriteOutcomeKind.RetryLater, Reason: $"InfluxDB refused the credentials ({status}): {error}");
            case 404:
                return new WriteOutcome(WriteOutcomeKind.RetryLater, Reason: $"database missing ({error}); creating it again");
            case 408 or 429 or >= 500:
                return new WriteOutcome(WriteOutcomeKind.RetryLater, Reason: $"InfluxDB answered {status}: {error}", RetryAfter: retryAfter);
            default:
                return new WriteOutcome(WriteOutcomeKind.Rejected, pointCount, $"InfluxDB refused the batch ({status}): {error}");
        }
    }

    // A partial write names the points the server dropped ("dropped=N") and, for unparsable lines, one
    // "unable to parse" per line (those come with dropped=0).
    private static int DroppedCount(string error)
    {
        var dropped = 0;
        foreach (Match match in DroppedPattern().Matches(error))
        {
            dropped += int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture);
        }

        dropped += UnparsablePattern().Count(error);
        return Math.Max(dropped, 1);
    }

    private static string ErrorText(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                return error.GetString() ?? "";
            }
        }
        catch (JsonException)
        {
        }

        return body.Length > 500 ? body[..500] : body;
    }

    private static byte[] Compress(ReadOnlySpan<byte> lines)
    {
        using var compressed = new MemoryStream(lines.Length / 4 + 64);
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(lines);
        }

        return compressed.ToArray();
    }

    private async Task<Answer> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.RequestTimeoutSeconds));
        try
        {
            using var message = request();
            using var response = await _http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            CountResponse((int)response.StatusCode);
            return new Answer((int)response.StatusCode, body, RetryAfterOf(response), null);
        }
        catch (HttpRequestException ex)
        {
            CountResponse(0);
            return new Answer(0, "", null, new WriteOutcome(WriteOutcomeKind.RetryLater, Reason: $"InfluxDB unreachable: {ex.Message}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            CountResponse(0);
            return new Answer(0, "", null, new WriteOutcome(WriteOutcomeKind.RetryLater,
                Reason: $"InfluxDB did not answer within {_options.RequestTimeoutSeconds:0.#} s"));
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta) return delta;
        if (header?.Date is { } date) return date - _time.GetUtcNow();
        return null;
    }

    private void CountResponse(int status) => Interlocked.Increment(ref _responses.GetOrAdd(status, _ => new StatusCount()).Count);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex(@"dropped=(\d+)")]
    private static partial Regex DroppedPattern();

    [GeneratedRegex("unable to parse")]
    private static partial Regex UnparsablePattern();

    private sealed class StatusCount
    {
        public long Count;
    }

    private sealed record Answer(int Status, string Body, TimeSpan? RetryAfter, WriteOutcome? Failure);
}
