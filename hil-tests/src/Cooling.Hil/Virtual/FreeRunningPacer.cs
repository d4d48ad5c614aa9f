using Cooling.Mqtt.Topics;
using System.Diagnostics;
using System.Globalization;
using Cdu.Firmware.Host.Hil;
using Cooling.Hil.Rig;

namespace Cooling.Hil.Virtual;

/// <summary>
/// Free-running: the CDU on its own clock (a device, or a virtual CDU at <c>--time-scale N</c>); the plant steps when
/// their time comes on it, estimated from this machine's monotonic clock (the CDU's is the same, scaled, offset by the
/// fastest delivery any actuator message showed), so the plant moves on while the CDU is late, and a rig that fell
/// behind plays the time it missed under the commands then in force. Judged on the wall clock: a machine held up long
/// enough leaves the CDU without a fresh scan (docs/hil-io.md).
/// </summary>
public sealed class FreeRunningPacer(RigScenario run, RigLink link, HilTopics hil, Stopwatch wall, double scale, string cduName)
{
    private readonly CduMessageHandler _messages = new(run);
    private double _clockOffsetMilliseconds = double.PositiveInfinity;
    private long _catchUpSteps;

    /// <summary>Scans of the plant at rest before the CDU's first actuator message, ms apart: often enough that the CDU never finds them stale.</summary>
    public int RestScanMilliseconds => (int)Math.Max(2, 100 / scale);

    /// <summary>What the run's log says of the CDU's clock.</summary>
    public string ClockSummary => string.Create(CultureInfo.InvariantCulture, $"{_catchUpSteps} plant steps caught up late, 0 scans sent again; CDU clock {scale:G4}× the wall clock");

    /// <param name="cdu">the virtual CDU's process, or null for a CDU this program did not start</param>
    public void Run(DotnetProcess? cdu, CancellationToken cancellationToken)
    {
        var period = run.Plant.PeriodSeconds;
        while (run.Plant.OriginUptimeMilliseconds < 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu is { HasExited: true }) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it drove its outputs", cdu.Output);
            if (wall.Elapsed > LockstepPacer.StartTimeout) throw new VirtualRunException($"{cduName} published no actuator commands within {LockstepPacer.StartTimeout.TotalSeconds} s", cdu?.Output ?? "");
            PublishScan();
            if (link.TryTake(out var early, RestScanMilliseconds, cancellationToken)) Handle(early.Topic, early.Payload);
        }

        run.PlanFirst();

        // Plant steps are taken a little before their time on the CDU's clock, so that the scan of plant time t is
        // there when the CDU's cycle at t reads it and that cycle's commands drive the plant from t to t + period.
        var lead = 0.3 * period;
        var lastMessage = wall.Elapsed;
        while (!run.Done)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dueSeconds = run.Plant.Seconds + period - lead - CduSecondsNow();
            var waitMilliseconds = (int)Math.Clamp(Math.Ceiling(dueSeconds * 1000 / scale), 0, 100);
            if (link.TryTake(out var message, waitMilliseconds, cancellationToken))
            {
                lastMessage = wall.Elapsed;
                Handle(message.Topic, message.Payload);
                continue;
            }

            if (wall.Elapsed - lastMessage > LockstepPacer.SilenceTimeout)
            {
                throw new VirtualRunException(cdu is { HasExited: true }
                    ? string.Create(CultureInfo.InvariantCulture, $"the virtual CDU exited with code {cdu.ExitCode} at {run.ScenarioSeconds:F1} s of the scenario")
                    : string.Create(CultureInfo.InvariantCulture, $"nothing arrived from {cduName} for {LockstepPacer.SilenceTimeout.TotalSeconds} s (at {run.ScenarioSeconds:F1} s of the scenario)"), cdu?.Output ?? "");
            }

            var advanced = false;
            while (!run.Done && run.Plant.Seconds + period - lead <= CduSecondsNow())
            {
                run.Advance();
                advanced = true;
            }

            if (advanced) PublishScan();
        }
    }

    /// <summary>The scan of the plant now (no plant time: the CDU reads it on its own clock).</summary>
    public void PublishScan() => link.PublishScan(hil.Sensors, run.Plant.Scan());

    // One message from the CDU, in arrival order.
    private void Handle(string topic, byte[] payload)
    {
        if (topic != hil.Actuators)
        {
            _messages.Handle(topic, payload);
            return;
        }

        var plant = run.Plant;
        if (plant.Read(payload, out var cduSeconds) is { } refused)
        {
            run.Recorder.Log(run.ScenarioSeconds, $"actuator message refused: {refused}");
            return;
        }

        var offset = wall.Elapsed.TotalMilliseconds * scale - (plant.OriginUptimeMilliseconds + cduSeconds * 1000);
        _clockOffsetMilliseconds = Math.Min(_clockOffsetMilliseconds, offset);

        // A rig that fell behind the CDU first plays the time it missed under the commands then in force.
        var behind = false;
        while (!run.Done && plant.Seconds + plant.PeriodSeconds / 2 < cduSeconds)
        {
            run.Advance();
            _catchUpSteps++;
            behind = true;
        }

        run.ApplyCommands();
        if (behind) PublishScan();
    }

    // Plant-clock seconds of the CDU now: the wall clock scaled, minus the smallest offset any actuator message showed
    // (the one delivered fastest), since the CDU's first actuator message.
    private double CduSecondsNow() => (wall.Elapsed.TotalMilliseconds * scale - _clockOffsetMilliseconds - run.Plant.OriginUptimeMilliseconds) / 1000;
}
