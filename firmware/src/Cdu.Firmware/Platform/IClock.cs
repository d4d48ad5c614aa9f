namespace Cdu.Firmware.Platform
{
    /// <summary>
    /// The core's only source of time: a monotonic millisecond counter owned by the host
    /// (the device's uptime, a .NET TimeProvider, or a simulation clock).
    /// </summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary fixed origin; never decreases. Range 0 … 2^63.</summary>
        long GetUptimeMilliseconds();
    }
}
