using Cdu.Firmware.Io;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Leak zones: a zone at or above the warning level for the reaction delay is a warning; at or above the
    /// critical level for the reaction delay it is critical, and the critical state latches — pumps stop and the
    /// isolation valves close (SAF-1: within 1 s of the leak) — until an operator resets it with the zone below
    /// its critical level. A zone whose reading is not a number counts as wet (a cut sensor cable must not hide a leak).
    /// </summary>
    public sealed class LeakMonitor
    {
        private readonly long[] _warningSince = new long[CduInputs.LeakZoneCount];
        private readonly long[] _criticalSince = new long[CduInputs.LeakZoneCount];
        private readonly bool[] _warning = new bool[CduInputs.LeakZoneCount];
        private readonly bool[] _critical = new bool[CduInputs.LeakZoneCount];
        private readonly double[] _levels = new double[CduInputs.LeakZoneCount];

        public LeakMonitor()
        {
            CriticalSinceMilliseconds = -1;
            for (int i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                _warningSince[i] = -1;
                _criticalSince[i] = -1;
            }
        }

        /// <summary>True while any zone's critical state is latched.</summary>
        public bool CriticalLatched { get; private set; }

        /// <summary>Time the critical state latched, ms (−1 when not latched).</summary>
        public long CriticalSinceMilliseconds { get; private set; }

        public bool Warning(int zone)
        {
            return _warning[zone];
        }

        public bool Critical(int zone)
        {
            return _critical[zone];
        }

        public void Update(double[] levelsPercent, double warningPercent, double criticalPercent, long reactionDelayMilliseconds, long nowMilliseconds)
        {
            for (int zone = 0; zone < _levels.Length; zone++)
            {
                double level = levelsPercent[zone];
                if (double.IsNaN(level))
                {
                    level = 100;
                }

                _levels[zone] = level;
                _warning[zone] = Persisted(level >= warningPercent, _warningSince, zone, reactionDelayMilliseconds, nowMilliseconds);
                bool critical = Persisted(level >= criticalPercent, _criticalSince, zone, reactionDelayMilliseconds, nowMilliseconds);
                if (critical)
                {
                    _critical[zone] = true;
                    if (!CriticalLatched)
                    {
                        CriticalLatched = true;
                        CriticalSinceMilliseconds = nowMilliseconds;
                    }
                }
            }
        }

        /// <summary>An operator's reset: clears the latch of every zone that is no longer critical. Returns true when no latch remains.</summary>
        public bool Reset(double criticalPercent)
        {
            bool any = false;
            for (int zone = 0; zone < _levels.Length; zone++)
            {
                if (_critical[zone] && _levels[zone] < criticalPercent)
                {
                    _critical[zone] = false;
                    _criticalSince[zone] = -1;
                }

                any |= _critical[zone];
            }

            CriticalLatched = any;
            if (!any)
            {
                CriticalSinceMilliseconds = -1;
            }

            return !any;
        }

        private static bool Persisted(bool condition, long[] since, int zone, long delayMilliseconds, long nowMilliseconds)
        {
            if (!condition)
            {
                since[zone] = -1;
                return false;
            }

            if (since[zone] < 0)
            {
                since[zone] = nowMilliseconds;
            }

            return nowMilliseconds - since[zone] >= delayMilliseconds;
        }
    }
}
