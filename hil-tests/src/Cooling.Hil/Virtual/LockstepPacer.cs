using Cooling.Mqtt.Topics;
using System.Diagnostics;
using Cdu.Firmware.Host.Hil;
using Cooling.Hil.Rig;

namespace Cooling.Hil.Virtual;

/// <summary>
/// Lockstep (the virtual CDU started with <c>--clock hil</c>): the scan of plant time t carries t; the CDU's clock moves
/// to it and its cycle at t runs on that scan; its commands drive the plant from t to t + period, and the next scan goes
/// out. A scan lost on the way is sent again. The wall clock bounds only how long the rig waits for a CDU that stopped.
/// </summary>
public sealed class LockstepPacer(RigScenario run, RigLink link, HilTopics hil, Stopwatch wall, string cduName = "the virtual CDU")
{
    /// <summary>Longest wait for the CDU's start and its first actuator message, wall time.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for any message from a running CDU, wall time.</summary>
    public static readonly TimeSpan SilenceTimeout = TimeSpan.FromSeconds(30);

    private readonly CduMessageHandler _messages = new(run);
    private byte[]? _lastScan;
    private long _resentScans;

    /// <summary>What the run's log says of the CDU's clock.</summary>
    public string ClockSummary => $"0 plant steps caught up late, {_resentScans} scans sent again; CDU clock in lockstep with the plant";

    /// <summary>Called after every new scan (not a scan sent again).</summary>
    public Action? ScanSent { get; init; }

    /// <param name="cdu">the virtual CDU's process, or null for a CDU this program did not start (already attached, its clock where the plant's starts)</param>
    public void Run(DotnetProcess? cdu, CancellationToken cancellationToken)
    {
        // The CDU says when it is on the broker and waits for its first scan; then the supervisor plans once before the
        // CDU's first cycle, as on SIL (its first request is in force from the start).
        while (cdu is not null && !cdu.Output.Contains(HilPlantClock.WaitingLine, StringComparison.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it ran", cdu.Output);
            if (wall.Elapsed > StartTimeout) throw new VirtualRunException($"the virtual CDU did not get onto the broker within {StartTimeout.TotalSeconds} s", cdu.Output);
            Thread.Sleep(5);
        }

        run.PlanFirst();
        run.Plant.FollowPlantClock();
        run.Advance();
        PublishScan();
        var lastMessage = wall.Elapsed;
        while (!run.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (link.TryTake(out var message, 100, cancellationToken))
            {
                lastMessage = wall.Elapsed;
                Handle(message.Topic, message.Payload);
                continue;
            }

            var seconds = run.ScenarioSeconds;
            if (cdu is { HasExited: true }) throw new VirtualRunException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the virtual CDU exited with code {cdu.ExitCode} at {seconds:F1} s of the scenario"), cdu.Output);
            var silence = wall.Elapsed - lastMessage;
            var started = run.Plant.ActuatorMessages > 0;
            if (silence > (started ? SilenceTimeout : StartTimeout))
            {
                throw new VirtualRunException(started
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"nothing arrived from {cduName} for {SilenceTimeout.TotalSeconds} s (at {seconds:F1} s of the scenario)")
                    : $"{cduName} published no actuator commands within {StartTimeout.TotalSeconds} s", cdu?.Output ?? "");
            }

            _resentScans++;
            PublishScan(again: true);
        }
    }

    // One message from the CDU, in arrival order: an actuator message is the answer of the cycle that read the latest
    // scan, and its commands drive the next period.
    private void Handle(string topic, byte[] payload)
    {
        if (topic != hil.Actuators)
        {
            _messages.Handle(topic, payload);
            return;
        }

        if (run.Plant.Read(payload, out var cduSeconds) is { } refused)
        {
            run.Recorder.Log(run.ScenarioSeconds, $"actuator message refused: {refused}");
            return;
        }

        run.ApplyCommands();
        if (!run.Done && cduSeconds >= run.Plant.Seconds - 1e-6)
        {
            run.Advance();
            PublishScan();
        }
    }

    // The scan of the plant's time now; again: the very same message once more (its seq makes a copy that did arrive a
    // refused duplicate, and the instruments are not read twice for one period).
    private void PublishScan(bool again = false)
    {
        if (!again || _lastScan is null)
        {
            _lastScan = run.Plant.ScanAtPlantTime();
            ScanSent?.Invoke();
        }

        link.PublishScan(hil.Sensors, _lastScan);
    }
}
