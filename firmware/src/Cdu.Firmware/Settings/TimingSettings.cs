using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The control cycle's, telemetry's, start-up's and watchdog's times (cycle.*, telemetry.*, startup.*, watchdog.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class TimingSettings
    {
        private readonly double[] _values;

        internal TimingSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>cycle.periodMilliseconds (ms, 20 … 1000, default 100): Control cycle period.</summary>
        public int ControlPeriodMilliseconds
        {
            get { return (int)_values[ParameterTable.ControlPeriodMilliseconds]; }
            set { _values[ParameterTable.ControlPeriodMilliseconds] = value; }
        }

        /// <summary>telemetry.periodMilliseconds (ms, 200 … 10000, default 1000): Telemetry period.</summary>
        public int TelemetryPeriodMilliseconds
        {
            get { return (int)_values[ParameterTable.TelemetryPeriodMilliseconds]; }
            set { _values[ParameterTable.TelemetryPeriodMilliseconds] = value; }
        }

        /// <summary>startup.alarmSuppressionSeconds (s, 0 … 7200, default 1200): Process alarms (supply temperature band) are not raised this long after start-up; safety reactions are never suppressed.</summary>
        public int StartupAlarmSuppressionSeconds
        {
            get { return (int)_values[ParameterTable.StartupAlarmSuppressionSeconds]; }
            set { _values[ParameterTable.StartupAlarmSuppressionSeconds] = value; }
        }

        /// <summary>startup.flowProvingSeconds (s, 1 … 120, default 10): Start-up: pumps run this long, and flow must be proven, before the valve loop takes over.</summary>
        public int StartupFlowProvingSeconds
        {
            get { return (int)_values[ParameterTable.StartupFlowProvingSeconds]; }
            set { _values[ParameterTable.StartupFlowProvingSeconds] = value; }
        }

        /// <summary>watchdog.hangSeconds (s, 0.2 … 1.8, default 1): No completed control cycle for this long drives the outputs to their safe state (SAF-5: within 2 s).</summary>
        public double WatchdogHangSeconds
        {
            get { return _values[ParameterTable.WatchdogHangSeconds]; }
            set { _values[ParameterTable.WatchdogHangSeconds] = value; }
        }

        /// <summary>watchdog.overrunMilliseconds (ms, 50 … 1000, default 300): A control cycle taking longer than this is an overrun: safe outputs and a fault.</summary>
        public int WatchdogOverrunMilliseconds
        {
            get { return (int)_values[ParameterTable.WatchdogOverrunMilliseconds]; }
            set { _values[ParameterTable.WatchdogOverrunMilliseconds] = value; }
        }
    }
}
