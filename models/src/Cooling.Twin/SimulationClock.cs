using Cdu.Firmware.Platform;

namespace Cooling.Twin;

/// <summary>The twin's plant time as the firmware core's clock: advanced only by the twin, step by step.</summary>
public sealed class SimulationClock : IClock
{
    public long ElapsedMilliseconds { get; private set; }

    public long GetUptimeMilliseconds() => ElapsedMilliseconds;

    public void Advance(long milliseconds) => ElapsedMilliseconds += milliseconds;
}
