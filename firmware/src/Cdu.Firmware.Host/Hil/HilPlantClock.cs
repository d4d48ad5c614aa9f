using System.Text.Json;

namespace Cdu.Firmware.Host.Hil;

/// <summary>
/// The virtual CDU's clock in lockstep with the rig that plays its plant (<c>--clock hil</c>, docs/hil-io.md): every
/// accepted sensor scan carries the plant's time (<c>plantMilliseconds</c>) and the clock moves forward to it, never
/// back. The control cycle, the watchdog, leases, telemetry and the stale-scan rule all run on this clock, so the CDU
/// runs one control period each time the rig's plant has moved one on — as fast as the two can exchange messages,
/// and unaffected by how busy the machine is. Until <see cref="Start"/> (the control loop is waiting for its first
/// tick) scans are taken but do not move the clock. A simulation clock only: a CDU on a real plant runs on wall time.
/// </summary>
public sealed class HilPlantClock
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly object _gate = new();
    private long _milliseconds;
    private volatile bool _started;
    private long _withoutTime;

    /// <summary>
    /// What the virtual CDU prints once it is on the broker (subscribed) and its control loop waits for the first scan
    /// that moves the clock: a rig may start the plant's time then.
    /// </summary>
    public const string WaitingLine = "Clock: waiting for the rig's scans; each moves the clock to its plantMilliseconds.";

    /// <summary>The clock to give the core, its loops and its HIL I/O.</summary>
    public TimeProvider Time => _time;

    /// <summary>The plant time the clock stands at, ms since the CDU started.</summary>
    public long Milliseconds => Interlocked.Read(ref _milliseconds);

    /// <summary>Accepted scans that carried no usable <c>plantMilliseconds</c> (they moved nothing).</summary>
    public long ScansWithoutTime => Interlocked.Read(ref _withoutTime);

    /// <summary>From now on scans move the clock.</summary>
    public void Start() => _started = true;

    /// <summary>Moves the clock to the <c>plantMilliseconds</c> of an accepted scan (timers due by then fire); false when it did not move.</summary>
    public bool Follow(ReadOnlySpan<byte> payload)
    {
        var target = PlantMilliseconds(payload);
        if (target < 0)
        {
            Interlocked.Increment(ref _withoutTime);
            return false;
        }

        if (!_started) return false;
        lock (_gate)
        {
            if (target <= _milliseconds) return false;
            var step = target - _milliseconds;
            Interlocked.Exchange(ref _milliseconds, target);
            _time.Advance(TimeSpan.FromMilliseconds(step));
            return true;
        }
    }

    /// <summary>The scan's top-level <c>plantMilliseconds</c> (a non-negative integer), or −1.</summary>
    public static long PlantMilliseconds(ReadOnlySpan<byte> payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("plantMilliseconds"u8))
                {
                    return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : -1;
                }
            }
        }
        catch (JsonException)
        {
        }

        return -1;
    }
}
