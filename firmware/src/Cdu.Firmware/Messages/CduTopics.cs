namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// The MQTT topics of one CDU under contract v1 (docs/mqtt.md), built once at start-up from a validated
    /// site and CDU id: <c>cooling/v1/{site}/cdu/{cdu}/{leaf}</c>.
    /// </summary>
    public sealed class CduTopics
    {
        public const string Namespace = "cooling/v1/";

        public CduTopics(string siteId, string cduId)
        {
            if (!IsValidId(siteId))
            {
                throw new System.ArgumentException("The site id must be 1 to 32 characters of a-z, 0-9, '-' or '_'.", nameof(siteId));
            }

            if (!IsValidId(cduId))
            {
                throw new System.ArgumentException("The CDU id must be 1 to 32 characters of a-z, 0-9, '-' or '_'.", nameof(cduId));
            }

            string root = Namespace + siteId + "/cdu/" + cduId + "/";
            Telemetry = root + "telemetry";
            State = root + "state";
            Event = root + "event";
            SetpointRequest = root + "setpoint/request";
            SetpointAcknowledgement = root + "setpoint/ack";
            Command = root + "command";
            CommandAcknowledgement = root + "command/ack";
            ConfigurationSet = root + "config/set";
            ConfigurationGet = root + "config/get";
            ConfigurationAcknowledgement = root + "config/ack";
            ConfigurationDocument = root + "config/document";
        }

        /// <summary>Operator → CDU commands (reset, shutdown, start, manual, automatic), QoS 1.</summary>
        public string Command { get; private set; }

        /// <summary>CDU → acknowledgement of a command, QoS 1.</summary>
        public string CommandAcknowledgement { get; private set; }

        /// <summary>Technician → CDU configuration update (some parameters, or a whole document), QoS 1.</summary>
        public string ConfigurationSet { get; private set; }

        /// <summary>Technician → CDU: publish the whole configuration document, QoS 1.</summary>
        public string ConfigurationGet { get; private set; }

        /// <summary>CDU → acknowledgement of a configuration update, QoS 1.</summary>
        public string ConfigurationAcknowledgement { get; private set; }

        /// <summary>CDU → the whole configuration document (export), QoS 1.</summary>
        public string ConfigurationDocument { get; private set; }

        /// <summary>CDU → telemetry at 1 Hz, QoS 0, not retained.</summary>
        public string Telemetry { get; private set; }

        /// <summary>CDU → birth and state, QoS 1, retained; also the last-will topic (offline).</summary>
        public string State { get; private set; }

        /// <summary>CDU → events (rejections, mode changes, alarms), QoS 1, not retained.</summary>
        public string Event { get; private set; }

        /// <summary>Supervisor → CDU setpoint requests, QoS 1, not retained.</summary>
        public string SetpointRequest { get; private set; }

        /// <summary>CDU → supervisor acknowledgements of setpoint requests, QoS 1, not retained.</summary>
        public string SetpointAcknowledgement { get; private set; }

        /// <summary>True when <paramref name="id"/> is 1 … 32 characters of a-z, 0-9, '-' or '_'.</summary>
        public static bool IsValidId(string id)
        {
            if (id == null || id.Length == 0 || id.Length > 32)
            {
                return false;
            }

            for (int i = 0; i < id.Length; i++)
            {
                char c = id[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
