using Cdu.Firmware.Alarms;
using Cdu.Firmware.Io;
using Cdu.Firmware.Link;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// Writes the CDU's outbound messages of contract v1 (docs/mqtt.md) into one reusable buffer.
    /// Field names carry their units; a measurement that failed validation is written as null.
    /// </summary>
    public sealed class CduMessageComposer
    {
        private readonly JsonMessageWriter _writer;

        public CduMessageComposer(int capacityBytes)
        {
            _writer = new JsonMessageWriter(capacityBytes);
        }

        public JsonMessageWriter Writer { get { return _writer; } }

        /// <summary>The retained state message: online with version and mode (birth), or offline (the last will).</summary>
        public JsonMessageWriter ComposeState(bool online, CduMode mode)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteBoolean("online", online);
            if (online)
            {
                w.WriteString("firmwareVersion", FirmwareInfo.Version);
                w.WriteString("mode", FirmwareInfo.ModeName(mode));
            }

            w.EndObject();
            return w;
        }

        /// <summary>The 1 Hz telemetry message.</summary>
        public JsonMessageWriter ComposeTelemetry(CduTelemetrySnapshot s, SensorSuite sensors, CduInputs inputs, CduOutputs outputs,
            PumpGroup pumps, LeakMonitor leaks, ReservoirMonitor reservoir, AlarmTable alarms, CduSettings settings)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", s.Sequence);
            w.WriteInteger("uptimeMilliseconds", s.UptimeMilliseconds);
            w.WriteString("mode", FirmwareInfo.ModeName(s.Mode));
            w.WriteString("setpointSource", s.LeaseActive ? "supervisor" : "local");
            Measured(w, "supplyTemperatureCelsius", sensors.SupplyTemperatureCelsius, sensors.Supply.Valid, 2);
            Measured(w, "returnTemperatureCelsius", sensors.ReturnTemperatureCelsius, sensors.Valid(SensorSuite.Return), 2);
            w.WriteNumber("supplyTemperatureSetpointCelsius", s.EffectiveSetpointCelsius, 2);
            w.WriteNumber("supplyTemperatureTargetCelsius", s.TargetSetpointCelsius, 2);
            Measured(w, "facilitySupplyTemperatureCelsius", sensors.FacilitySupplyTemperatureCelsius, sensors.Valid(SensorSuite.FacilitySupply), 2);
            Measured(w, "facilityReturnTemperatureCelsius", sensors.FacilityReturnTemperatureCelsius, sensors.Valid(SensorSuite.FacilityReturn), 2);
            Measured(w, "flowLitersPerMinute", sensors.FlowLitersPerMinute, sensors.Valid(SensorSuite.Flow), 1);
            Measured(w, "deltaPressureKpa", sensors.DeltaPressureKpa, sensors.Valid(SensorSuite.DeltaPressure), 1);
            w.WriteNumber("deltaPressureSetpointKpa", s.DeltaPressureSetpointKpa, 1);
            w.WriteNumber("deltaPressureTargetKpa", s.DeltaPressureTargetKpa, 1);
            Measured(w, "filterDeltaPressureKpa", sensors.FilterDeltaPressureKpa, sensors.Valid(SensorSuite.FilterDeltaPressure), 1);
            w.WriteNumber("valvePositionPercent", inputs.ValvePositionPercent, 1);
            w.WriteNumber("valveCommandPercent", outputs.ValveCommandPercent, 1);
            w.WriteNumber("pumpSpeedPercent", outputs.PumpRunCommand[pumps.Lead] ? outputs.PumpSpeedCommandPercent[pumps.Lead] : 0, 1);
            w.WriteNumber("reservoirLevelPercent", reservoir.LevelPercent, 1);
            w.WriteBoolean("isolationValvesOpen", outputs.IsolationValvesOpen);
            w.WriteNumber("dewPointCelsius", s.DewPointCelsius, 1);
            w.WriteInteger("requestEpoch", s.RequestEpoch);
            w.WriteInteger("lastRequestSeq", s.LastRequestSequence);
            w.WriteNumber("leaseRemainingSeconds", s.LeaseRemainingMilliseconds / 1000.0, 1);
            w.WriteInteger("rejectedMessages", s.RejectedMessages);
            w.WriteInteger("retainedMessagesIgnored", s.RetainedMessagesIgnored);
            w.StartArray("pumps");
            for (int i = 0; i < pumps.Count; i++)
            {
                w.StartArrayObject();
                w.WriteInteger("index", i + 1);
                w.WriteString("state", PumpStateName(pumps.State(i)));
                w.WriteBoolean("lead", i == pumps.Lead);
                w.WriteNumber("speedCommandPercent", outputs.PumpSpeedCommandPercent[i], 1);
                w.WriteNumber("speedFeedbackPercent", inputs.PumpSpeedFeedbackPercent[i], 1);
                w.WriteNumber("runHours", pumps.RunHours(i), 2);
                w.EndArrayObject();
            }

            w.EndArray();
            w.StartArray("leakZonesPercent");
            for (int i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                w.WriteArrayNumber(inputs.LeakZoneLevelPercent[i], 1);
            }

            w.EndArray();
            w.StartArray("sensorFaults");
            for (int i = 0; i < SensorSuite.ChannelCount; i++)
            {
                SensorValidator c = sensors.Channel(i);
                if (!c.Valid)
                {
                    w.StartArrayObject();
                    w.WriteString("sensor", c.Name);
                    w.WriteString("status", SensorStatusText.Name(c.Status));
                    w.EndArrayObject();
                }
            }

            w.EndArray();
            w.StartArray("alarms");
            for (int i = 0; i < AlarmTable.Count; i++)
            {
                Alarm a = alarms.Get(i);
                if (a.Active)
                {
                    w.StartArrayObject();
                    w.WriteString("code", a.Code);
                    w.WriteString("source", a.Source);
                    w.WriteString("severity", SeverityName(a.Severity));
                    w.EndArrayObject();
                }
            }

            w.EndArray();
            w.WriteString("firmwareVersion", FirmwareInfo.Version);
            w.EndObject();
            return w;
        }

        /// <summary>The acknowledgement of one setpoint request.</summary>
        public JsonMessageWriter ComposeAcknowledgement(SetpointDecision d, long uptimeMilliseconds)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", d.Sequence);
            w.WriteInteger("epoch", d.SessionEpoch);
            w.WriteInteger("lastSeq", d.SessionLastSequence);
            w.WriteString("status", StatusName(d.Status));
            w.WriteString("reason", d.Reason);
            w.WriteNumber("requestedSupplyTemperatureCelsius", d.RequestedSupplyTemperatureCelsius, 2);
            w.WriteNumber("appliedSupplyTemperatureCelsius", d.AppliedSupplyTemperatureCelsius, 2);
            w.WriteNumber("requestedDeltaPressureKpa", d.RequestedDeltaPressureKpa, 1);
            w.WriteNumber("appliedDeltaPressureKpa", d.AppliedDeltaPressureKpa, 1);
            w.WriteString("deltaPressureReason", d.DeltaPressureReason);
            w.WriteInteger("leaseSeconds", d.LeaseSeconds);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.EndObject();
            return w;
        }

        /// <summary>The acknowledgement of a command or configuration update: applied or rejected with its reason (revision ≥ 0 for configuration).</summary>
        public JsonMessageWriter ComposeResult(long sequence, bool applied, string reason, long revision)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteString("status", applied ? "applied" : "rejected");
            w.WriteEscapedString("reason", applied ? "applied" : reason);
            if (revision >= 0)
            {
                w.WriteInteger("revision", revision);
            }

            w.EndObject();
            return w;
        }

        /// <summary>An event: a rejected message, a lease expiry or resumption, a configuration change.</summary>
        public JsonMessageWriter ComposeEvent(long sequence, long uptimeMilliseconds, string name, string severity, string reason, string topic)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.WriteString("name", name);
            w.WriteString("severity", severity);
            w.WriteEscapedString("reason", reason);
            if (topic != null)
            {
                w.WriteEscapedString("topic", topic);
            }

            w.EndObject();
            return w;
        }

        /// <summary>An alarm raised or cleared (event name = alarm code; "state" raised/cleared; cleared alarms have severity OK).</summary>
        public JsonMessageWriter ComposeAlarm(long sequence, long uptimeMilliseconds, Alarm alarm, bool raised)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.WriteString("name", alarm.Code);
            w.WriteString("severity", raised ? SeverityName(alarm.Severity) : "OK");
            w.WriteString("state", raised ? "raised" : "cleared");
            w.WriteString("source", alarm.Source);
            w.WriteString("reason", alarm.Text);
            w.EndObject();
            return w;
        }

        /// <summary>The outcome of a valve auto-tune: the identified model and the proposed PI gains, or why it failed.</summary>
        public JsonMessageWriter ComposeTuningResult(long sequence, long uptimeMilliseconds, Control.RelayAutoTuneResult r)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.WriteString("name", r.Succeeded ? EventNames.AutoTuneCompleted : EventNames.AutoTuneFailed);
            w.WriteString("severity", r.Succeeded ? EventNames.SeverityOk : EventNames.SeverityWarning);
            w.WriteString("loop", "valve");
            w.WriteString("reason", r.Succeeded ? "model identified: proposed gains are not applied until configured" : TuningFailureText(r.Failure));
            if (r.Succeeded)
            {
                w.WriteNumber("processGainKelvinPerPercent", r.ProcessGain, 4);
                w.WriteNumber("timeConstantSeconds", r.TimeConstantSeconds, 1);
                w.WriteNumber("deadTimeSeconds", r.DeadTimeSeconds, 1);
                w.WriteNumber("simcProportionalGainPercentPerKelvin", r.SimcProportionalGain, 3);
                w.WriteNumber("simcIntegralTimeSeconds", r.SimcIntegralTimeSeconds, 1);
                w.WriteNumber("amigoProportionalGainPercentPerKelvin", r.AmigoProportionalGain, 3);
                w.WriteNumber("amigoIntegralTimeSeconds", r.AmigoIntegralTimeSeconds, 1);
            }

            w.EndObject();
            return w;
        }

        private static string TuningFailureText(Control.RelayAutoTuneFailure failure)
        {
            switch (failure)
            {
                case Control.RelayAutoTuneFailure.NoOscillation: return "no oscillation: the relay could not move the supply temperature across the setpoint";
                case Control.RelayAutoTuneFailure.Timeout: return "timeout: the oscillation did not settle in time";
                case Control.RelayAutoTuneFailure.GainNotIdentifiable: return "the process gain could not be identified";
                case Control.RelayAutoTuneFailure.ModelNotIdentifiable: return "the model could not be identified from the limit cycle";
                case Control.RelayAutoTuneFailure.Aborted: return "aborted";
                case Control.RelayAutoTuneFailure.InvalidConfiguration: return "invalid starting point";
                default: return "failed";
            }
        }

        /// <summary>A mode transition with its reason.</summary>
        public JsonMessageWriter ComposeModeChange(long sequence, long uptimeMilliseconds, CduMode from, CduMode to, string reason)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.WriteString("name", EventNames.ModeChanged);
            w.WriteString("severity", EventNames.SeverityOk);
            w.WriteString("from", FirmwareInfo.ModeName(from));
            w.WriteString("to", FirmwareInfo.ModeName(to));
            w.WriteString("reason", reason);
            w.EndObject();
            return w;
        }

        public static string StatusName(SetpointStatus status)
        {
            switch (status)
            {
                case SetpointStatus.Accepted: return "accepted";
                case SetpointStatus.Clamped: return "clamped";
                default: return "rejected";
            }
        }

        public static string SeverityName(AlarmSeverity severity)
        {
            switch (severity)
            {
                case AlarmSeverity.Critical: return "Critical";
                case AlarmSeverity.Warning: return "Warning";
                default: return "OK";
            }
        }

        public static string PumpStateName(PumpState state)
        {
            switch (state)
            {
                case PumpState.Running: return "running";
                case PumpState.Failed: return "failed";
                default: return "standby";
            }
        }

        private static void Measured(JsonMessageWriter w, string name, double value, bool valid, int decimals)
        {
            if (valid)
            {
                w.WriteNumber(name, value, decimals);
            }
            else
            {
                w.WriteNull(name);
            }
        }
    }
}
