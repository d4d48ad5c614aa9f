namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Dry-run protection: pumps commanded on with valid flow below the dry-run flow, past the start-up flow-proving
    /// time, for the dry-run time, latch the dry-run condition (the pumps stop) until an operator resets it.
    /// </summary>
    public sealed class DryRunMonitor
    {
        private long _lowFlowSinceMilliseconds = -1;

        /// <summary>True while the dry-run condition is latched.</summary>
        public bool Latched { get; private set; }

        /// <param name="pumpsCommanded">Any pump commanded to run.</param>
        /// <param name="flowValid">The flow reading is valid.</param>
        /// <param name="flowLitersPerMinute">Secondary flow, L/min.</param>
        /// <param name="dryRunFlowLitersPerMinute">Flow below which the pumps run dry, L/min.</param>
        /// <param name="sinceStartupMilliseconds">Time since the start-up sequence began, ms.</param>
        /// <param name="provingMilliseconds">Start-up flow-proving time (no dry run before it), ms.</param>
        /// <param name="dryRunMilliseconds">How long low flow must last to latch, ms.</param>
        /// <param name="nowMilliseconds">Now, ms.</param>
        public void Update(bool pumpsCommanded, bool flowValid, double flowLitersPerMinute, double dryRunFlowLitersPerMinute,
            long sinceStartupMilliseconds, long provingMilliseconds, long dryRunMilliseconds, long nowMilliseconds)
        {
            bool lowFlow = pumpsCommanded && flowValid && flowLitersPerMinute < dryRunFlowLitersPerMinute;
            if (lowFlow && sinceStartupMilliseconds >= provingMilliseconds)
            {
                if (_lowFlowSinceMilliseconds < 0) _lowFlowSinceMilliseconds = nowMilliseconds;
                if (nowMilliseconds - _lowFlowSinceMilliseconds >= dryRunMilliseconds) Latched = true;
            }
            else
            {
                _lowFlowSinceMilliseconds = -1;
            }
        }

        /// <summary>An operator's reset: the latch and the low-flow timer are cleared.</summary>
        public void Reset()
        {
            Latched = false;
            _lowFlowSinceMilliseconds = -1;
        }
    }
}
