namespace Cdu.Firmware.Alarms
{
    /// <summary>One alarm slot: a code on a source (e.g. LeakDetectedCritical on zone2), its severity and state.</summary>
    public sealed class Alarm
    {
        public Alarm(string code, string source, AlarmSeverity severity, string text)
        {
            Code = code;
            Source = source;
            Severity = severity;
            Text = text;
        }

        public string Code { get; private set; }

        /// <summary>What raised it: a pump, a zone, a sensor, "supply", "reservoir", …</summary>
        public string Source { get; private set; }

        public AlarmSeverity Severity { get; private set; }

        /// <summary>Fixed English sentence for operators.</summary>
        public string Text { get; private set; }

        public bool Active { get; internal set; }

        /// <summary>When it was raised, ms of uptime (−1 when inactive).</summary>
        public long RaisedAtMilliseconds { get; internal set; }
    }
}
