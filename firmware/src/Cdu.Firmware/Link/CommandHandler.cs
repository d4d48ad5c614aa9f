using Cdu.Firmware.Control;
using Cdu.Firmware.Io;
using Cdu.Firmware.Loops;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Link
{
    /// <summary>
    /// Operators' commands on the command topic:
    /// <c>{"v":1,"seq":N,"command":"reset"|"shutdown"|"start"|"releaseLease"|"manual"|"automatic"|"autotune"|"abortAutotune","actuator":"valve"|"pumps","valuePercent":x}</c>.
    /// Each is checked (version, a sequence above the last one executed, the command's own fields), executed on the
    /// parts it concerns and acknowledged; a refused command is also reported as MessageRejected.
    /// </summary>
    public sealed class CommandHandler
    {
        private readonly CduSettings _settings;
        private readonly CduPublisher _publisher;
        private readonly CduTopics _topics;
        private readonly OperatorOverrides _overrides;
        private readonly CduModeSelector _modes;
        private readonly SafetyFunctions _safety;
        private readonly PumpGroup _pumps;
        private readonly CduInputs _inputs;
        private readonly CduOutputs _outputs;
        private readonly SensorSuite _sensors;
        private readonly SetpointArbiter _arbiter;
        private readonly SupplyTemperatureLoop _supplyLoop;
        private readonly RelayAutoTuner _valveTuner;
        private long _lastCommandSequence;

        public CommandHandler(CduSettings settings, CduPublisher publisher, CduTopics topics, OperatorOverrides overrides, CduModeSelector modes,
            SafetyFunctions safety, PumpGroup pumps, CduInputs inputs, CduOutputs outputs,
            SensorSuite sensors, SetpointArbiter arbiter, SupplyTemperatureLoop supplyLoop, RelayAutoTuner valveTuner)
        {
            _settings = settings;
            _publisher = publisher;
            _topics = topics;
            _overrides = overrides;
            _modes = modes;
            _safety = safety;
            _pumps = pumps;
            _inputs = inputs;
            _outputs = outputs;
            _sensors = sensors;
            _arbiter = arbiter;
            _supplyLoop = supplyLoop;
            _valveTuner = valveTuner;
        }

        /// <summary>Sequence number of the last command executed (0 before the first).</summary>
        public long LastSequence { get { return _lastCommandSequence; } }

        /// <summary>Handles one command message, its bytes parsed into <paramref name="reader"/> with <paramref name="parseError"/>.</summary>
        public void Handle(JsonMessageReader reader, JsonError parseError, long now)
        {
            long sequence = -1;
            string reason;
            long version;
            if (parseError != JsonError.None)
            {
                reason = JsonErrorText.Describe(parseError);
            }
            else if (!reader.TryGetInteger("seq", out sequence) || sequence < 1)
            {
                sequence = -1;
                reason = SetpointReasons.MissingSequence;
            }
            else if (!reader.TryGetInteger("v", out version) || version != 1)
            {
                reason = SetpointReasons.UnsupportedVersion;
            }
            else if (sequence <= _lastCommandSequence)
            {
                reason = SetpointReasons.StaleSequence;
            }
            else
            {
                reason = Execute(reader, now);
            }

            if (reason == null)
            {
                _lastCommandSequence = sequence;
            }
            else
            {
                _publisher.Reject(now, reason, _topics.Command);
            }

            _publisher.AcknowledgeCommand(sequence, reason);
        }

        // Null when executed, else why not.
        private string Execute(JsonMessageReader reader, long now)
        {
            if (reader.StringEquals("command", "reset"))
            {
                _safety.Reset(_settings);
                _pumps.Reset(_inputs);
                return null;
            }

            if (reader.StringEquals("command", "shutdown"))
            {
                _overrides.Shutdown = true;
                return null;
            }

            if (reader.StringEquals("command", "start"))
            {
                _overrides.Shutdown = false;
                return null;
            }

            if (reader.StringEquals("command", "releaseLease"))
            {
                if (_arbiter.Release())
                {
                    _publisher.PublishEvent(now, EventNames.SupervisorLeaseReleased, EventNames.SeverityOk, "the lease was given back: local setpoints", null);
                }

                return null;
            }

            bool valve = reader.StringEquals("actuator", "valve");
            bool pumps = reader.StringEquals("actuator", "pumps");
            if (reader.StringEquals("command", "autotune"))
            {
                if (!valve) return "actuator: only the valve loop can be auto-tuned";
                CduMode mode = _modes.Mode;
                if (mode != CduMode.Automatic && mode != CduMode.Fallback) return "autotune: the CDU must be in automatic or fallback";
                if (_valveTuner.IsRunning) return "autotune: already running";
                _valveTuner.Start(_supplyLoop.EffectiveSetpointCelsius, _outputs.ValveCommandPercent, _sensors.SupplyTemperatureCelsius);
                _overrides.TuningReported = false;
                return null;
            }

            if (reader.StringEquals("command", "abortAutotune"))
            {
                _valveTuner.Abort();
                return null;
            }

            if (reader.StringEquals("command", "automatic"))
            {
                if (!valve && !pumps) return "actuator: must be valve or pumps";
                if (valve) _overrides.ValveManual = false;
                if (pumps) _overrides.PumpManual = false;
                return null;
            }

            if (reader.StringEquals("command", "manual"))
            {
                return Manual(reader, valve, pumps);
            }

            return "command: must be reset, shutdown, start, releaseLease, manual, automatic, autotune or abortAutotune";
        }

        private string Manual(JsonMessageReader reader, bool valve, bool pumps)
        {
            double percent;
            if (!valve && !pumps) return "actuator: must be valve or pumps";
            if (!reader.TryGetNumber("valuePercent", out percent) || percent < 0 || percent > 100) return "valuePercent: must be a number 0 … 100";
            CduSettings s = _settings;
            if (valve)
            {
                _overrides.ValveManual = true;
                _overrides.ValveManualPercent = percent < s.Valve.MinimumPercent ? s.Valve.MinimumPercent : percent > s.Valve.MaximumPercent ? s.Valve.MaximumPercent : percent;
            }
            else
            {
                _overrides.PumpManual = true;
                _overrides.PumpManualPercent = percent < s.Pump.MinimumSpeedPercent ? s.Pump.MinimumSpeedPercent : percent > s.Pump.MaximumSpeedPercent ? s.Pump.MaximumSpeedPercent : percent;
            }

            return null;
        }
    }
}
