using Cdu.Firmware.Io;
using Cdu.Firmware.Link;

namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// Writes the CDU's outbound messages of contract v1 (docs/mqtt.md) into one reusable buffer.
    /// Field names carry their units; an invalid sensor is written as null.
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
        public JsonMessageWriter ComposeTelemetry(CduTelemetrySnapshot s, CduInputs inputs, CduOutputs outputs)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", s.Sequence);
            w.WriteInteger("uptimeMilliseconds", s.UptimeMilliseconds);
            w.WriteString("mode", FirmwareInfo.ModeName(s.Mode));
            w.WriteString("setpointSource", s.LeaseActive ? "supervisor" : "local");
            WriteSensor(w, "supplyTemperatureCelsius", inputs.SupplyTemperatureCelsius, inputs.SupplyTemperatureValid, 2);
            WriteSensor(w, "returnTemperatureCelsius", inputs.ReturnTemperatureCelsius, inputs.ReturnTemperatureValid, 2);
            w.WriteNumber("supplyTemperatureSetpointCelsius", s.EffectiveSetpointCelsius, 2);
            w.WriteNumber("supplyTemperatureTargetCelsius", s.TargetSetpointCelsius, 2);
            WriteSensor(w, "facilitySupplyTemperatureCelsius", inputs.FacilitySupplyTemperatureCelsius, inputs.FacilitySupplyTemperatureValid, 2);
            WriteSensor(w, "facilityReturnTemperatureCelsius", inputs.FacilityReturnTemperatureCelsius, inputs.FacilityReturnTemperatureValid, 2);
            WriteSensor(w, "flowLitersPerMinute", inputs.FlowLitersPerMinute, inputs.FlowValid, 1);
            WriteSensor(w, "deltaPressureKpa", inputs.DeltaPressureKpa, inputs.DeltaPressureValid, 1);
            WriteSensor(w, "valvePositionPercent", inputs.ValvePositionPercent, inputs.ValvePositionValid, 1);
            w.WriteNumber("valveCommandPercent", outputs.ValveCommandPercent, 1);
            w.WriteNumber("pumpSpeedPercent", outputs.PumpRunCommand ? outputs.PumpSpeedCommandPercent : 0, 1);
            w.WriteNumber("dewPointCelsius", s.DewPointCelsius, 1);
            w.WriteInteger("lastRequestSeq", s.LastRequestSequence);
            w.WriteNumber("leaseRemainingSeconds", s.LeaseRemainingMilliseconds / 1000.0, 1);
            w.WriteInteger("rejectedMessages", s.RejectedMessages);
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
            w.WriteString("status", StatusName(d.Status));
            w.WriteString("reason", d.Reason);
            w.WriteNumber("requestedSupplyTemperatureCelsius", d.RequestedSupplyTemperatureCelsius, 2);
            w.WriteNumber("appliedSupplyTemperatureCelsius", d.AppliedSupplyTemperatureCelsius, 2);
            w.WriteInteger("leaseSeconds", d.LeaseSeconds);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.EndObject();
            return w;
        }

        /// <summary>An event: a mode change, a lease expiry, a rejected message.</summary>
        public JsonMessageWriter ComposeEvent(long sequence, long uptimeMilliseconds, string name, string severity, string reason, string topic)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("v", FirmwareInfo.ContractVersion);
            w.WriteInteger("seq", sequence);
            w.WriteInteger("uptimeMilliseconds", uptimeMilliseconds);
            w.WriteString("name", name);
            w.WriteString("severity", severity);
            w.WriteString("reason", reason);
            if (topic != null)
            {
                w.WriteEscapedString("topic", topic);
            }

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

        private static void WriteSensor(JsonMessageWriter w, string name, double value, bool valid, int decimals)
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
