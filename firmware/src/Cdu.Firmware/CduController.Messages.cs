using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware
{
    /// <summary>The cycle's message handling: inbox, requests, commands, configuration, events and telemetry.</summary>
    public sealed partial class CduController
    {
        private long _lastCommandSequence;

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
                else if (topic == _topics.Command)
                {
                    HandleCommand(now, length);
                }
                else if (topic == _topics.ConfigurationSet)
                {
                    HandleConfigurationSet(now, length);
                }
                else if (topic == _topics.ConfigurationGet)
                {
                    Send(_topics.ConfigurationDocument, _configuration.Export(_settings), 1, false);
                }
                else
                {
                    Reject(now, EventNames.UnknownTopicReason, topic);
                }
            }

            if (_arbiter.Tick(now))
            {
                PublishEvent(now, EventNames.SupervisorLeaseExpired, EventNames.SeverityWarning, "no renewal before the lease ended: ramping to local fallback setpoints", null);
            }

            _alarms.Set(Cdu.Firmware.Alarms.AlarmTable.LeaseExpired, _arbiter.LeaseLost, now);
            _itLoadKilowatts = _arbiter.AnnouncedItLoadKilowatts;
        }

        private void HandleSetpointRequest(long now, int length)
        {
            JsonError error = _reader.Parse(_inboundBuffer, 0, length);
            bool wasLost = _arbiter.LeaseLost;
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
            else if (wasLost)
            {
                PublishEvent(now, EventNames.SupervisorLeaseResumed, EventNames.SeverityOk, "a supervisor lease is in force again", null);
            }

            Send(_topics.SetpointAcknowledgement, _composer.ComposeAcknowledgement(_decision, now), 1, false);
            _acknowledgements++;
        }

        // {"v":1,"seq":N,"command":"reset"|"shutdown"|"start"|"releaseLease"|"manual"|"automatic","actuator":"valve"|"pumps","valuePercent":x}
        private void HandleCommand(long now, int length)
        {
            long sequence = -1;
            string reason = null;
            JsonError error = _reader.Parse(_inboundBuffer, 0, length);
            long version;
            if (error != JsonError.None)
            {
                reason = JsonErrorText.Describe(error);
            }
            else if (!_reader.TryGetInteger("seq", out sequence) || sequence < 1)
            {
                sequence = -1;
                reason = SetpointReasons.MissingSequence;
            }
            else if (!_reader.TryGetInteger("v", out version) || version != 1)
            {
                reason = SetpointReasons.UnsupportedVersion;
            }
            else if (sequence <= _lastCommandSequence)
            {
                reason = SetpointReasons.StaleSequence;
            }
            else
            {
                reason = ExecuteCommand(now);
            }

            if (reason == null)
            {
                _lastCommandSequence = sequence;
            }
            else
            {
                Reject(now, reason, _topics.Command);
            }

            Send(_topics.CommandAcknowledgement, _composer.ComposeResult(sequence, reason == null, reason, -1), 1, false);
            _acknowledgements++;
        }

        private string ExecuteCommand(long now)
        {
            if (_reader.StringEquals("command", "reset"))
            {
                _leaks.Reset(_settings.LeakCriticalPercent);
                _reservoir.Reset(_settings.ReservoirLowPercent);
                _dryRunLatched = false;
                _lowFlowSinceMilliseconds = -1;
                _pumps.Reset(_inputs);
                return null;
            }

            if (_reader.StringEquals("command", "shutdown"))
            {
                _operatorShutdown = true;
                return null;
            }

            if (_reader.StringEquals("command", "start"))
            {
                _operatorShutdown = false;
                return null;
            }

            if (_reader.StringEquals("command", "releaseLease"))
            {
                if (_arbiter.Release())
                {
                    PublishEvent(now, EventNames.SupervisorLeaseReleased, EventNames.SeverityOk, "the lease was given back: local setpoints", null);
                }

                return null;
            }

            bool valve = _reader.StringEquals("actuator", "valve");
            bool pumps = _reader.StringEquals("actuator", "pumps");
            if (_reader.StringEquals("command", "autotune"))
            {
                if (!valve) return "actuator: only the valve loop can be auto-tuned";
                if (_mode != CduMode.Automatic && _mode != CduMode.Fallback) return "autotune: the CDU must be in automatic or fallback";
                if (_valveTuner.IsRunning) return "autotune: already running";
                _valveTuner.Start(_supplyLoop.EffectiveSetpointCelsius, _outputs.ValveCommandPercent, _sensors.SupplyTemperatureCelsius);
                _tuningReported = false;
                return null;
            }

            if (_reader.StringEquals("command", "abortAutotune"))
            {
                _valveTuner.Abort();
                return null;
            }
            if (_reader.StringEquals("command", "automatic"))
            {
                if (!valve && !pumps) return "actuator: must be valve or pumps";
                if (valve) _valveManual = false;
                if (pumps) _pumpManual = false;
                return null;
            }

            if (_reader.StringEquals("command", "manual"))
            {
                double percent;
                if (!valve && !pumps) return "actuator: must be valve or pumps";
                if (!_reader.TryGetNumber("valuePercent", out percent) || percent < 0 || percent > 100) return "valuePercent: must be a number 0 … 100";
                if (valve)
                {
                    _valveManual = true;
                    _valveManualPercent = percent < _settings.ValveMinimumPercent ? _settings.ValveMinimumPercent : percent > _settings.ValveMaximumPercent ? _settings.ValveMaximumPercent : percent;
                }
                else
                {
                    _pumpManual = true;
                    _pumpManualPercent = percent < _settings.PumpMinimumSpeedPercent ? _settings.PumpMinimumSpeedPercent : percent > _settings.PumpMaximumSpeedPercent ? _settings.PumpMaximumSpeedPercent : percent;
                }

                return null;
            }

            return "command: must be reset, shutdown, start, releaseLease, manual, automatic, autotune or abortAutotune";
        }

        private void HandleConfigurationSet(long now, int length)
        {
            // The store parses with a reader sized for a whole configuration document (more members than a message has).
            long sequence;
            string reason = _configuration.Apply(_inboundBuffer, length, _settings, out sequence);

            if (reason == null)
            {
                Configure();
                PublishEvent(now, EventNames.ConfigurationChanged, EventNames.SeverityOk, "configuration updated and stored", null);
            }
            else
            {
                Reject(now, reason, _topics.ConfigurationSet);
            }

            Send(_topics.ConfigurationAcknowledgement, _composer.ComposeResult(sequence, reason == null, reason, _configuration.Revision), 1, false);
            _acknowledgements++;
        }

        private void PublishModeChange(long now, CduMode from, CduMode to, string reason)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeModeChange(_eventSequence, now, from, to, reason), 1, false);
            Send(_topics.State, _composer.ComposeState(true, _mode), 1, true);
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
            s.DeltaPressureSetpointKpa = _pumpLoop.HoldsFlow ? double.NaN : _deltaPressureRamp.Value;
            s.DeltaPressureTargetKpa = _pumpLoop.HoldsFlow ? double.NaN : _arbiter.TargetDeltaPressureKpa;
            Send(_topics.Telemetry, _composer.ComposeTelemetry(s, _sensors, _inputs, _outputs, _pumps, _leaks, _reservoir, _alarms, _settings), 0, false);
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
