using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The reservoir levels and reaction delay (reservoir.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class ReservoirSettings
    {
        private readonly double[] _values;

        internal ReservoirSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>reservoir.lowPercent (%, 1 … 100, default 30): Reservoir level that raises a low-level warning.</summary>
        public double LowPercent
        {
            get { return _values[ParameterTable.ReservoirLowPercent]; }
            set { _values[ParameterTable.ReservoirLowPercent] = value; }
        }

        /// <summary>reservoir.lowLowPercent (%, 0 … 100, default 10): Reservoir level at which the pumps stop (SAF-2).</summary>
        public double LowLowPercent
        {
            get { return _values[ParameterTable.ReservoirLowLowPercent]; }
            set { _values[ParameterTable.ReservoirLowLowPercent] = value; }
        }

        /// <summary>reservoir.reactionDelaySeconds (s, 0 … 0.8, default 0.5): A low-low level must persist this long before the pumps stop (SAF-2 allows 1 s in all).</summary>
        public double ReactionDelaySeconds
        {
            get { return _values[ParameterTable.ReservoirReactionDelaySeconds]; }
            set { _values[ParameterTable.ReservoirReactionDelaySeconds] = value; }
        }
    }
}
