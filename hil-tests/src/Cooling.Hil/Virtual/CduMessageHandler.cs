using System.Globalization;

namespace Cooling.Hil.Virtual;

/// <summary>
/// What the CDU tells the rig besides its actuator messages (those are the pacer's): telemetry (its state, sensors
/// failing validation, messages it refused), events (alarms raised and cleared, on the CDU's clock), and the
/// acknowledgements of setpoint requests and commands (contract v1).
/// </summary>
public sealed class CduMessageHandler(RigScenario run)
{
    private long _lastRejected;

    /// <summary>Handles one message on a topic other than the actuators'.</summary>
    public void Handle(string topic, byte[] payload)
    {
        var topics = run.Topics;
        if (topic == topics.Telemetry) Telemetry(payload);
        else if (topic == topics.Event) Event(payload);
        else if (topic == topics.SetpointAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack) run.Supervisor?.Acknowledged(ack.Sequence, ack.Status);
        }
        else if (topic == topics.CommandAcknowledgement)
        {
            if (CduView.ReadAcknowledgement(payload) is { } ack)
            {
                run.Recorder.Log(run.ScenarioSeconds, string.Create(CultureInfo.InvariantCulture, $"command {ack.Sequence} {ack.Status}"));
                run.Commands.Acknowledged(ack.Sequence);
            }
        }
    }

    private void Telemetry(byte[] payload)
    {
        var view = run.View;
        var sensors = view.SensorStatus;
        if (!view.AcceptTelemetry(payload)) return;
        var seconds = run.ScenarioSeconds;
        if (view.SensorStatus != sensors && seconds >= 0)
        {
            run.Recorder.Log(seconds, $"sensors failing validation: {(view.SensorStatus.Length == 0 ? "none" : view.SensorStatus)}");
        }

        var rejected = view.RejectedMessages - _lastRejected;
        _lastRejected = view.RejectedMessages;
        if (rejected > 0 && seconds >= 0) run.Recorder.Count(seconds, 0, 0, 0, rejected);
    }

    private void Event(byte[] payload)
    {
        var plant = run.Plant;
        if (run.View.AcceptEvent(payload) is not { } alarm || plant.OriginUptimeMilliseconds < 0) return;
        var seconds = (alarm.UptimeMilliseconds - plant.OriginUptimeMilliseconds) / 1000.0 - run.SettleSeconds;
        if (seconds < 0) return;
        run.Recorder.Log(seconds, $"{(alarm.Raised ? "raised" : "cleared")} {alarm.Code} ({alarm.Source}){(alarm.Raised && alarm.Reason.Length > 0 ? ": " + alarm.Reason : "")}");
        run.Recorder.Count(seconds, alarm.Raised ? 1 : 0, alarm.Raised ? 0 : 1, alarm.Raised && alarm.Critical ? 1 : 0, 0);
    }
}
