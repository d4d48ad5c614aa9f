using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The three-way valve's loop, limits and safe position (valve.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class ValveSettings
    {
        private readonly double[] _values;

        internal ValveSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>valve.proportionalGainPercentPerKelvin (%/K, 0.1 … 100, default 6): Valve loop proportional gain.</summary>
        public double ProportionalGainPercentPerKelvin
        {
            get { return _values[ParameterTable.ValveProportionalGainPercentPerKelvin]; }
            set { _values[ParameterTable.ValveProportionalGainPercentPerKelvin] = value; }
        }

        /// <summary>valve.integralTimeSeconds (s, 1 … 3600, default 60): Valve loop integral time.</summary>
        public double IntegralTimeSeconds
        {
            get { return _values[ParameterTable.ValveIntegralTimeSeconds]; }
            set { _values[ParameterTable.ValveIntegralTimeSeconds] = value; }
        }

        /// <summary>valve.minimumPercent (%, 0 … 100, default 0): Valve command lower limit.</summary>
        public double MinimumPercent
        {
            get { return _values[ParameterTable.ValveMinimumPercent]; }
            set { _values[ParameterTable.ValveMinimumPercent] = value; }
        }

        /// <summary>valve.maximumPercent (%, 0 … 100, default 100): Valve command upper limit.</summary>
        public double MaximumPercent
        {
            get { return _values[ParameterTable.ValveMaximumPercent]; }
            set { _values[ParameterTable.ValveMaximumPercent] = value; }
        }

        /// <summary>valve.slewPercentPerSecond (%/s, 0.1 … 100, default 2): Fastest the valve command moves (CTL-4); the actuator strokes 100 % in about 120 s.</summary>
        public double SlewPercentPerSecond
        {
            get { return _values[ParameterTable.ValveSlewPercentPerSecond]; }
            set { _values[ParameterTable.ValveSlewPercentPerSecond] = value; }
        }

        /// <summary>valve.safePositionPercent (%, 0 … 100, default 70): Valve position when the supply temperature cannot be measured or the cycle hangs.</summary>
        public double SafePositionPercent
        {
            get { return _values[ParameterTable.ValveSafePositionPercent]; }
            set { _values[ParameterTable.ValveSafePositionPercent] = value; }
        }

        /// <summary>valve.feedforwardPercentPerKilowatt (%/kW, 0 … 1, default 0): Feedforward from the supervisor's announced IT load (0 = off).</summary>
        public double FeedforwardPercentPerKilowatt
        {
            get { return _values[ParameterTable.ValveFeedforwardPercentPerKilowatt]; }
            set { _values[ParameterTable.ValveFeedforwardPercentPerKilowatt] = value; }
        }
    }
}
