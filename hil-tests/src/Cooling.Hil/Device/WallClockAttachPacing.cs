using System.Diagnostics;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Device;

/// <summary>
/// Attaching to a CDU on its own clock: scans of the plant at rest go out every <see cref="FreeRunningPacer.RestScanMilliseconds"/>
/// of wall time, often enough that the CDU never finds them stale; each wait is bounded on the wall clock.
/// Actuator messages are not applied while attaching (the first one after the start is plant time 0).
/// </summary>
public sealed class WallClockAttachPacing(FreeRunningPacer pacer, RigLink link, string actuatorTopic, Stopwatch wall) : IAttachPacing
{
    public void WaitFor(Func<bool> done, TimeSpan timeout, Func<string> failure, Action<string, byte[]> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(handle);
        var cadence = pacer.RestScanMilliseconds;
        var deadline = wall.Elapsed + timeout;
        var nextScan = TimeSpan.Zero;
        while (!done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (wall.Elapsed > deadline) throw new DeviceRunException(failure());
            if (wall.Elapsed >= nextScan)
            {
                pacer.PublishScan();
                nextScan = wall.Elapsed + TimeSpan.FromMilliseconds(cadence);
            }

            if (link.TryTake(out var message, cadence, cancellationToken) && message.Topic != actuatorTopic) handle(message.Topic, message.Payload);
        }
    }
}
