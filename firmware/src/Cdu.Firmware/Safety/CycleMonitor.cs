namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Program-sequence monitoring of the control cycle (IEC 61508-7 A.9 "program sequence monitoring"): every
    /// stage of a cycle checks in with its own key, in order; a cycle whose keys do not add up, or that took
    /// longer than the overrun limit, is a fault. A hang — no completed cycle at all — cannot be seen from inside
    /// the cycle: the host's independent watchdog (a timer thread on .NET, a hardware watchdog on the device)
    /// calls <see cref="IsHung"/> and, when true, drives the safe outputs itself.
    /// </summary>
    public sealed class CycleMonitor
    {
        /// <summary>Stage keys, checked in this order.</summary>
        public const int StageInputs = 0x1;
        public const int StageMessages = 0x2;
        public const int StageSafety = 0x4;
        public const int StageLoops = 0x8;
        public const int StageOutputs = 0x10;

        private const int AllStages = StageInputs | StageMessages | StageSafety | StageLoops | StageOutputs;

        private long _cycleStartMilliseconds;
        private int _passed;
        private int _lastStage;
        private bool _outOfOrder;
        private long _lastCompletedMilliseconds = -1;
        private readonly object _gate = new object();

        /// <summary>Cycles that failed the sequence check or overran, since start.</summary>
        public long Faults { get; private set; }

        /// <summary>Why the last fault happened: "sequence" or "overrun" (null before any).</summary>
        public string LastFault { get; private set; }

        public void BeginCycle(long nowMilliseconds)
        {
            _cycleStartMilliseconds = nowMilliseconds;
            _passed = 0;
            _lastStage = 0;
            _outOfOrder = false;
        }

        /// <summary>A stage checks in. Stages must come in ascending key order, each once.</summary>
        public void Pass(int stage)
        {
            if (stage <= _lastStage || (_passed & stage) != 0)
            {
                _outOfOrder = true;
            }

            _passed |= stage;
            _lastStage = stage;
        }

        /// <summary>Ends the cycle; returns false (a fault) when a stage was skipped or out of order, or the cycle overran.</summary>
        public bool EndCycle(long nowMilliseconds, long overrunMilliseconds)
        {
            bool sequenceOk = _passed == AllStages && !_outOfOrder;
            bool timeOk = nowMilliseconds - _cycleStartMilliseconds <= overrunMilliseconds;
            lock (_gate)
            {
                _lastCompletedMilliseconds = nowMilliseconds;
            }

            if (sequenceOk && timeOk)
            {
                return true;
            }

            Faults++;
            LastFault = sequenceOk ? "overrun" : "sequence";
            return false;
        }

        /// <summary>Called by the host's watchdog, from any thread: true when no cycle completed for <paramref name="hangMilliseconds"/>.</summary>
        public bool IsHung(long nowMilliseconds, long hangMilliseconds)
        {
            lock (_gate)
            {
                return _lastCompletedMilliseconds >= 0 && nowMilliseconds - _lastCompletedMilliseconds > hangMilliseconds;
            }
        }
    }
}
