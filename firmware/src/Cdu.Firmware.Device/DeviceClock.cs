using System;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Device
{
    /// <summary>The core's clock on the ESP32: milliseconds since boot (<see cref="Environment.TickCount64"/>, monotonic, unaffected by SNTP).</summary>
    public sealed class DeviceClock : IClock
    {
        public long GetUptimeMilliseconds()
        {
            return Environment.TickCount64;
        }
    }
}
