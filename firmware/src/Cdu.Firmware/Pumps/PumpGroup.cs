using Cdu.Firmware.Io;

namespace Cdu.Firmware.Pumps
{
    /// <summary>
    /// N+1 secondary pumps. One lead runs at the demanded speed; the others stand by.
    /// - Failover (RED-1): the lead has failed when its drive's fault contact is set, or its speed feedback stays
    ///   below <c>pump.speedFeedbackFraction</c> of its command, or ΔP collapses below <c>pump.deltaPressureCollapseFraction</c>
    ///   of its setpoint, each for <c>pump.failureDetectSeconds</c>; the standby then starts at once at the lead's speed.
    /// - Rotation (RED-2): when the lead's run hours exceed the standby's by <c>pump.rotationHours</c>, the standby starts at the
    ///   lead's speed, both run for <c>pump.rotationOverlapSeconds</c> with the speed held, then the old lead stops — flow never dips.
    /// - Re-staging: a failed pump rejoins as standby after an operator reset with its fault contact clear.
    /// - Run hours per pump are counted here and kept by the controller across restarts.
    /// </summary>
    public sealed class PumpGroup
    {
        /// <summary>A drive's fault contact is trusted after this long (contact bounce), ms.</summary>
        public const long FaultContactMilliseconds = 200;

        private readonly PumpState[] _state = new PumpState[CduInputs.MaximumPumps];
        private readonly double[] _runSeconds = new double[CduInputs.MaximumPumps];
        private readonly long[] _suspectSince = new long[CduInputs.MaximumPumps];
        private readonly long[] _runningSince = new long[CduInputs.MaximumPumps];
        private int _count = 2;
        private int _lead;
        private int _incoming = -1;
        private long _rotationStartedMilliseconds;

        public PumpGroup()
        {
            for (int i = 0; i < _suspectSince.Length; i++)
            {
                _suspectSince[i] = -1;
                _runningSince[i] = -1;
            }
        }

        public int Count { get { return _count; } }

        public int Lead { get { return _lead; } }

        /// <summary>True while a rotation runs both pumps; the speed controller holds its output meanwhile.</summary>
        public bool Rotating { get { return _incoming >= 0; } }

        /// <summary>Failovers since start.</summary>
        public int Failovers { get; private set; }

        /// <summary>Rotations since start.</summary>
        public int Rotations { get; private set; }

        public PumpState State(int pump)
        {
            return _state[pump];
        }

        public double RunHours(int pump)
        {
            return _runSeconds[pump] / 3600.0;
        }

        /// <summary>Restores run-hour counters (from persistent storage at start-up).</summary>
        public void SetRunHours(int pump, double hours)
        {
            _runSeconds[pump] = hours * 3600.0;
        }

        /// <summary>True when a pump other than the lead is ready to take over.</summary>
        public bool StandbyAvailable
        {
            get { return NextStandby(_lead) >= 0; }
        }

        /// <summary>True when the lead itself is usable.</summary>
        public bool LeadAvailable
        {
            get { return _state[_lead] != PumpState.Failed; }
        }

        public void Configure(int count)
        {
            _count = count < 1 ? 1 : count > CduInputs.MaximumPumps ? CduInputs.MaximumPumps : count;
            if (_lead >= _count)
            {
                _lead = 0;
            }
        }

        /// <summary>
        /// One cycle. <paramref name="run"/> false stops every pump (shutdown). <paramref name="speedPercent"/> is the
        /// demanded speed. Returns the index of a pump that failed this cycle, or −1.
        /// </summary>
        public int Update(bool run, double speedPercent, CduInputs inputs, CduSettings settings, bool deltaPressureCollapsed,
            double sampleTimeSeconds, long nowMilliseconds, CduOutputs outputs)
        {
            int failed = -1;
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                if (i < _count && outputs.PumpRunCommand[i] && inputs.PumpSpeedFeedbackPercent[i] > 0)
                {
                    _runSeconds[i] += sampleTimeSeconds;
                }
            }

            if (run && _state[_lead] == PumpState.Running && !Rotating)
            {
                if (Suspect(_lead, inputs, settings, deltaPressureCollapsed, nowMilliseconds, outputs))
                {
                    failed = _lead;
                    FailOver(nowMilliseconds);
                }
            }

            if (run && _state[_lead] == PumpState.Failed)
            {
                int next = NextStandby(_lead);
                if (next >= 0)
                {
                    _lead = next;
                }
            }

            if (run && !Rotating && _state[_lead] != PumpState.Failed)
            {
                int standby = NextStandby(_lead);
                if (standby >= 0 && RunHours(_lead) - RunHours(standby) >= settings.Pump.RotationHours)
                {
                    _incoming = standby;
                    _rotationStartedMilliseconds = nowMilliseconds;
                    Start(standby, nowMilliseconds);
                }
            }

            if (Rotating && nowMilliseconds - _rotationStartedMilliseconds >= (long)settings.Pump.RotationOverlapSeconds * 1000)
            {
                _state[_lead] = PumpState.Standby;
                _runningSince[_lead] = -1;
                _lead = _incoming;
                _incoming = -1;
                Rotations++;
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                bool on = run && i < _count && _state[i] != PumpState.Failed && (i == _lead || i == _incoming);
                if (on && _state[i] == PumpState.Standby)
                {
                    Start(i, nowMilliseconds);
                }

                if (!on && _state[i] == PumpState.Running)
                {
                    _state[i] = PumpState.Standby;
                    _runningSince[i] = -1;
                }

                outputs.PumpRunCommand[i] = on;
                outputs.PumpSpeedCommandPercent[i] = on ? speedPercent : 0;
            }

            if (!run)
            {
                _incoming = -1;
            }

            return failed;
        }

        /// <summary>An operator's reset: every failed pump whose fault contact is clear becomes a standby again.</summary>
        public void Reset(CduInputs inputs)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_state[i] == PumpState.Failed && !inputs.PumpFault[i])
                {
                    _state[i] = PumpState.Standby;
                    _suspectSince[i] = -1;
                }
            }
        }

        private void Start(int pump, long nowMilliseconds)
        {
            _state[pump] = PumpState.Running;
            _runningSince[pump] = nowMilliseconds;
            _suspectSince[pump] = -1;
        }

        private void FailOver(long nowMilliseconds)
        {
            _state[_lead] = PumpState.Failed;
            _runningSince[_lead] = -1;
            Failovers++;
            int next = NextStandby(_lead);
            if (next >= 0)
            {
                _lead = next;
                Start(next, nowMilliseconds);
            }
        }

        // The lead is suspect when its fault contact is set, its speed lags its command, or ΔP collapsed (after a
        // start-up grace of twice the detection time, so that spin-up is not a failure); suspect for the detection time is failed.
        private bool Suspect(int pump, CduInputs inputs, CduSettings settings, bool deltaPressureCollapsed, long nowMilliseconds, CduOutputs lastOutputs)
        {
            long detect = (long)(settings.Pump.FailureDetectSeconds * 1000);
            bool started = _runningSince[pump] >= 0 && nowMilliseconds - _runningSince[pump] >= 2 * detect + 1000;
            bool faultContact = inputs.PumpFault[pump];
            bool suspect = faultContact
                || (started && inputs.PumpSpeedFeedbackPercent[pump] < settings.Pump.SpeedFeedbackFraction * lastOutputs.PumpSpeedCommandPercent[pump])
                || (started && deltaPressureCollapsed);
            if (faultContact && detect > FaultContactMilliseconds)
            {
                detect = FaultContactMilliseconds;
            }
            if (!suspect)
            {
                _suspectSince[pump] = -1;
                return false;
            }

            if (_suspectSince[pump] < 0)
            {
                _suspectSince[pump] = nowMilliseconds;
            }

            return nowMilliseconds - _suspectSince[pump] >= detect;
        }

        private int NextStandby(int from)
        {
            for (int k = 1; k < _count; k++)
            {
                int i = (from + k) % _count;
                if (_state[i] != PumpState.Failed)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
