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

/// <summary>What arrives from the CDU (actuators, telemetry, events, acknowledgements) and what the rig sends it (scans, commands).</summary>
public sealed partial class VirtualScenarioRun
{
    // One message from the CDU, in arrival order.
    private void Handle(string topic, byte[] payload, long totalSteps)
    {
        if (topic == _hil.Actuators)
        {
            if (Plant.Read(payload, out var cduSeconds) is { } refused)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s actuator message refused: {refused}"));
                return;
            }

            if (_options.TimeScale is not { } scale)
            {
                // Lockstep: the cycle that read the latest scan answered; its commands drive the next period.
                ArmedBump();
                Plant.ApplyCommands();
                if (_steps < totalSteps && cduSeconds >= Plant.Seconds - 1e-6)
                {
                    Advance();
                    PublishTimedScan();
                }

                return;
            }

            var offset = _wall.Elapsed.TotalMilliseconds * scale - (Plant.OriginUptimeMilliseconds + cduSeconds * 1000);
            _clockOffsetMilliseconds = Math.Min(_clockOffsetMilliseconds, offset);

            // A rig that fell behind the CDU first plays the time it missed under the commands then in force.
            var behind = false;
            while (_steps < totalSteps && Plant.Seconds + Plant.PeriodSeconds / 2 < cduSeconds)
            {
                Advance();
                _catchUpSteps++;
                behind = true;
            }

            ArmedBump();
            Plant.ApplyCommands();
            if (behind) PublishScan();
        }
        else if (topic == _topics.Telemetry)
        {
            var sensors = View.SensorStatus;
            if (!View.AcceptTelemetry(payload)) return;
            if (View.SensorStatus != sensors && ScenarioSeconds >= 0)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s sensors failing validation: {(View.SensorStatus.Length == 0 ? "none" : View.SensorStatus)}"));
            }

            var rejected = View.RejectedMessages - _lastRejected;
            _lastRejected = View.RejectedMessages;
            if (rejected > 0 && ScenarioSeconds >= 0) foreach (var w in _windows) w.Count(ScenarioSeconds, 0, 0, 0, rejected);
        }
        else if (topic == _topics.Event)
        {
            if (View.AcceptEvent(payload) is not { } alarm || Plant.OriginUptimeMilliseconds < 0) return;
            var seconds = (alarm.UptimeMilliseconds - Plant.OriginUptimeMilliseconds) / 1000.0 - _scenario.Initial.SettleSeconds;
            if (seconds < 0) return;
            _log.Add(string.Create(CultureInfo.InvariantCulture, $"{seconds:F1} s {(alarm.Raised ? "raised" : "cleared")} {alarm.Code} ({alarm.Source}){(alarm.Raised && alarm.Reason.Length > 0 ? ": " + alarm.Reason : "")}"));
            foreach (var w in _windows) w.Count(seconds, alarm.Raised ? 1 : 0, alarm.Raised ? 0 : 1, alarm.Raised && alarm.Critical ? 1 : 0, 0);
        }
        else if (topic == _topics.SetpointAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack) Supervisor?.Acknowledged(ack.Sequence, ack.Status);
        }
        else if (topic == _topics.CommandAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack)
            {
                _log.Add(string.Create(CultureInfo.InvariantCulture, $"{ScenarioSeconds:F1} s command {ack.Sequence} {ack.Status}"));
                if (ack.Sequence == _bumpCommand) _bumpArmed = true;
            }
        }
    }

    /// <summary>Sends an operator command (<c>reset</c>, <c>manual</c>, <c>automatic</c>) to the CDU.</summary>
    public void SendOperatorCommand(OperatorActionSpec o)
    {
        var members = o.Command switch
        {
            "manual" => string.Create(CultureInfo.InvariantCulture, $"\"command\":\"manual\",\"actuator\":\"{o.Actuator}\",\"valuePercent\":{o.ValuePercent}"),
            "automatic" => $"\"command\":\"automatic\",\"actuator\":\"{o.Actuator}\"",
            _ => $"\"command\":\"{o.Command}\"",
        };
        _commandSequence++;
        if (o.Command == "automatic")
        {
            // The bump: the valve command of the first cycle that ran the command against the one before it.
            _bumpCommand = _commandSequence;
            _bumpBefore = Plant.Io.Commands.ValveCommandPercent;
        }

        var payload = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""{"v":1,"seq":{{_commandSequence}},{{members}}}"""));
        _connection!.Publish(_topics.Command, payload, payload.Length, 1, false);
    }

    // The command's acknowledgement arrived before the actuator message of the cycle that ran it.
    private void ArmedBump()
    {
        if (!_bumpArmed) return;
        _bumpArmed = false;
        _bumpCommand = -1;
        Plant.ApplyCommands();
        _reactions.Add(new Reaction(KpiCatalog.ManualTransferBumpPercent, ScenarioSeconds, Math.Abs(Plant.Io.Commands.ValveCommandPercent - _bumpBefore), "manual → automatic"));
    }

    private Action<byte[]> Publish(string topic) => payload => _connection!.Publish(topic, payload, payload.Length, 1, false);

    // Lockstep: the scan of the plant's time now; again: the very same message once more (its seq makes a copy that
    // did arrive a refused duplicate, and the instruments are not read twice for one period).
    private void PublishTimedScan(bool again = false)
    {
        if (!again || _lastTimedScan is null) _lastTimedScan = Plant.ScanAtPlantTime();
        _connection!.Publish(_hil.Sensors, _lastTimedScan, _lastTimedScan.Length, 0, false);
    }

    private void PublishScan()
    {
        var scan = Plant.Scan();
        var bytes = MemoryMarshal.TryGetArray(scan, out var segment) && segment.Offset == 0 ? segment.Array! : scan.ToArray();
        _connection!.Publish(_hil.Sensors, bytes, scan.Length, 0, false);
    }
}
