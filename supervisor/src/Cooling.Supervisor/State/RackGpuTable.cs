using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>
/// The latest value of every GPU of one rack, by GPU index: one preallocated slot per index (the array grows only when
/// the rack reports a higher index than before), overwritten in place by each accepted message — no allocation per
/// message. A GPU left out of the latest message (the dcgm-exporter bridge leaves out a GPU without a temperature or a
/// power value) keeps its previous value, with its older time. The latest message's hottest die and memory
/// temperatures and throttling GPUs are kept beside, so that alarm rules can pass over a cool rack without reading
/// its GPUs. One writer (ingestion: the receive path, or the rack's worker); readers copy under the same short lock.
/// </summary>
public sealed class RackGpuTable
{
    /// <summary>A table that never holds GPUs (views built without one).</summary>
    public static readonly RackGpuTable Empty = new();

    private readonly object _gate = new();
    private GpuReading[] _readings = []; // by GPU index
    private Stamp[] _stamps = [];        // by GPU index: the message that last carried the GPU (0: never) and when it arrived
    private long _messages;
    private int _known;
    private int _knownPrefix;            // every index below it has a value
    private LatestSummary _latest;

    /// <summary>Messages written into the table so far (the number of the latest).</summary>
    public long Messages
    {
        get
        {
            lock (_gate) return _messages;
        }
    }

    /// <summary>GPUs with a value (reported at least once).</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _known;
        }
    }

    /// <summary>
    /// Writes the GPUs of one accepted message, received at <paramref name="receivedAt"/>; <paramref name="summary"/> is
    /// the message's summary as the reader folded it (hottest die and memory temperature, throttling GPUs). GPUs listed
    /// in index order from 0 — as rack agents write them — are copied as one block.
    /// </summary>
    internal void Commit(ReadOnlySpan<GpuReading> gpus, in RackTelemetry summary, DateTimeOffset receivedAt)
    {
        var hottestMemory = double.IsNaN(summary.HottestMemoryTemperatureCelsius) ? double.NegativeInfinity : summary.HottestMemoryTemperatureCelsius;
        var inIndexOrder = InIndexOrder(gpus);
        lock (_gate)
        {
            var stamp = new Stamp(++_messages, receivedAt.UtcTicks);
            if (inIndexOrder)
            {
                if (gpus.Length > _readings.Length) Grow(gpus.Length - 1);
                gpus.CopyTo(_readings);
                _stamps.AsSpan(0, gpus.Length).Fill(stamp);
                if (gpus.Length > _knownPrefix)
                {
                    _known = CountKnown();
                    _knownPrefix = gpus.Length;
                }
            }
            else
            {
                var highest = 0;
                foreach (ref readonly var gpu in gpus) highest = Math.Max(highest, gpu.Index);
                if (highest >= _readings.Length) Grow(highest);
                foreach (ref readonly var gpu in gpus)
                {
                    if (_stamps[gpu.Index].Message == 0) _known++;
                    _readings[gpu.Index] = gpu;
                    _stamps[gpu.Index] = stamp;
                }
            }

            _latest = new LatestSummary(stamp.Message, gpus.IsEmpty ? double.NegativeInfinity : summary.HottestGpuTemperatureCelsius, hottestMemory, summary.ThrottledGpuCount);
        }
    }

    private static bool InIndexOrder(ReadOnlySpan<GpuReading> gpus)
    {
        for (var i = 0; i < gpus.Length; i++)
        {
            if (gpus[i].Index != i) return false;
        }

        return true;
    }

    // A message with a higher index than before: one slot per index up to it (the only allocation, once per rack shape).
    private void Grow(int highest)
    {
        Array.Resize(ref _readings, highest + 1);
        Array.Resize(ref _stamps, highest + 1);
    }

    // After a block copy (the first messages of a rack): the indexes with a value.
    private int CountKnown()
    {
        var known = 0;
        foreach (var stamp in _stamps)
        {
            if (stamp.Message != 0) known++;
        }

        return known;
    }

    /// <summary>The summary of the latest message: its number, hottest die and memory temperature (−∞ when none) and throttling GPUs.</summary>
    public LatestSummary Latest
    {
        get
        {
            lock (_gate) return _latest;
        }
    }

    /// <summary>Copies the GPUs of the latest message into <paramref name="destination"/> (index order); returns how many and the message's number.</summary>
    public int CopyLatest(GpuReading[] destination, out long message)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var count = 0;
        lock (_gate)
        {
            message = _messages;
            for (var i = 0; i < _stamps.Length; i++)
            {
                if (_stamps[i].Message == message && message != 0) destination[count++] = _readings[i];
            }
        }

        return count;
    }

    /// <summary>Every GPU with a value, in index order, with when its value arrived and whether the latest message carried it.</summary>
    public IReadOnlyList<GpuValue> Snapshot()
    {
        lock (_gate)
        {
            var values = new List<GpuValue>(_known);
            for (var i = 0; i < _stamps.Length; i++)
            {
                if (_stamps[i].Message != 0) values.Add(Value(i));
            }

            return values;
        }
    }

    /// <summary>The value of GPU <paramref name="index"/>; false when the rack never reported it.</summary>
    public bool TryGet(int index, out GpuValue value)
    {
        lock (_gate)
        {
            if (index >= 0 && index < _stamps.Length && _stamps[index].Message != 0)
            {
                value = Value(index);
                return true;
            }
        }

        value = default;
        return false;
    }

    private GpuValue Value(int index) =>
        new(_readings[index], new DateTimeOffset(_stamps[index].ReceivedAtUtcTicks, TimeSpan.Zero), _stamps[index].Message == _messages);

    private readonly record struct Stamp(long Message, long ReceivedAtUtcTicks);

    /// <summary>The latest message of a rack in brief: its number in the table, hottest die and memory temperature °C (−∞ when none), throttling GPUs.</summary>
    public readonly record struct LatestSummary(long Message, double HottestTemperatureCelsius, double HottestMemoryTemperatureCelsius, int ThrottledGpus);
}

/// <summary>One GPU's latest value, when it arrived, and whether the rack's latest message carried it (false: the GPU was left out since).</summary>
public readonly record struct GpuValue(GpuReading Reading, DateTimeOffset ReceivedAt, bool InLatestMessage);
