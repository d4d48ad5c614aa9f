namespace Cdu.Firmware.Control
{
    /// <summary>
    /// Outcome of a <see cref="RelayAutoTuner"/> experiment: the limit cycle, the identified first-order-plus-dead-time
    /// model k·e^(−θs)/(τs + 1) and the PI gains proposed by SIMC and AMIGO. Owned and refilled by the tuner (one
    /// instance for its lifetime, nothing allocated per experiment); read it once <see cref="IsComplete"/> is true.
    /// </summary>
    public sealed class RelayAutoTuneResult
    {
        /// <summary>True once the experiment has ended, successfully or not.</summary>
        public bool IsComplete { get; private set; }

        /// <summary>True when the experiment ended with a model and gains.</summary>
        public bool Succeeded { get; private set; }

        /// <summary>Why the experiment failed (<see cref="RelayAutoTuneFailure.None"/> while running or after success).</summary>
        public RelayAutoTuneFailure Failure { get; private set; }

        /// <summary>Number of stable limit cycles averaged (0 until they are).</summary>
        public int CyclesUsed { get; private set; }

        /// <summary>Period of the limit cycle Pu, s (NaN until measured).</summary>
        public double OscillationPeriodSeconds { get; private set; }

        /// <summary>Amplitude of the limit cycle a (half its peak-to-peak), measurement units (NaN until measured).</summary>
        public double OscillationAmplitude { get; private set; }

        /// <summary>
        /// Describing-function estimate of the ultimate gain Ku = 4d/(π·a), output units per measurement unit, with d the
        /// relay amplitude (Åström &amp; Hägglund, Automatica 20(5), 1984). For information: the model below does not use it.
        /// </summary>
        public double UltimateGain { get; private set; }

        /// <summary>Static process gain k, measurement units per output unit, signed (negative for a direct-acting loop).</summary>
        public double ProcessGain { get; private set; }

        /// <summary>Time constant τ, s.</summary>
        public double TimeConstantSeconds { get; private set; }

        /// <summary>Dead time θ, s.</summary>
        public double DeadTimeSeconds { get; private set; }

        /// <summary>Controller action for the identified process (Reverse for k &gt; 0, Direct for k &lt; 0).</summary>
        public ControlAction Action { get; private set; }

        /// <summary>Closed-loop time constant τc the SIMC gains were computed with, s.</summary>
        public double SimcClosedLoopTimeConstantSeconds { get; private set; }

        /// <summary>SIMC PI proportional gain Kc = τ/(|k|(τc + θ)), output units per measurement unit.</summary>
        public double SimcProportionalGain { get; private set; }

        /// <summary>SIMC PI integral time Ti = min(τ, 4(τc + θ)), s.</summary>
        public double SimcIntegralTimeSeconds { get; private set; }

        /// <summary>AMIGO PI proportional gain, output units per measurement unit.</summary>
        public double AmigoProportionalGain { get; private set; }

        /// <summary>AMIGO PI integral time, s.</summary>
        public double AmigoIntegralTimeSeconds { get; private set; }

        internal void Clear()
        {
            IsComplete = false;
            Succeeded = false;
            Failure = RelayAutoTuneFailure.None;
            CyclesUsed = 0;
            OscillationPeriodSeconds = double.NaN;
            OscillationAmplitude = double.NaN;
            UltimateGain = double.NaN;
            ProcessGain = double.NaN;
            TimeConstantSeconds = double.NaN;
            DeadTimeSeconds = double.NaN;
            Action = ControlAction.Reverse;
            SimcClosedLoopTimeConstantSeconds = double.NaN;
            SimcProportionalGain = double.NaN;
            SimcIntegralTimeSeconds = double.NaN;
            AmigoProportionalGain = double.NaN;
            AmigoIntegralTimeSeconds = double.NaN;
        }

        internal void SetLimitCycle(double periodSeconds, double amplitude, double ultimateGain, int cycles)
        {
            OscillationPeriodSeconds = periodSeconds;
            OscillationAmplitude = amplitude;
            UltimateGain = ultimateGain;
            CyclesUsed = cycles;
        }

        internal void SetFailed(RelayAutoTuneFailure failure)
        {
            IsComplete = true;
            Succeeded = false;
            Failure = failure;
        }

        internal void SetSucceeded(double processGain, double timeConstantSeconds, double deadTimeSeconds, double closedLoopTimeConstantSeconds)
        {
            ProcessGain = processGain;
            TimeConstantSeconds = timeConstantSeconds;
            DeadTimeSeconds = deadTimeSeconds;
            Action = processGain < 0 ? ControlAction.Direct : ControlAction.Reverse;
            SimcClosedLoopTimeConstantSeconds = closedLoopTimeConstantSeconds > 0 ? closedLoopTimeConstantSeconds : deadTimeSeconds;
            SimcProportionalGain = PiTuningRules.SimcProportionalGain(processGain, timeConstantSeconds, deadTimeSeconds, closedLoopTimeConstantSeconds);
            SimcIntegralTimeSeconds = PiTuningRules.SimcIntegralTimeSeconds(timeConstantSeconds, deadTimeSeconds, closedLoopTimeConstantSeconds);
            AmigoProportionalGain = PiTuningRules.AmigoProportionalGain(processGain, timeConstantSeconds, deadTimeSeconds);
            AmigoIntegralTimeSeconds = PiTuningRules.AmigoIntegralTimeSeconds(timeConstantSeconds, deadTimeSeconds);
            IsComplete = true;
            Succeeded = true;
            Failure = RelayAutoTuneFailure.None;
        }
    }
}
