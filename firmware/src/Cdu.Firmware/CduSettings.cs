using Cdu.Firmware.Config;
using Cdu.Firmware.Settings;

namespace Cdu.Firmware
{
    /// <summary>
    /// The firmware's parameter values, one per entry of <see cref="ParameterTable"/> (where names, units, defaults
    /// and ranges live). A new instance holds the defaults. Typed properties, one group per area
    /// (<see cref="Valve"/>, <see cref="Pump"/>, <see cref="Leak"/>, …), read and write the values; a
    /// configuration document or update goes through <see cref="Config.ConfigurationStore"/> and is validated
    /// against the table before it gets here.
    /// </summary>
    public sealed class CduSettings
    {
        private readonly double[] _values = new double[ParameterTable.Count];

        public CduSettings()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = ParameterTable.Get(i).DefaultValue;
            }

            Timing = new TimingSettings(_values);
            Supply = new SupplySettings(_values);
            Valve = new ValveSettings(_values);
            Pump = new PumpSettings(_values);
            Sensor = new SensorSettings(_values);
            Leak = new LeakSettings(_values);
            Reservoir = new ReservoirSettings(_values);
            Filter = new FilterSettings(_values);
            Lease = new LeaseSettings(_values);
        }

        /// <summary>The value of parameter <paramref name="index"/> (a <see cref="ParameterTable"/> constant).</summary>
        public double Get(int index)
        {
            return _values[index];
        }

        /// <summary>Sets parameter <paramref name="index"/> without validation (callers validate against the table).</summary>
        public void Set(int index, double value)
        {
            _values[index] = value;
        }

        /// <summary>Copies every value from <paramref name="other"/>.</summary>
        public void CopyFrom(CduSettings other)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = other._values[i];
            }
        }

        /// <summary>
        /// Checks every value against its range and the rules between parameters. Returns null when valid, else a
        /// fixed-format reason naming the first offending parameter.
        /// </summary>
        public string Validate()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                if (!ParameterTable.Get(i).Accepts(_values[i]))
                {
                    return ParameterTable.Get(i).Name + ": outside its range or not a whole number";
                }
            }

            if (Supply.MinimumSetpointCelsius > Supply.MaximumSetpointCelsius) return "supply.minimumSetpointCelsius: must not exceed supply.maximumSetpointCelsius";
            if (Supply.FallbackSetpointCelsius < Supply.MinimumSetpointCelsius || Supply.FallbackSetpointCelsius > Supply.MaximumSetpointCelsius) return "supply.fallbackSetpointCelsius: must lie within the supply envelope";
            if (Valve.MinimumPercent > Valve.MaximumPercent) return "valve.minimumPercent: must not exceed valve.maximumPercent";
            if (Pump.MinimumSpeedPercent > Pump.MaximumSpeedPercent) return "pump.minimumSpeedPercent: must not exceed pump.maximumSpeedPercent";
            if (Leak.WarningPercent > Leak.CriticalPercent) return "leak.warningPercent: must not exceed leak.criticalPercent";
            if (Reservoir.LowLowPercent > Reservoir.LowPercent) return "reservoir.lowLowPercent: must not exceed reservoir.lowPercent";
            if (Lease.MinimumSeconds > Lease.MaximumSeconds) return "lease.minimumSeconds: must not exceed lease.maximumSeconds";
            if (Pump.DeltaPressureMinimumKpa > Pump.DeltaPressureMaximumKpa) return "pump.deltaPressureMinimumKpa: must not exceed pump.deltaPressureMaximumKpa";
            if (Sensor.TemperatureMinimumCelsius >= Sensor.TemperatureMaximumCelsius) return "sensor.temperatureMinimumCelsius: must be below sensor.temperatureMaximumCelsius";
            if (Timing.WatchdogOverrunMilliseconds < Timing.ControlPeriodMilliseconds) return "watchdog.overrunMilliseconds: must be at least cycle.periodMilliseconds";
            return null;
        }

        /// <summary>The control cycle's, telemetry's, start-up's and watchdog's times (cycle.*, telemetry.*, startup.*, watchdog.*).</summary>
        public TimingSettings Timing { get; }

        /// <summary>The supply temperature's envelope, dew-point guard and alarm band (supply.*).</summary>
        public SupplySettings Supply { get; }

        /// <summary>The three-way valve's loop, limits and safe position (valve.*).</summary>
        public ValveSettings Valve { get; }

        /// <summary>The pumps' loop, setpoints, limits, rotation and failure detection (pump.*).</summary>
        public PumpSettings Pump { get; }

        /// <summary>The transmitters' spans and the sensor plausibility checks (sensor.*).</summary>
        public SensorSettings Sensor { get; }

        /// <summary>The leak-zone levels and reaction delay (leak.*).</summary>
        public LeakSettings Leak { get; }

        /// <summary>The reservoir levels and reaction delay (reservoir.*).</summary>
        public ReservoirSettings Reservoir { get; }

        /// <summary>The coolant filter's service limit (filter.*).</summary>
        public FilterSettings Filter { get; }

        /// <summary>The bounds of a supervisor setpoint lease (lease.*).</summary>
        public LeaseSettings Lease { get; }
    }
}
