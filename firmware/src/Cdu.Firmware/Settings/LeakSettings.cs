using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The leak-zone levels and reaction delay (leak.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class LeakSettings
    {
        private readonly double[] _values;

        internal LeakSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>leak.warningPercent (%, 1 … 100, default 20): Leak-zone level that raises LeakDetectedWarning.</summary>
        public double WarningPercent
        {
            get { return _values[ParameterTable.LeakWarningPercent]; }
            set { _values[ParameterTable.LeakWarningPercent] = value; }
        }

        /// <summary>leak.criticalPercent (%, 1 … 100, default 50): Leak-zone level that is critical: pumps stop, isolation closes, latched until reset (SAF-1).</summary>
        public double CriticalPercent
        {
            get { return _values[ParameterTable.LeakCriticalPercent]; }
            set { _values[ParameterTable.LeakCriticalPercent] = value; }
        }

        /// <summary>leak.reactionDelaySeconds (s, 0 … 0.8, default 0.5): A leak level must persist this long before the reaction (rejects spikes; SAF-1 allows 1 s in all).</summary>
        public double ReactionDelaySeconds
        {
            get { return _values[ParameterTable.LeakReactionDelaySeconds]; }
            set { _values[ParameterTable.LeakReactionDelaySeconds] = value; }
        }
    }
}
