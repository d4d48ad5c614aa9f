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
    /// …/hil/actuators, QoS 0. The board's real outputs are not driven in this mode (they stay de-energized).
    /// </summary>
    public sealed class HilMqttIo : ICduIo
    {
        public const long StaleAfterMilliseconds = 1000;
        private const int MaximumMessageBytes = 8192;

        private readonly IClock _clock;
        private readonly IMessageBus _bus;
        private readonly HilSensorScanner _scanner = new HilSensorScanner();
        private readonly CduInputs _latest = new CduInputs();
        private readonly CduInputs _candidate = new CduInputs();
        private readonly byte[] _out = new byte[512];
        private readonly object _gate = new object();
        private readonly object _writeGate = new object();
        private long _lastSequence = -1;
        private long _acceptedAt = -1;
        private long _actuatorSequence;
        private int _length;

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
                if (payload.Length > MaximumMessageBytes)
                {
                    reason = "oversize message: larger than 8192 bytes";
                }
                else if (!_scanner.Scan(payload, payload.Length, _candidate))
                {
                    reason = _scanner.Reason;
                }
                else if (Fresh() && _scanner.Sequence <= _lastSequence)
                {
                    reason = "stale seq: not greater than the last accepted one";
                }

                if (reason != null)
                {
                    Rejected++;
                    LastRejection = reason;
                    return false;
                }

                Copy(_candidate, _latest);
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
                    Copy(_latest, inputs);
                    return;
                }
            }

            for (int i = 0; i < CduInputs.SupplySensorCount; i++) inputs.SupplyTemperatureCelsius[i] = double.NaN;
            inputs.ReturnTemperatureCelsius = double.NaN;
            inputs.FacilitySupplyTemperatureCelsius = double.NaN;
            inputs.FacilityReturnTemperatureCelsius = double.NaN;
            inputs.DeltaPressureMilliamps = double.NaN;
            inputs.FlowMilliamps = double.NaN;
            inputs.FilterDeltaPressureMilliamps = double.NaN;
            inputs.ValvePositionPercent = double.NaN;
            inputs.AmbientTemperatureCelsius = double.NaN;
            inputs.RelativeHumidityPercent = double.NaN;
            inputs.AmbientValid = false;
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                inputs.PumpFault[i] = false;
                inputs.PumpSpeedFeedbackPercent[i] = double.NaN;
            }

            for (int i = 0; i < CduInputs.LeakZoneCount; i++) inputs.LeakZoneLevelPercent[i] = double.NaN;
            inputs.ReservoirLevelPercent = double.NaN;
        }

        // {"v":1,"seq":N,"uptimeMilliseconds":N,"valveCommandPercent":x,"pumpRun":[..],"pumpSpeedPercent":[..],
        //  "isolationValvesOpen":b,"alarmRelay":b,"sensorsFresh":b,"acceptedSensorMessages":N,"rejectedSensorMessages":N}
        // Written by hand: the core's JsonMessageWriter has no boolean array elements.
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
                _length = 0;
                Text("{\"v\":1,\"seq\":");
                Integer(_actuatorSequence);
                Text(",\"uptimeMilliseconds\":");
                Integer(_clock.GetUptimeMilliseconds());
                Text(",\"valveCommandPercent\":");
                Fixed(outputs.ValveCommandPercent);
                Text(",\"pumpRun\":[");
                for (int i = 0; i < CduInputs.MaximumPumps; i++)
                {
                    if (i > 0) Text(",");
                    Text(outputs.PumpRunCommand[i] ? "true" : "false");
                }

                Text("],\"pumpSpeedPercent\":[");
                for (int i = 0; i < CduInputs.MaximumPumps; i++)
                {
                    if (i > 0) Text(",");
                    Fixed(outputs.PumpSpeedCommandPercent[i]);
                }

                Text("],\"isolationValvesOpen\":");
                Text(outputs.IsolationValvesOpen ? "true" : "false");
                Text(",\"alarmRelay\":");
                Text(outputs.AlarmRelay ? "true" : "false");
                Text(",\"sensorsFresh\":");
                Text(fresh ? "true" : "false");
                Text(",\"acceptedSensorMessages\":");
                Integer(Accepted);
                Text(",\"rejectedSensorMessages\":");
                Integer(Rejected);
                Text("}");
                _bus.Publish(ActuatorTopic, _out, _length, 0, false);
            }
        }

        private bool Fresh()
        {
            return _acceptedAt >= 0 && _clock.GetUptimeMilliseconds() - _acceptedAt <= StaleAfterMilliseconds;
        }

        private void Text(string text)
        {
            for (int i = 0; i < text.Length && _length < _out.Length; i++)
            {
                _out[_length++] = (byte)text[i];
            }
        }

        private void Integer(long value)
        {
            if (value < 0)
            {
                Text("-");
                value = -value;
            }

            long divisor = 1;
            while (value / divisor >= 10) divisor *= 10;
            for (; divisor > 0 && _length < _out.Length; divisor /= 10)
            {
                _out[_length++] = (byte)('0' + (int)(value / divisor % 10));
            }
        }

        // Two decimals; a command that is not a number is written as 0.
        private void Fixed(double value)
        {
            if (double.IsNaN(value) || double.IsInfinity(value)) value = 0;
            long hundredths = (long)System.Math.Round(System.Math.Abs(value) * 100.0);
            if (value < 0 && hundredths > 0) Text("-");
            Integer(hundredths / 100);
            Text(".");
            long fraction = hundredths % 100;
            _out[_length++] = (byte)('0' + (int)(fraction / 10));
            _out[_length++] = (byte)('0' + (int)(fraction % 10));
        }

        private static void Copy(CduInputs from, CduInputs to)
        {
            for (int i = 0; i < CduInputs.SupplySensorCount; i++) to.SupplyTemperatureCelsius[i] = from.SupplyTemperatureCelsius[i];
            to.ReturnTemperatureCelsius = from.ReturnTemperatureCelsius;
            to.FacilitySupplyTemperatureCelsius = from.FacilitySupplyTemperatureCelsius;
            to.FacilityReturnTemperatureCelsius = from.FacilityReturnTemperatureCelsius;
            to.DeltaPressureMilliamps = from.DeltaPressureMilliamps;
            to.FlowMilliamps = from.FlowMilliamps;
            to.FilterDeltaPressureMilliamps = from.FilterDeltaPressureMilliamps;
            to.ValvePositionPercent = from.ValvePositionPercent;
            to.AmbientTemperatureCelsius = from.AmbientTemperatureCelsius;
            to.RelativeHumidityPercent = from.RelativeHumidityPercent;
            to.AmbientValid = from.AmbientValid;
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                to.PumpFault[i] = from.PumpFault[i];
                to.PumpSpeedFeedbackPercent[i] = from.PumpSpeedFeedbackPercent[i];
            }

            for (int i = 0; i < CduInputs.LeakZoneCount; i++) to.LeakZoneLevelPercent[i] = from.LeakZoneLevelPercent[i];
            to.ReservoirLevelPercent = from.ReservoirLevelPercent;
        }
    }
}
