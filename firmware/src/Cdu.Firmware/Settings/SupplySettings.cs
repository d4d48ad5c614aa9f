using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The supply temperature's envelope, dew-point guard and alarm band (supply.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class SupplySettings
    {
        private readonly double[] _values;

        internal SupplySettings(double[] values)
        {
            _values = values;
        }

        /// <summary>supply.fallbackSetpointCelsius (°C, 18 … 45, default 27): Local supply-temperature setpoint used without a supervisor lease.</summary>
        public double FallbackSetpointCelsius
        {
            get { return _values[ParameterTable.FallbackSupplyTemperatureCelsius]; }
            set { _values[ParameterTable.FallbackSupplyTemperatureCelsius] = value; }
        }

        /// <summary>supply.minimumSetpointCelsius (°C, 5 … 45, default 18): Lowest supply setpoint the envelope allows.</summary>
        public double MinimumSetpointCelsius
        {
            get { return _values[ParameterTable.SupplyTemperatureMinimumCelsius]; }
            set { _values[ParameterTable.SupplyTemperatureMinimumCelsius] = value; }
        }

        /// <summary>supply.maximumSetpointCelsius (°C, 18 … 60, default 45): Highest supply setpoint the envelope allows (ASHRAE W45).</summary>
        public double MaximumSetpointCelsius
        {
            get { return _values[ParameterTable.SupplyTemperatureMaximumCelsius]; }
            set { _values[ParameterTable.SupplyTemperatureMaximumCelsius] = value; }
        }

        /// <summary>supply.slewKelvinPerMinute (K/min, 0.1 … 10, default 2): Fastest the working supply setpoint moves.</summary>
        public double SlewKelvinPerMinute
        {
            get { return _values[ParameterTable.SupplyTemperatureSlewKelvinPerMinute]; }
            set { _values[ParameterTable.SupplyTemperatureSlewKelvinPerMinute] = value; }
        }

        /// <summary>supply.dewPointMarginKelvin (K, 0.5 … 10, default 2): The supply is never commanded below dew point + this margin (SAF-3).</summary>
        public double DewPointMarginKelvin
        {
            get { return _values[ParameterTable.DewPointMarginKelvin]; }
            set { _values[ParameterTable.DewPointMarginKelvin] = value; }
        }

        /// <summary>supply.assumedDewPointCelsius (°C, -10 … 30, default 15): Dew point assumed while the ambient temperature or humidity sensor is invalid.</summary>
        public double AssumedDewPointCelsius
        {
            get { return _values[ParameterTable.AssumedDewPointCelsius]; }
            set { _values[ParameterTable.AssumedDewPointCelsius] = value; }
        }

        /// <summary>supply.alarmBandKelvin (K, 0.5 … 10, default 2): Supply-temperature high/low alarm when off its setpoint by more than this (Lenovo RM100: ±2 °C).</summary>
        public double AlarmBandKelvin
        {
            get { return _values[ParameterTable.SupplyAlarmBandKelvin]; }
            set { _values[ParameterTable.SupplyAlarmBandKelvin] = value; }
        }

        /// <summary>supply.alarmDelaySeconds (s, 0 … 3600, default 120): …held for this long (Lenovo RM100: 2 min).</summary>
        public int AlarmDelaySeconds
        {
            get { return (int)_values[ParameterTable.SupplyAlarmDelaySeconds]; }
            set { _values[ParameterTable.SupplyAlarmDelaySeconds] = value; }
        }

        /// <summary>supply.alarmHysteresisKelvin (K, 0.1 … 5, default 1): …and cleared when back within the band minus this (Lenovo RM100: 1 °C).</summary>
        public double AlarmHysteresisKelvin
        {
            get { return _values[ParameterTable.SupplyAlarmHysteresisKelvin]; }
            set { _values[ParameterTable.SupplyAlarmHysteresisKelvin] = value; }
        }
    }
}
