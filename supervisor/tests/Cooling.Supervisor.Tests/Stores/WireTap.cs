using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>
/// Sits between the store and the real InfluxDB: records every request as it goes on the wire (path, content
/// encoding, body bytes, simulated time) and can answer the next writes itself with a status and Retry-After, as an
/// overloaded server or a proxy in front of it would.
/// </summary>
public sealed class WireTap(FakeTimeProvider time) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly ConcurrentQueue<(HttpStatusCode Status, TimeSpan? RetryAfter)> _faults = new();

    public ConcurrentQueue<WireRequest> Requests { get; } = new();

    public IEnumerable<WireRequest> Writes => Requests.Where(r => r.Path.StartsWith("/write", StringComparison.Ordinal));

    /// <summary>The next write is answered with <paramref name="status"/> (and Retry-After) without reaching InfluxDB.</summary>
    public void FailNextWrite(HttpStatusCode status, TimeSpan? retryAfter = null) => _faults.Enqueue((status, retryAfter));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var path = request.RequestUri!.PathAndQuery;
        var isWrite = path.StartsWith("/write", StringComparison.Ordinal);
        Requests.Enqueue(new WireRequest(time.GetUtcNow(), path, request.Content?.Headers.ContentEncoding.ToList() ?? [], body));
        if (isWrite && _faults.TryDequeue(out var fault))
        {
            var refusal = new HttpResponseMessage(fault.Status) { Content = new StringContent("{\"error\":\"injected\"}") };
            if (fault.RetryAfter is { } wait) refusal.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(wait);
            return refusal;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>One request as it went on the wire.</summary>
public sealed record WireRequest(DateTimeOffset At, string Path, IReadOnlyList<string> ContentEncoding, byte[] Body);
