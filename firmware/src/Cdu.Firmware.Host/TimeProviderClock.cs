using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Host;

/// <summary>The core's clock on .NET: milliseconds elapsed on a <see cref="TimeProvider"/> since construction.</summary>
public sealed class TimeProviderClock(TimeProvider timeProvider) : IClock
{
    private readonly long _origin = timeProvider.GetTimestamp();

    public long GetUptimeMilliseconds() => (long)timeProvider.GetElapsedTime(_origin).TotalMilliseconds;
}
