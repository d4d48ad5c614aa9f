using Cdu.Firmware.Io;
using Cdu.Firmware.Link;
using Cdu.Firmware.Loops;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Physics;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware
{
    /// <summary>
    /// One CDU's control core. The host calls <see cref="RunCycle"/> every control period; each cycle reads the
    /// sensors, handles the inbox (setpoint requests → acknowledgements), runs the loops, writes the actuators
    /// and, once per telemetry period, publishes telemetry. Nothing is allocated per cycle.
    /// </summary>
    public sealed class CduController
    {
        private const int MessageCapacityBytes = 2048;

        private readonly CduSettings _settings;
        private readonly IClock _clock;
        private readonly ICduIo _io;
        private readonly IMessageBus _bus;
        private readonly CduTopics _topics;
        private readonly CduInputs _inputs = new CduInputs();
        private readonly CduOutputs _outputs = new CduOutputs();
        private readonly MessageInbox _inbox;
        private readonly byte[] _inboundBuffer;
        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private readonly CduMessageComposer _composer = new CduMessageComposer(MessageCapacityBytes);
        private readonly CduTelemetrySnapshot _snapshot = new CduTelemetrySnapshot();
        private readonly SetpointDecision _decision = new SetpointDecision();
        private readonly SetpointArbiter _arbiter;
        private readonly SupplyTemperatureLoop _supplyLoop;
        private long _lastCycleMilliseconds = -1;
        private long _nextTelemetryMilliseconds;
        private long _telemetrySequence;
        private long _eventSequence;
        private long _rejectedMessages;
        private long _acknowledgements;
        private double _dewPointCelsius;
        private CduMode _mode = CduMode.Automatic;

        public CduController(CduSettings settings, IClock clock, ICduIo io, IMessageBus bus, CduTopics topics)
        {
            if (settings == null || clock == null || io == null || bus == null || topics == null)
            {
                throw new System.ArgumentNullException(settings == null ? "settings" : clock == null ? "clock" : io == null ? "io" : bus == null ? "bus" : "topics");
            }

            _settings = settings;
            _clock = clock;
            _io = io;
            _bus = bus;
            _topics = topics;
            _inbox = new MessageInbox(16, MessageCapacityBytes);
            _inboundBuffer = new byte[MessageCapacityBytes];
            _arbiter = new SetpointArbiter(settings);
            _supplyLoop = new SupplyTemperatureLoop(settings);
        }

        /// <summary>Where the host delivers inbound messages (any thread).</summary>
        public MessageInbox Inbox { get { return _inbox; } }

        public CduTopics Topics { get { return _topics; } }

        public CduMode Mode { get { return _mode; } }

        /// <summary>Inputs of the last cycle (read-only use).</summary>
        public CduInputs Inputs { get { return _inputs; } }

        /// <summary>Outputs of the last cycle (read-only use).</summary>
        public CduOutputs Outputs { get { return _outputs; } }

        /// <summary>Supply-temperature setpoint the valve loop works on now (ramped), °C.</summary>
        public double EffectiveSupplySetpointCelsius { get { return _supplyLoop.EffectiveSetpointCelsius; } }

        /// <summary>Supply-temperature target in force (leased or local, dew-point guarded), °C.</summary>
        public double TargetSupplySetpointCelsius { get { return _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius); } }

        /// <summary>Messages refused since start (malformed, out of contract, oversize, inbox full, unknown topic).</summary>
        public long RejectedMessages { get { return _rejectedMessages; } }

        /// <summary>Acknowledgements published since start (every setpoint request gets one).</summary>
        public long Acknowledgements { get { return _acknowledgements; } }

        public SetpointArbiter Arbiter { get { return _arbiter; } }

        /// <summary>Sequence number of the last telemetry message published (0 before the first).</summary>
        public long TelemetrySequence { get { return _telemetrySequence; } }

        /// <summary>Publishes the retained birth message. Call once after the host has connected.</summary>
        public void PublishBirth()
        {
            Send(_topics.State, _composer.ComposeState(true, _mode), 1, true);
        }

        /// <summary>Writes the offline state message (the MQTT last will) into <paramref name="composer"/>'s buffer.</summary>
        public static JsonMessageWriter ComposeLastWill(CduMessageComposer composer)
        {
            return composer.ComposeState(false, CduMode.Automatic);
        }

        /// <summary>One control cycle.</summary>
        public void RunCycle()
        {
            long now = _clock.GetUptimeMilliseconds();
            double sampleTimeSeconds = _lastCycleMilliseconds < 0
                ? _settings.ControlPeriodMilliseconds / 1000.0
                : (now - _lastCycleMilliseconds) / 1000.0;
            if (sampleTimeSeconds <= 0)
            {
                return;
            }

            _lastCycleMilliseconds = now;
            _io.ReadInputs(_inputs);
            _dewPointCelsius = _inputs.AmbientTemperatureValid && _inputs.RelativeHumidityValid
                ? DewPoint.FromTemperatureAndHumidity(_inputs.AmbientTemperatureCelsius, _inputs.RelativeHumidityPercent)
                : _settings.AssumedDewPointCelsius;

            ReportInboxRefusals(now);
            DrainInbox(now);
            UpdateLease(now);

            double target = _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius);
            _outputs.ValveCommandPercent = _supplyLoop.Update(target, _inputs.SupplyTemperatureCelsius, _inputs.SupplyTemperatureValid, sampleTimeSeconds);
            _outputs.PumpRunCommand = true;
            _outputs.PumpSpeedCommandPercent = _settings.PumpSpeedPercent;
            _io.WriteOutputs(_outputs);

            if (now >= _nextTelemetryMilliseconds)
            {
                _nextTelemetryMilliseconds = now + _settings.TelemetryPeriodMilliseconds;
                PublishTelemetry(now);
            }
        }

        private void DrainInbox(long now)
        {
            int length;
            string topic;
            while ((topic = _inbox.TryDequeue(_inboundBuffer, out length)) != null)
            {
                if (topic == _topics.SetpointRequest)
                {
                    HandleSetpointRequest(now, length);
                }
                else
                {
                    Reject(now, EventNames.UnknownTopicReason, topic);
                }
            }
        }

        private void HandleSetpointRequest(long now, int length)
        {
            JsonError error = _reader.Parse(_inboundBuffer, 0, length);
            if (error != JsonError.None)
            {
                _arbiter.RejectUnreadable(JsonErrorText.Describe(error), _dewPointCelsius, _decision);
            }
            else
            {
                _arbiter.Decide(_reader, now, _dewPointCelsius, _decision);
            }

            if (_decision.Status == SetpointStatus.Rejected)
            {
                Reject(now, _decision.Reason, _topics.SetpointRequest);
            }

            Send(_topics.SetpointAcknowledgement, _composer.ComposeAcknowledgement(_decision, now), 1, false);
            _acknowledgements++;
        }

        private void UpdateLease(long now)
        {
            if (_arbiter.Tick(now))
            {
                PublishEvent(now, EventNames.SupervisorLeaseExpired, EventNames.SeverityWarning, "no renewal before the lease ended: ramping to local fallback setpoints", null);
            }

            CduMode wanted = _arbiter.LeaseLost ? CduMode.Fallback : CduMode.Automatic;
            if (wanted != _mode)
            {
                if (_mode == CduMode.Fallback)
                {
                    PublishEvent(now, EventNames.SupervisorLeaseResumed, EventNames.SeverityOk, "a supervisor lease is in force again", null);
                }

                _mode = wanted;
                PublishEvent(now, EventNames.ModeChanged, EventNames.SeverityOk, FirmwareInfo.ModeName(wanted), null);
                Send(_topics.State, _composer.ComposeState(true, _mode), 1, true);
            }
        }

        private void ReportInboxRefusals(long now)
        {
            int oversize = _inbox.TakeOversizeCount();
            int overflow = _inbox.TakeOverflowCount();
            if (oversize > 0)
            {
                _rejectedMessages += oversize - 1;
                Reject(now, EventNames.OversizeReason, null);
            }

            if (overflow > 0)
            {
                _rejectedMessages += overflow - 1;
                Reject(now, EventNames.InboxFullReason, null);
            }
        }

        private void Reject(long now, string reason, string topic)
        {
            _rejectedMessages++;
            PublishEvent(now, EventNames.MessageRejected, EventNames.SeverityWarning, reason, topic);
        }

        private void PublishEvent(long now, string name, string severity, string reason, string topic)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeEvent(_eventSequence, now, name, severity, reason, topic), 1, false);
        }

        private void PublishTelemetry(long now)
        {
            _telemetrySequence++;
            CduTelemetrySnapshot s = _snapshot;
            s.Sequence = _telemetrySequence;
            s.UptimeMilliseconds = now;
            s.Mode = _mode;
            s.LeaseActive = _arbiter.LeaseActive;
            s.EffectiveSetpointCelsius = _supplyLoop.EffectiveSetpointCelsius;
            s.TargetSetpointCelsius = _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius);
            s.DewPointCelsius = _dewPointCelsius;
            s.LastRequestSequence = _arbiter.LastSequence;
            s.LeaseRemainingMilliseconds = _arbiter.LeaseRemainingMilliseconds(now);
            s.RejectedMessages = _rejectedMessages;
            Send(_topics.Telemetry, _composer.ComposeTelemetry(s, _inputs, _outputs), 0, false);
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
