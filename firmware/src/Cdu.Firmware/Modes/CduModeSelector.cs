namespace Cdu.Firmware.Modes
{
    /// <summary>
    /// The CDU's mode and the priority that picks it. Each cycle the conditions call for one mode — by priority
    /// Fault, Shutdown, Startup, Manual, Degraded, Fallback, Automatic — and the selector moves there only along an
    /// edge of <see cref="CduModeTransitions"/> (from Shutdown, a disallowed move becomes the restart into Startup).
    /// It also keeps the start-up sequence (when it began, whether flow has been proven) and the fault hold of a
    /// failed control cycle.
    /// </summary>
    public sealed class CduModeSelector
    {
        private long _faultUntilMilliseconds = -1;

        public CduModeSelector()
        {
            Mode = CduMode.Startup;
            Previous = CduMode.Startup;
            StartupAtMilliseconds = -1;
        }

        public CduMode Mode { get; private set; }

        /// <summary>The mode before the last change.</summary>
        public CduMode Previous { get; private set; }

        /// <summary>Why the last change was made.</summary>
        public string Reason { get; private set; }

        /// <summary>When the current start-up sequence began, ms (−1 before the first cycle).</summary>
        public long StartupAtMilliseconds { get; private set; }

        /// <summary>True once flow has been proven since the last (re)start.</summary>
        public bool FlowProven { get; private set; }

        /// <summary>True while a failed control cycle holds the CDU in Fault.</summary>
        public bool FaultHeld { get { return _faultUntilMilliseconds >= 0; } }

        /// <summary>The first cycle: the start-up sequence begins.</summary>
        public void Boot(long nowMilliseconds)
        {
            StartupAtMilliseconds = nowMilliseconds;
        }

        /// <summary>Milliseconds since the current start-up sequence began.</summary>
        public long SinceStartupMilliseconds(long nowMilliseconds)
        {
            return nowMilliseconds - StartupAtMilliseconds;
        }

        /// <summary>A control cycle failed: Fault until <paramref name="untilMilliseconds"/> (SAF-5).</summary>
        public void HoldFault(long untilMilliseconds)
        {
            _faultUntilMilliseconds = untilMilliseconds;
        }

        /// <summary>Ends the fault hold once its time has come; true when it ended now.</summary>
        public bool ReleaseFaultWhenDue(long nowMilliseconds)
        {
            if (_faultUntilMilliseconds >= 0 && nowMilliseconds >= _faultUntilMilliseconds)
            {
                _faultUntilMilliseconds = -1;
                return true;
            }

            return false;
        }

        /// <summary>
        /// In Startup with flow not yet proven: flow is proven once it is valid, at least <paramref name="minimumFlow"/>
        /// and the proving time has passed since start-up.
        /// </summary>
        public void ProveFlow(bool flowValid, double flow, double minimumFlow, long provingMilliseconds, long nowMilliseconds)
        {
            if (Mode == CduMode.Startup && !FlowProven && flowValid && flow >= minimumFlow
                && nowMilliseconds - StartupAtMilliseconds >= provingMilliseconds)
            {
                FlowProven = true;
            }
        }

        /// <summary>
        /// Works out the mode the conditions call for and moves there when allowed. <paramref name="shutdownReason"/>
        /// is null unless a latched condition or the operator holds the pumps stopped. True when the mode changed
        /// (<see cref="Previous"/> and <see cref="Reason"/> say from where and why); a change into Startup restarts
        /// the start-up sequence.
        /// </summary>
        public bool Select(long nowMilliseconds, string shutdownReason, bool tuning, bool manual, bool degraded, bool leaseLost)
        {
            CduMode wanted;
            string reason;
            if (_faultUntilMilliseconds >= 0)
            {
                wanted = CduMode.Fault;
                reason = "control cycle monitoring failed: safe outputs";
            }
            else if (shutdownReason != null)
            {
                wanted = CduMode.Shutdown;
                reason = shutdownReason;
            }
            else if (Mode == CduMode.Shutdown || (Mode == CduMode.Startup && !FlowProven))
            {
                wanted = CduMode.Startup;
                reason = "pumps starting, proving flow";
            }
            else if (manual || tuning)
            {
                wanted = CduMode.Manual;
                reason = tuning ? "the valve loop is being auto-tuned" : "an actuator is in manual";
            }
            else if (degraded)
            {
                wanted = CduMode.Degraded;
                reason = "a sensor or the standby pump is lost";
            }
            else if (leaseLost)
            {
                wanted = CduMode.Fallback;
                reason = "supervisor lease expired";
            }
            else
            {
                wanted = CduMode.Automatic;
                reason = "all loops on their setpoints";
            }

            if (wanted == Mode)
            {
                return false;
            }

            if (!CduModeTransitions.IsAllowed(Mode, wanted))
            {
                if (Mode != CduMode.Shutdown)
                {
                    return false;
                }

                wanted = CduMode.Startup;
                reason = "restart after reset";
            }

            if (wanted == CduMode.Startup)
            {
                StartupAtMilliseconds = nowMilliseconds;
                FlowProven = false;
            }

            Previous = Mode;
            Mode = wanted;
            Reason = reason;
            return true;
        }
    }
}
