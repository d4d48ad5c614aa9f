namespace Cooling.Hil.Device;

/// <summary>
/// The clock of a CDU in lockstep with its rig (a virtual CDU started with <c>--clock hil</c>, docs/hil-io.md): the
/// latest plant time any rig sent it, ms since it started. That clock moves only with the plant time of the rigs'
/// scans, forward, so it stands at most here and a scan of a later time moves it: every run against the CDU continues
/// from here and leaves here the last time it sent, with the last scan's <c>seq</c> (the CDU holds that scan fresh while
/// its clock stands, so the next rig's scans go above it). One per CDU process, from 0 when it starts. Thread-safe.
/// </summary>
public sealed class LockstepClock
{
    private long _milliseconds;
    private long _scanSequence;

    public long Milliseconds => Interlocked.Read(ref _milliseconds);

    /// <summary>The highest <c>seq</c> of a scan sent.</summary>
    public long ScanSequence => Interlocked.Read(ref _scanSequence);

    /// <summary>A scan of plant time <paramref name="milliseconds"/> with <paramref name="scanSequence"/> went out (earlier ones change nothing).</summary>
    public void Sent(long milliseconds, long scanSequence)
    {
        Raise(ref _scanSequence, scanSequence);
        Raise(ref _milliseconds, milliseconds);
    }

    private static void Raise(ref long field, long value)
    {
        long seen;
        do
        {
            seen = Interlocked.Read(ref field);
            if (value <= seen) return;
        }
        while (Interlocked.CompareExchange(ref field, value, seen) != seen);
    }
}
