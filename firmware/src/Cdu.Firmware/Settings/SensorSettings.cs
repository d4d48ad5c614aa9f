using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The transmitters' spans and the sensor plausibility checks (sensor.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class SensorSettings
    {
        private readonly double[] _values;

        internal SensorSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>sensor.deltaPressureSpanKpa (kPa, 10 … 2000, default 400): ΔP transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double DeltaPressureSpanKpa
        {
            get { return _values[ParameterTable.DeltaPressureSpanKpa]; }
            set { _values[ParameterTable.DeltaPressureSpanKpa] = value; }
        }

        /// <summary>sensor.flowSpanLitersPerMinute (L/min, 10 … 20000, default 2000): Flow transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double FlowSpanLitersPerMinute
        {
            get { return _values[ParameterTable.FlowSpanLitersPerMinute]; }
            set { _values[ParameterTable.FlowSpanLitersPerMinute] = value; }
        }

        /// <summary>sensor.filterDeltaPressureSpanKpa (kPa, 10 … 2000, default 200): Filter ΔP transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double FilterDeltaPressureSpanKpa
        {
            get { return _values[ParameterTable.FilterDeltaPressureSpanKpa]; }
            set { _values[ParameterTable.FilterDeltaPressureSpanKpa] = value; }
        }

        /// <summary>sensor.temperatureMinimumCelsius (°C, -50 … 50, default -10): Lowest plausible coolant temperature; below: out of range (an RTD short reads far lower).</summary>
        public double TemperatureMinimumCelsius
        {
            get { return _values[ParameterTable.TemperatureMinimumCelsius]; }
            set { _values[ParameterTable.TemperatureMinimumCelsius] = value; }
        }

        /// <summary>sensor.temperatureMaximumCelsius (°C, 40 … 200, default 90): Highest plausible coolant temperature; above: out of range (an RTD open reads far higher).</summary>
        public double TemperatureMaximumCelsius
        {
            get { return _values[ParameterTable.TemperatureMaximumCelsius]; }
            set { _values[ParameterTable.TemperatureMaximumCelsius] = value; }
        }

        /// <summary>sensor.temperatureRateLimitKelvinPerSecond (K/s, 0.5 … 100, default 5): A temperature changing faster than this is a sensor fault, not the process.</summary>
        public double TemperatureRateLimitKelvinPerSecond
        {
            get { return _values[ParameterTable.TemperatureRateLimitKelvinPerSecond]; }
            set { _values[ParameterTable.TemperatureRateLimitKelvinPerSecond] = value; }
        }

        /// <summary>sensor.stuckSeconds (s, 5 … 3600, default 60): A reading that does not change at all for this long is stuck.</summary>
        public double StuckSeconds
        {
            get { return _values[ParameterTable.SensorStuckSeconds]; }
            set { _values[ParameterTable.SensorStuckSeconds] = value; }
        }

        /// <summary>sensor.recoverySeconds (s, 1 … 600, default 10): A faulted sensor is trusted again after this long healthy.</summary>
        public double RecoverySeconds
        {
            get { return _values[ParameterTable.SensorRecoverySeconds]; }
            set { _values[ParameterTable.SensorRecoverySeconds] = value; }
        }

        /// <summary>sensor.supplyDisagreementKelvin (K, 0.2 … 10, default 1): A redundant supply sensor off the others' median by more than this…</summary>
        public double SupplyDisagreementKelvin
        {
            get { return _values[ParameterTable.SupplyDisagreementKelvin]; }
            set { _values[ParameterTable.SupplyDisagreementKelvin] = value; }
        }

        /// <summary>sensor.supplyDisagreementSeconds (s, 1 … 600, default 30): …for this long is dropped from the vote (Lenovo RM100: 1 °C for 30 s).</summary>
        public double SupplyDisagreementSeconds
        {
            get { return _values[ParameterTable.SupplyDisagreementSeconds]; }
            set { _values[ParameterTable.SupplyDisagreementSeconds] = value; }
        }
    }
}
