using System.Collections.Concurrent;
using System.Text;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Ingestion;

/// <summary>A message the supervisor refused: when, on which topic, and why.</summary>
public sealed record Rejection(DateTimeOffset At, string Topic, TopicKind Kind, string Reason);

/// <summary>Refused messages of one topic kind for one reason (the reason's field or category, e.g. "gpus[].powerWatts").</summary>
public sealed record RejectionCount(TopicKind Kind, string Reason, long Count);

/// <summary>
/// Counts refused messages per topic kind and per reason, and keeps the most recent ones for operators. The reason
/// counted is the part of the full reason before its first ':' with array positions removed ("gpus[7].index: must
/// be unique" counts as "gpus[].index"), so that the number of counters stays bounded.
/// </summary>
public sealed class RejectionLog
{
    /// <summary>Distinct (kind, reason) counters kept; further reasons are counted as "other".</summary>
    public const int MaximumReasons = 256;

    private const int Kept = 100;
    private readonly ConcurrentQueue<Rejection> _recent = new();
    private readonly ConcurrentDictionary<TopicKind, long> _byKind = new();
    private readonly ConcurrentDictionary<(TopicKind Kind, string Reason), long> _byReason = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public long Count(TopicKind kind) => _byKind.TryGetValue(kind, out var n) ? n : 0;

    public long Count(TopicKind kind, string reason) => _byReason.TryGetValue((kind, reason), out var n) ? n : 0;

    /// <summary>Every (kind, reason) counter, ordered by kind and reason.</summary>
    public IReadOnlyList<RejectionCount> Counts =>
        [.. _byReason.Select(p => new RejectionCount(p.Key.Kind, p.Key.Reason, p.Value)).OrderBy(c => c.Kind).ThenBy(c => c.Reason, StringComparer.Ordinal)];

    public IReadOnlyList<Rejection> Recent => [.. _recent];

    public void Add(Rejection rejection)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(rejection.Kind, 1, (_, n) => n + 1);
        var reason = Category(rejection.Reason);
        if (_byReason.Count >= MaximumReasons && !_byReason.ContainsKey((rejection.Kind, reason)))
        {
            reason = "other";
        }

        _byReason.AddOrUpdate((rejection.Kind, reason), 1, (_, n) => n + 1);
        _recent.Enqueue(rejection);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }

    /// <summary>The counted category of a reason: up to its first ':', array positions removed, at most 64 characters.</summary>
    public static string Category(string reason)
    {
        var colon = reason.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? reason : reason[..colon];
        var sb = new StringBuilder(head.Length);
        var inBrackets = false;
        foreach (var c in head)
        {
            if (c == '[') inBrackets = true;
            else if (c == ']') inBrackets = false;
            else if (inBrackets) continue;
            sb.Append(c);
        }

        var category = sb.ToString().Trim();
        return category.Length switch
        {
            0 => "other",
            > 64 => category[..64],
            _ => category,
        };
    }
}
