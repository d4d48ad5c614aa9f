using Cooling.Mqtt.Topics;
using System.Diagnostics;
using Cdu.Firmware.Host.Hil;
using Cooling.Hil.Virtual;
using Cooling.Twin.Rig;

namespace Cooling.Hil.Device;

/// <summary>
/// Attaching to a CDU in lockstep (<c>--clock hil</c>): the rig moves the CDU's clock one control period at a time
/// with scans of the plant at rest — the scan of time t, then, once the CDU's cycle at t answered, the scan of t + one
/// period; a scan without an answer within 100 ms of wall time is sent again, the same message — so the CDU runs,
/// takes commands and publishes as it does on its own clock, only as fast as the two exchange messages. Each wait is
/// bounded on the CDU's clock; the wall clock bounds only a CDU that does not answer at all.
/// </summary>
public sealed class LockstepAttachPacing(VirtualPlant plant, RigLink link, HilTopics hil, LockstepClock clock, Stopwatch wall) : IAttachPacing
{
    private static readonly TimeSpan Resend = TimeSpan.FromMilliseconds(100);
    private byte[]? _scan;
    private long _pendingMilliseconds;

    public void WaitFor(Func<bool> done, TimeSpan timeout, Func<string> failure, Action<string, byte[]> handle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(handle);
        var deadline = clock.Milliseconds + (long)timeout.TotalMilliseconds;
        var lastAnswer = wall.Elapsed;
        TimeSpan? sentAt = null;
        while (!done())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (clock.Milliseconds > deadline || wall.Elapsed - lastAnswer > timeout) throw new DeviceRunException(failure());
            if (_scan is null)
            {
                _pendingMilliseconds = clock.Milliseconds + plant.Settings.Timing.ControlPeriodMilliseconds;
                plant.RestAt(_pendingMilliseconds);
                _scan = plant.ScanAtPlantTime();
                clock.Sent(_pendingMilliseconds, plant.ScanSequence);
                sentAt = null;
            }

            if (sentAt is null || wall.Elapsed - sentAt >= Resend)
            {
                link.PublishScan(hil.Sensors, _scan);
                sentAt = wall.Elapsed;
            }

            var wait = Resend - (wall.Elapsed - sentAt.Value);
            if (!link.TryTake(out var message, (int)Math.Clamp(Math.Ceiling(wait.TotalMilliseconds), 1, 100), cancellationToken)) continue;
            lastAnswer = wall.Elapsed;
            if (message.Topic != hil.Actuators) handle(message.Topic, message.Payload);
            else if (HilActuatorReader.UptimeMilliseconds(message.Payload, out _) >= _pendingMilliseconds) _scan = null; // the cycle at the pending time ran
        }
    }
}
