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
    private Slot[] _slots = [];
    private long _messages;
    private int _known;
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

    /// <summary>Writes the GPUs of one accepted message, received at <paramref name="receivedAt"/>.</summary>
    internal void Commit(ReadOnlySpan<GpuReading> gpus, DateTimeOffset receivedAt)
    {
        var ticks = receivedAt.UtcTicks;
        var hottest = double.NegativeInfinity;
        var hottestMemory = double.NegativeInfinity;
        var throttled = 0;
        lock (_gate)
        {
            var message = ++_messages;
            var slots = _slots;
            foreach (ref readonly var gpu in gpus)
            {
                if (gpu.Index >= slots.Length) slots = Grow(gpus);
                ref var slot = ref slots[gpu.Index];
                if (slot.Message == 0) _known++;
                slot = new Slot(gpu, ticks, message);
                if (gpu.TemperatureCelsius > hottest) hottest = gpu.TemperatureCelsius;
                if (gpu.MemoryTemperatureCelsius > hottestMemory) hottestMemory = gpu.MemoryTemperatureCelsius;
                if (gpu.Throttled == true) throttled++;
            }

            _latest = new LatestSummary(message, hottest, hottestMemory, throttled);
        }
    }

    // A message with a higher index than before: one slot per index up to the message's highest (the only allocation, once per rack shape).
    private Slot[] Grow(ReadOnlySpan<GpuReading> gpus)
    {
        var highest = 0;
        foreach (ref readonly var gpu in gpus) highest = Math.Max(highest, gpu.Index);
        Array.Resize(ref _slots, highest + 1);
        return _slots;
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
            for (var i = 0; i < _slots.Length; i++)
            {
                ref readonly var slot = ref _slots[i];
                if (slot.Message == message && message != 0) destination[count++] = slot.Reading;
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
            foreach (var slot in _slots)
            {
                if (slot.Message != 0) values.Add(slot.Value(_messages));
            }

            return values;
        }
    }

    /// <summary>The value of GPU <paramref name="index"/>; false when the rack never reported it.</summary>
    public bool TryGet(int index, out GpuValue value)
    {
        lock (_gate)
        {
            if (index >= 0 && index < _slots.Length && _slots[index].Message != 0)
            {
                value = _slots[index].Value(_messages);
                return true;
            }
        }

        value = default;
        return false;
    }

    private readonly record struct Slot(GpuReading Reading, long ReceivedAtUtcTicks, long Message)
    {
        public GpuValue Value(long latest) => new(Reading, new DateTimeOffset(ReceivedAtUtcTicks, TimeSpan.Zero), Message == latest);
    }

    /// <summary>The latest message of a rack in brief: its number in the table, hottest die and memory temperature °C (−∞ when none), throttling GPUs.</summary>
    public readonly record struct LatestSummary(long Message, double HottestTemperatureCelsius, double HottestMemoryTemperatureCelsius, int ThrottledGpus);
}

/// <summary>One GPU's latest value, when it arrived, and whether the rack's latest message carried it (false: the GPU was left out since).</summary>
public readonly record struct GpuValue(GpuReading Reading, DateTimeOffset ReceivedAt, bool InLatestMessage);
