using Cdu.Firmware.Hil;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// HIL I/O on the device (HIL jumper fitted, docs/hil-io.md): the rig plays the plant over MQTT. Sensor messages
    /// from …/hil/sensors (M2Mqtt's thread) are read by <see cref="HilSensorScanner"/>; a valid one becomes the scan in
    /// force, an invalid one is counted and refused. After 1 s without a valid message every reading is missing (the
    /// core then shuts down safely). Every <see cref="WriteOutputs"/> publishes the actuator commands on
    /// …/hil/actuators, QoS 0, composed by <see cref="HilActuatorComposer"/> (the core's HIL codec, shared with the
    /// virtual CDU). The board's real outputs are not driven in this mode (they stay de-energized).
    /// </summary>
    public sealed class HilMqttIo : ICduIo
    {
        public const long StaleAfterMilliseconds = 1000;

        private readonly IClock _clock;
        private readonly IMessageBus _bus;
        private readonly HilSensorScanner _scanner = new HilSensorScanner();
        private readonly CduInputs _latest = new CduInputs();
        private readonly CduInputs _candidate = new CduInputs();
        private readonly HilActuatorComposer _composer = new HilActuatorComposer();
        private readonly object _gate = new object();
        private readonly object _writeGate = new object();
        private long _lastSequence = -1;
        private long _acceptedAt = -1;
        private long _actuatorSequence;

        public HilMqttIo(string siteId, string cduId, IClock clock, IMessageBus bus)
        {
            string root = CduTopics.Namespace + siteId + "/cdu/" + cduId + "/hil/";
            SensorTopic = root + "sensors";
            ActuatorTopic = root + "actuators";
            _clock = clock;
            _bus = bus;
        }

        public string SensorTopic { get; private set; }

        /// <summary>The broker link: actuator messages are only published while it is connected (none queue up during an outage).</summary>
        public MqttLink Link { get; set; }

        public string ActuatorTopic { get; private set; }

        public long Accepted { get; private set; }

        public long Rejected { get; private set; }

        public string LastRejection { get; private set; }

        /// <summary>Takes one sensor message (M2Mqtt's receive thread).</summary>
        public bool Accept(byte[] payload)
        {
            lock (_gate)
            {
                string reason = null;
                if (payload.Length > HilSensorScanner.MaximumMessageBytes)
                {
                    reason = HilSensorScanner.OversizeReason;
                }
                else if (!_scanner.Scan(payload, payload.Length, _candidate))
                {
                    reason = _scanner.Reason;
                }
                else if (Fresh() && _scanner.Sequence <= _lastSequence)
                {
                    reason = HilSensorScanner.StaleSequenceReason;
                }

                if (reason != null)
                {
                    Rejected++;
                    LastRejection = reason;
                    return false;
                }

                _latest.CopyFrom(_candidate);
                _lastSequence = _scanner.Sequence;
                _acceptedAt = _clock.GetUptimeMilliseconds();
                Accepted++;
                return true;
            }
        }

        public void ReadInputs(CduInputs inputs)
        {
            lock (_gate)
            {
                if (Fresh())
                {
                    inputs.CopyFrom(_latest);
                    return;
                }
            }

            inputs.SetMissing();
        }

        public void WriteOutputs(CduOutputs outputs)
        {
            MqttLink link = Link;
            if (link == null || !link.IsConnected)
            {
                return;
            }

            bool fresh;
            lock (_gate)
            {
                fresh = Fresh();
            }

            lock (_writeGate)
            {
                _actuatorSequence++;
                int length = _composer.Compose(outputs, _actuatorSequence, _clock.GetUptimeMilliseconds(), fresh, Accepted, Rejected);
                _bus.Publish(ActuatorTopic, _composer.Buffer, length, 0, false);
            }
        }

        private bool Fresh()
        {
            return _acceptedAt >= 0 && _clock.GetUptimeMilliseconds() - _acceptedAt <= StaleAfterMilliseconds;
        }
    }
}
