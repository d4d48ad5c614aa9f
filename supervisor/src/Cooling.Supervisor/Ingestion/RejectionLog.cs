using System.Collections.Concurrent;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Ingestion;

/// <summary>A message the supervisor refused: when, on which topic, and why.</summary>
public sealed record Rejection(DateTimeOffset At, string Topic, TopicKind Kind, string Reason);

/// <summary>Counts refused messages per topic kind and keeps the most recent ones for operators.</summary>
public sealed class RejectionLog
{
    private const int Kept = 100;
    private readonly ConcurrentQueue<Rejection> _recent = new();
    private readonly ConcurrentDictionary<TopicKind, long> _byKind = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public long Count(TopicKind kind) => _byKind.TryGetValue(kind, out var n) ? n : 0;

    public IReadOnlyList<Rejection> Recent => [.. _recent];

    public void Add(Rejection rejection)
    {
        Interlocked.Increment(ref _total);
        _byKind.AddOrUpdate(rejection.Kind, 1, (_, n) => n + 1);
        _recent.Enqueue(rejection);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }
}
