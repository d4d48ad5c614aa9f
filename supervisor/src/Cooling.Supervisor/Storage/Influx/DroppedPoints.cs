using System.Collections.Concurrent;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>Why points were dropped: refused by InfluxDB, not representable, or no room left.</summary>
public enum DropCause
{
    /// <summary>InfluxDB refused them (field type conflict, unparsable, beyond retention): sending them again would fail again.</summary>
    RefusedByServer,

    /// <summary>The point cannot be written as line protocol (no finite field, a name line protocol cannot carry).</summary>
    NotRepresentable,

    /// <summary>The in-memory queue was full.</summary>
    QueueFull,

    /// <summary>The disk buffer reached its size limit while InfluxDB was unavailable.</summary>
    BufferFull,
}

/// <summary>One drop: when, how many points, why.</summary>
public sealed record PointDrop(DateTimeOffset At, DropCause Cause, int Points, string Reason);

/// <summary>Counts dropped points by cause and keeps the most recent drops with their reasons for operators.</summary>
public sealed class DroppedPoints
{
    private const int Kept = 100;
    private readonly ConcurrentQueue<PointDrop> _recent = new();
    private readonly long[] _byCause = new long[Enum.GetValues<DropCause>().Length];

    public long Total => Enum.GetValues<DropCause>().Sum(Count);

    public long Count(DropCause cause) => Interlocked.Read(ref _byCause[(int)cause]);

    public IReadOnlyList<PointDrop> Recent => [.. _recent];

    public void Add(PointDrop drop)
    {
        Interlocked.Add(ref _byCause[(int)drop.Cause], drop.Points);
        _recent.Enqueue(drop);
        while (_recent.Count > Kept && _recent.TryDequeue(out _))
        {
        }
    }
}
