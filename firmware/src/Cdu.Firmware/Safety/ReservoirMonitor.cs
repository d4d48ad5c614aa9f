namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Reservoir level: below the low level it warns; below the low-low level for the reaction delay the pumps
    /// must stop (SAF-2: within 1 s) and stay stopped — latched — until an operator resets with the level back
    /// above the low level. A level that is not a number counts as empty.
    /// </summary>
    public sealed class ReservoirMonitor
    {
        private long _lowLowSince = -1;

        public bool Low { get; private set; }

        public bool LowLowLatched { get; private set; }

        public double LevelPercent { get; private set; }

        public void Update(double levelPercent, double lowPercent, double lowLowPercent, long reactionDelayMilliseconds, long nowMilliseconds)
        {
            LevelPercent = double.IsNaN(levelPercent) ? 0 : levelPercent;
            Low = LevelPercent < lowPercent;
            if (LevelPercent < lowLowPercent)
            {
                if (_lowLowSince < 0)
                {
                    _lowLowSince = nowMilliseconds;
                }

                if (nowMilliseconds - _lowLowSince >= reactionDelayMilliseconds)
                {
                    LowLowLatched = true;
                }
            }
            else
            {
                _lowLowSince = -1;
            }
        }

        /// <summary>An operator's reset: clears the latch when the level is back above the low level.</summary>
        public bool Reset(double lowPercent)
        {
            if (LowLowLatched && LevelPercent >= lowPercent)
            {
                LowLowLatched = false;
            }

            return !LowLowLatched;
        }
    }
}
