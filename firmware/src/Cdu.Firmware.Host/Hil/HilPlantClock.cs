namespace Cdu.Firmware.Host.Hil;

/// <summary>
/// The virtual CDU's clock in lockstep with the rig that plays its plant (<c>--clock hil</c>, docs/hil-io.md): every
/// accepted sensor scan carries the plant's time (<c>plantMilliseconds</c>, read by the core's HIL codec with the rest of
/// the scan: <see cref="Cdu.Firmware.Hil.HilSensorScanner.PlantMilliseconds"/>) and the clock moves forward to it, never
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

    /// <summary>
    /// Moves the clock to <paramref name="plantMilliseconds"/>, the plant time of an accepted scan (timers due by then
    /// fire); −1 (the scan carried no usable time) is counted in <see cref="ScansWithoutTime"/>. False when it did not move.
    /// </summary>
    public bool Follow(long plantMilliseconds)
    {
        if (plantMilliseconds < 0)
        {
            Interlocked.Increment(ref _withoutTime);
            return false;
        }

        if (!_started) return false;
        lock (_gate)
        {
            if (plantMilliseconds <= _milliseconds) return false;
            var step = plantMilliseconds - _milliseconds;
            Interlocked.Exchange(ref _milliseconds, plantMilliseconds);
            _time.Advance(TimeSpan.FromMilliseconds(step));
            return true;
        }
    }
}
