using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The bounds of a supervisor setpoint lease (lease.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class LeaseSettings
    {
        private readonly double[] _values;

        internal LeaseSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>lease.minimumSeconds (s, 1 … 600, default 5): Shortest lease a setpoint request may carry.</summary>
        public int MinimumSeconds
        {
            get { return (int)_values[ParameterTable.LeaseMinimumSeconds]; }
            set { _values[ParameterTable.LeaseMinimumSeconds] = value; }
        }

        /// <summary>lease.maximumSeconds (s, 5 … 86400, default 600): Longest lease a setpoint request may carry.</summary>
        public int MaximumSeconds
        {
            get { return (int)_values[ParameterTable.LeaseMaximumSeconds]; }
            set { _values[ParameterTable.LeaseMaximumSeconds] = value; }
        }
    }
}
