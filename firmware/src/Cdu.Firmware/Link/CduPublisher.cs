using Cdu.Firmware.Alarms;
using Cdu.Firmware.Control;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Link
{
    /// <summary>
    /// Everything the CDU says on its topics: state, events (one sequence for all of them), acknowledgements and
    /// telemetry, each composed into one fixed buffer and handed to the bus. It counts what it sends and what the
    /// CDU refused. A message too large for the buffer is not sent. Nothing is allocated per message.
    /// </summary>
    public sealed class CduPublisher
    {
        /// <summary>Largest message the CDU composes or accepts, bytes.</summary>
        public const int MessageCapacityBytes = 4096;

        private readonly IMessageBus _bus;
        private readonly CduTopics _topics;
        private readonly CduMessageComposer _composer = new CduMessageComposer(MessageCapacityBytes);
        private readonly CduTelemetrySnapshot _snapshot = new CduTelemetrySnapshot();
        private long _eventSequence;
        private long _telemetrySequence;
        private long _rejectedMessages;
        private long _acknowledgements;
        private long _retainedIgnored;

        public CduPublisher(IMessageBus bus, CduTopics topics)
        {
            _bus = bus;
            _topics = topics;
        }

        /// <summary>Messages refused since start (malformed, out of contract, oversize, inbox full, unknown topic).</summary>
        public long RejectedMessages { get { return _rejectedMessages; } }

        /// <summary>Retained messages ignored since start (also counted in <see cref="RejectedMessages"/>).</summary>
        public long RetainedMessagesIgnored { get { return _retainedIgnored; } }

        /// <summary>
        /// <paramref name="count"/> retained messages the inbox ignored: counted as rejected and as retained, one
        /// MessageRejected event reports them.
        /// </summary>
        public void IgnoreRetained(long now, int count)
        {
            if (count > 0)
            {
                _retainedIgnored += count;
                RejectMany(now, count, EventNames.RetainedReason);
            }
        }

        /// <summary>Acknowledgements published since start.</summary>
        public long Acknowledgements { get { return _acknowledgements; } }

        /// <summary>Sequence number of the last telemetry message published (0 before the first).</summary>
        public long TelemetrySequence { get { return _telemetrySequence; } }

        /// <summary>Sequence number of the last event published (0 before the first).</summary>
        public long EventSequence { get { return _eventSequence; } }

        /// <summary>The retained state message (birth when <paramref name="online"/>).</summary>
        public void PublishState(bool online, CduMode mode)
        {
            Send(_topics.State, _composer.ComposeState(online, mode), 1, true);
        }

        public void PublishEvent(long now, string name, string severity, string reason, string topic)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeEvent(_eventSequence, now, name, severity, reason, topic), 1, false);
        }

        /// <summary>Counts a refused message and publishes its MessageRejected event.</summary>
        public void Reject(long now, string reason, string topic)
        {
            _rejectedMessages++;
            PublishEvent(now, EventNames.MessageRejected, EventNames.SeverityWarning, reason, topic);
        }

        /// <summary>
        /// <paramref name="count"/> messages refused for one <paramref name="reason"/> before they reached the
        /// CDU (oversize, inbox full): all are counted, one event reports them.
        /// </summary>
        public void RejectMany(long now, int count, string reason)
        {
            if (count <= 0)
            {
                return;
            }

            _rejectedMessages += count - 1;
            Reject(now, reason, null);
        }

        /// <summary>The ModeChanged event, then the retained state in the new mode.</summary>
        public void PublishModeChange(long now, CduMode from, CduMode to, string reason)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeModeChange(_eventSequence, now, from, to, reason), 1, false);
            PublishState(true, to);
        }

        public void PublishAlarm(long now, Alarm alarm, bool raised)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeAlarm(_eventSequence, now, alarm, raised), 1, false);
        }

        public void PublishTuningResult(long now, RelayAutoTuneResult result)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeTuningResult(_eventSequence, now, result), 1, false);
        }

        public void AcknowledgeSetpointRequest(SetpointDecision decision, long now)
        {
            Send(_topics.SetpointAcknowledgement, _composer.ComposeAcknowledgement(decision, now), 1, false);
            _acknowledgements++;
        }

        public void AcknowledgeCommand(long sequence, string reason)
        {
            Send(_topics.CommandAcknowledgement, _composer.ComposeResult(sequence, reason == null, reason, -1), 1, false);
            _acknowledgements++;
        }

        public void AcknowledgeConfiguration(long sequence, string reason, long revision)
        {
            Send(_topics.ConfigurationAcknowledgement, _composer.ComposeResult(sequence, reason == null, reason, revision), 1, false);
            _acknowledgements++;
        }

        public void PublishConfigurationDocument(JsonMessageWriter document)
        {
            Send(_topics.ConfigurationDocument, document, 1, false);
        }

        /// <summary>
        /// The snapshot of the next telemetry message, its sequence, time and rejection count filled in; the caller
        /// fills the rest and calls <see cref="PublishTelemetry"/>.
        /// </summary>
        public CduTelemetrySnapshot BeginTelemetry(long now)
        {
            _telemetrySequence++;
            _snapshot.Sequence = _telemetrySequence;
            _snapshot.UptimeMilliseconds = now;
            _snapshot.RejectedMessages = _rejectedMessages;
            _snapshot.RetainedMessagesIgnored = _retainedIgnored;
            return _snapshot;
        }

        public void PublishTelemetry(SensorSuite sensors, CduInputs inputs, CduOutputs outputs, PumpGroup pumps, LeakMonitor leaks,
            ReservoirMonitor reservoir, AlarmTable alarms, CduSettings settings)
        {
            Send(_topics.Telemetry, _composer.ComposeTelemetry(_snapshot, sensors, inputs, outputs, pumps, leaks, reservoir, alarms, settings), 0, false);
        }

        private void Send(string topic, JsonMessageWriter message, int qualityOfService, bool retain)
        {
            if (!message.Overflowed)
            {
                _bus.Publish(topic, message.Buffer, message.Length, qualityOfService, retain);
            }
        }
    }
}
