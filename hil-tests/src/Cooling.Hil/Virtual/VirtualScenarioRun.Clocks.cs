using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cdu.Firmware.Host.Hil;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Messages;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Supervision;
using Cooling.Models;
using Cooling.Models.Energy;
using Cooling.Supervisor.Planning;
using Cooling.Hil.Rig;

namespace Cooling.Hil.Virtual;

/// <summary>The two ways the rig keeps the plant on the CDU's time: lockstep (the CDU follows the plant) and free-running (the plant follows the CDU).</summary>
public sealed partial class VirtualScenarioRun
{
    // Free-running: the CDU on its own scaled wall clock; the plant steps when their time comes on it, estimated from
    // this machine's monotonic clock (the CDU's is the same, scaled), so the plant moves on while the CDU is late.
    private void RunFree(DotnetProcess? cdu, double scale, long totalSteps, CancellationToken cancellationToken)
    {
        var period = Plant.PeriodSeconds;
        // Before the CDU's first actuator message: scans of the plant at rest, often enough that the CDU never finds them stale.
        var preStart = (int)Math.Max(2, 100 / scale);
        while (Plant.OriginUptimeMilliseconds < 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu is { HasExited: true }) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it drove its outputs", cdu.Output);
            if (_wall.Elapsed > StartTimeout) throw new VirtualRunException($"{CduName} published no actuator commands within {StartTimeout.TotalSeconds} s", cdu?.Output ?? "");
            PublishScan();
            if (_inbox.TryTake(out var early, preStart, cancellationToken)) Handle(early.Topic, early.Payload, totalSteps);
        }

        PlanFirst();

        // Plant steps are taken a little before their time on the CDU's clock, so that the scan of plant time t is
        // there when the CDU's cycle at t reads it and that cycle's commands drive the plant from t to t + period.
        var lead = 0.3 * period;
        var lastMessage = _wall.Elapsed;
        while (_steps < totalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dueSeconds = Plant.Seconds + period - lead - CduSecondsNow();
            var waitMilliseconds = (int)Math.Clamp(Math.Ceiling(dueSeconds * 1000 / scale), 0, 100);
            if (_inbox.TryTake(out var message, waitMilliseconds, cancellationToken))
            {
                lastMessage = _wall.Elapsed;
                Handle(message.Topic, message.Payload, totalSteps);
                continue;
            }

            if (_wall.Elapsed - lastMessage > SilenceTimeout)
            {
                throw new VirtualRunException(cdu is { HasExited: true }
                    ? $"the virtual CDU exited with code {cdu.ExitCode} at {ScenarioSeconds:F1} s of the scenario"
                    : $"nothing arrived from {CduName} for {SilenceTimeout.TotalSeconds} s (at {ScenarioSeconds:F1} s of the scenario)", cdu?.Output ?? "");
            }

            var advanced = false;
            while (_steps < totalSteps && Plant.Seconds + period - lead <= CduSecondsNow())
            {
                Advance();
                advanced = true;
            }

            if (advanced) PublishScan();
        }
    }

    // Lockstep: the scan of plant time t carries t; the CDU's clock moves to it and its cycle at t runs on that scan;
    // its commands drive the plant from t to t + period, and the next scan goes out. A scan lost on the way is sent again.
    private void RunLockstep(DotnetProcess cdu, long totalSteps, CancellationToken cancellationToken)
    {
        // The CDU says when it is on the broker and waits for its first scan; then the supervisor plans once before the
        // CDU's first cycle, as on SIL (its first request is in force from the start).
        while (!cdu.Output.Contains(HilPlantClock.WaitingLine, StringComparison.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} before it ran", cdu.Output);
            if (_wall.Elapsed > StartTimeout) throw new VirtualRunException($"the virtual CDU did not get onto the broker within {StartTimeout.TotalSeconds} s", cdu.Output);
            Thread.Sleep(5);
        }

        PlanFirst();
        Plant.FollowPlantClock();
        Advance();
        PublishTimedScan();
        var lastMessage = _wall.Elapsed;
        while (_steps < totalSteps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_inbox.TryTake(out var message, 100, cancellationToken))
            {
                lastMessage = _wall.Elapsed;
                Handle(message.Topic, message.Payload, totalSteps);
                continue;
            }

            if (cdu.HasExited) throw new VirtualRunException($"the virtual CDU exited with code {cdu.ExitCode} at {ScenarioSeconds:F1} s of the scenario", cdu.Output);
            var silence = _wall.Elapsed - lastMessage;
            if (silence > (Plant.ActuatorMessages == 0 ? StartTimeout : SilenceTimeout))
            {
                throw new VirtualRunException(Plant.ActuatorMessages == 0
                    ? $"the virtual CDU published no actuator commands within {StartTimeout.TotalSeconds} s"
                    : $"nothing arrived from the virtual CDU for {SilenceTimeout.TotalSeconds} s (at {ScenarioSeconds:F1} s of the scenario)", cdu.Output);
            }

            _resentScans++;
            PublishTimedScan(again: true);
        }
    }

    // Plant-clock seconds of the CDU now: the wall clock scaled, minus the smallest offset any actuator message showed
    // (the one delivered fastest), since the CDU's first actuator message.
    private double CduSecondsNow() => (_wall.Elapsed.TotalMilliseconds * (_options.TimeScale ?? 1) - _clockOffsetMilliseconds - Plant.OriginUptimeMilliseconds) / 1000;
}
