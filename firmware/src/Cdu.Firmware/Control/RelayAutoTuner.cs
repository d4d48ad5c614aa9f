using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// Relay-feedback auto-tuner (Åström &amp; Hägglund, "Automatic tuning of simple regulators with specifications on
    /// phase and amplitude margins", Automatica 20(5), 1984) that identifies a first-order-plus-dead-time model
    ///   τ·dy/dt + y = k·u(t − θ) + c
    /// and proposes PI gains by SIMC and AMIGO (<see cref="PiTuningRules"/>).
    /// <para>
    /// Experiment. The process rests at output u0 and measurement y0 (<see cref="Start"/>). The relay then applies
    /// u0 + bias offset ± d (within the output limits): the level that drives the measurement up while y &lt; r − ε,
    /// the level that drives it down once y &gt; r + ε. A cycle runs from one switch to the down level to the next. When
    /// <see cref="RequiredStableCycles"/> consecutive cycles repeat the previous one's period and peak-to-peak within
    /// <see cref="StabilityTolerance"/> plus what sampling explains (the first cycle never counts), their averages are used.
    /// </para>
    /// <para>
    /// Identification, exact for the model above rather than the describing-function approximation (which misses Pu by
    /// some 50 % on lag-dominant processes); the same segment-wise analysis of the limit cycle as Kaya &amp; Atherton,
    /// "Parameter estimation from relay autotuning with asymmetric limit cycle data", J. Process Control 11, 2001:
    /// <list type="number">
    /// <item>Gain from the averages over whole cycles (biased relay, Shen, Wu &amp; Yu, AIChE J. 42(4), 1996): in a periodic
    /// steady state mean(y) − y0 = k·(mean(u) − u0), so k = (mean(y) − y0)/(mean(u) − u0). The relay's duty cycle moves
    /// mean(u) by about (r − y0)/k, so put the setpoint away from y0 (a few amplitudes) or use <see cref="BiasOffset"/>.</item>
    /// <item>Asymptotes Y↑ = y0 + k·(U↑ − u0), Y↓ = y0 + k·(U↓ − u0). The process input sits at U↓ for exactly the down
    /// time T↓ (shifted by θ), during which y falls from its peak ŷ to its trough y̌: y̌ − Y↓ = (ŷ − Y↓)·e^(−T↓/τ), and
    /// likewise up. Over the period P = T↓ + T↑:  τ = P / [ln((ŷ − Y↓)/(y̌ − Y↓)) + ln((Y↑ − y̌)/(Y↑ − ŷ))].</item>
    /// <item>For θ after each switch y keeps heading for the old asymptote: ŷ − Y↑ = (y_s↓ − Y↑)·e^(−θ/τ), with y_s↓ the
    /// measurement at the switch; θ = τ·ln((Y↑ − y_s↓)/(Y↑ − ŷ)), averaged with the mirror expression at the trough.</item>
    /// </list>
    /// Noise inflates the peaks: set the hysteresis ε above the noise band (or filter the measurement; the filter's lag then
    /// becomes part of the model, as it is part of the loop). Sampling adds up to one sample time to θ. On a process with a
    /// second significant lag the fit puts it into τ (a 60 s + 10 s lag came out as τ ≈ 120 s), which makes the SIMC gains
    /// aggressive (≈ 30 % overshoot there); AMIGO stays conservative.
    /// </para>
    /// Call <see cref="Update"/> once per cycle and apply <see cref="Output"/>; when the experiment ends the output returns to
    /// u0 and <see cref="Result"/> is complete. Allocates nothing after construction.
    /// </summary>
    public sealed class RelayAutoTuner
    {
        private readonly RelayAutoTuneResult _result = new RelayAutoTuneResult();

        private double _setpoint;
        private double _restingOutput;
        private double _restingMeasurement;
        private double _outputUp;          // relay level that drives the measurement up
        private double _outputDown;        // relay level that drives the measurement down
        private bool _relayUp;
        private bool _running;
        private double _elapsedSeconds;
        private double _sinceSwitchSeconds;
        private double _lastMeasurement;
        private bool _lastMeasurementValid;

        // The cycle in progress: from a switch to the down level, through the switch to the up level, to the next switch down.
        private bool _inCycle;
        private readonly RelayCycle _cycle = new RelayCycle();

        private int _completedCycles;
        private bool _havePrevious;
        private double _previousPeriodSeconds;
        private double _previousPeakToPeak;

        // Sums over the current run of stable cycles.
        private readonly RelayCycleAverages _stable = new RelayCycleAverages();

        /// <param name="action">Action of the loop to tune: Reverse when a higher output raises the measurement, Direct when it lowers it.</param>
        /// <param name="amplitude">Relay amplitude d, output units (&gt; 0).</param>
        /// <param name="hysteresis">Half-width ε of the switching band around the setpoint, measurement units (≥ 0; above the noise).</param>
        /// <param name="outputMinimum">Lower output limit, output units.</param>
        /// <param name="outputMaximum">Upper output limit, output units.</param>
        /// <param name="timeoutSeconds">Longest experiment, s (&gt; 0; some 10 expected periods).</param>
        public RelayAutoTuner(ControlAction action, double amplitude, double hysteresis, double outputMinimum, double outputMaximum,
            double timeoutSeconds)
        {
            Action = action;
            Amplitude = amplitude;
            Hysteresis = hysteresis;
            OutputMinimum = outputMinimum;
            OutputMaximum = outputMaximum;
            TimeoutSeconds = timeoutSeconds;
            RequiredStableCycles = 3;
            StabilityTolerance = 0.05;
            MinimumAverageShiftFraction = 0.05;
            _result.Clear();
        }

        /// <summary>Action of the loop being tuned (sets the relay's direction).</summary>
        public ControlAction Action { get; }

        /// <summary>Relay amplitude d, output units (&gt; 0).</summary>
        public double Amplitude { get; }

        /// <summary>Half-width ε of the switching band, measurement units (≥ 0).</summary>
        public double Hysteresis { get; }

        /// <summary>Lower output limit, output units.</summary>
        public double OutputMinimum { get; }

        /// <summary>Upper output limit, output units.</summary>
        public double OutputMaximum { get; }

        /// <summary>Longest experiment, s.</summary>
        public double TimeoutSeconds { get; }

        /// <summary>Relay centre relative to the resting output, output units (default 0; |offset| &lt; d). Read by <see cref="Start"/>.</summary>
        public double BiasOffset { get; set; }

        /// <summary>Consecutive repeating cycles averaged before identifying (≥ 1, default 3). Read by <see cref="Start"/>.</summary>
        public int RequiredStableCycles { get; set; }

        /// <summary>Largest relative change of period and peak-to-peak between consecutive cycles that counts as repeating (default 0.05).</summary>
        public double StabilityTolerance { get; set; }

        /// <summary>Ends the experiment as <see cref="RelayAutoTuneFailure.NoOscillation"/> when the relay has not switched for this long, s (≤ 0 = only the timeout).</summary>
        public double MaximumHalfPeriodSeconds { get; set; }

        /// <summary>
        /// Smallest |mean(u) − u0| that resolves the gain, as a fraction of the relay amplitude (default 0.05). Below it the
        /// experiment fails as <see cref="RelayAutoTuneFailure.GainNotIdentifiable"/>.
        /// </summary>
        public double MinimumAverageShiftFraction { get; set; }

        /// <summary>SIMC closed-loop time constant τc, s (≤ 0 = τc = θ, Skogestad's default for tight control).</summary>
        public double SimcClosedLoopTimeConstantSeconds { get; set; }

        /// <summary>True between <see cref="Start"/> and the end of the experiment.</summary>
        public bool IsRunning { get { return _running; } }

        /// <summary>Output to apply, output units: the relay level while running, the resting output otherwise.</summary>
        public double Output { get; private set; }

        /// <summary>Setpoint r the relay switches around, measurement units.</summary>
        public double Setpoint { get { return _setpoint; } }

        /// <summary>Time since <see cref="Start"/>, s.</summary>
        public double ElapsedSeconds { get { return _elapsedSeconds; } }

        /// <summary>Complete cycles seen so far (the first one included).</summary>
        public int CompletedCycles { get { return _completedCycles; } }

        /// <summary>The outcome; complete once <see cref="IsRunning"/> turns false after a start.</summary>
        public RelayAutoTuneResult Result { get { return _result; } }

        /// <summary>
        /// Starts an experiment. The process must rest at <paramref name="restingOutput"/> (the output applied until now)
        /// with <paramref name="restingMeasurement"/>; the relay oscillates around <paramref name="setpoint"/>. Invalid values
        /// end the experiment at once as <see cref="RelayAutoTuneFailure.InvalidConfiguration"/>.
        /// </summary>
        public void Start(double setpoint, double restingOutput, double restingMeasurement)
        {
            _result.Clear();
            _setpoint = setpoint;
            _restingOutput = restingOutput;
            _restingMeasurement = restingMeasurement;
            _elapsedSeconds = 0;
            _sinceSwitchSeconds = 0;
            _lastMeasurementValid = false;
            _inCycle = false;
            _completedCycles = 0;
            _havePrevious = false;
            _stable.Clear();
            _running = true;
            Output = Limit(restingOutput);

            double bias = restingOutput + BiasOffset;
            double high = Limit(bias + Amplitude);
            double low = Limit(bias - Amplitude);
            bool raisesMeasurement = Action == ControlAction.Reverse;
            _outputUp = raisesMeasurement ? high : low;
            _outputDown = raisesMeasurement ? low : high;

            bool valid = IsFinite(setpoint) && IsFinite(restingOutput) && IsFinite(restingMeasurement) && IsFinite(BiasOffset)
                && Amplitude > 0 && IsFinite(Amplitude) && Hysteresis >= 0 && IsFinite(Hysteresis)
                && OutputMinimum <= OutputMaximum && TimeoutSeconds > 0 && IsFinite(TimeoutSeconds)
                && RequiredStableCycles >= 1 && StabilityTolerance > 0 && high > low;
            if (!valid)
            {
                Finish(RelayAutoTuneFailure.InvalidConfiguration);
                return;
            }

            _relayUp = restingMeasurement < setpoint;
            Output = _relayUp ? _outputUp : _outputDown;
        }

        /// <summary>Ends a running experiment as <see cref="RelayAutoTuneFailure.Aborted"/>; the output returns to the resting output.</summary>
        public void Abort()
        {
            if (_running)
            {
                Finish(RelayAutoTuneFailure.Aborted);
            }
        }

        /// <summary>
        /// One cycle: <paramref name="measurement"/> sampled now, <paramref name="sampleTimeSeconds"/> since the previous
        /// call (&gt; 0; the previous <see cref="Output"/> was applied over it). Returns the output to apply. A NaN/∞
        /// measurement holds the relay and discards the cycle in progress; a sample time ≤ 0 or ∞ is ignored.
        /// </summary>
        public double Update(double measurement, double sampleTimeSeconds)
        {
            if (!_running || !(sampleTimeSeconds > 0) || double.IsInfinity(sampleTimeSeconds))
            {
                return Output;
            }

            _elapsedSeconds += sampleTimeSeconds;
            _sinceSwitchSeconds += sampleTimeSeconds;
            bool valid = IsFinite(measurement);
            if (_inCycle)
            {
                Accumulate(measurement, valid, sampleTimeSeconds);
            }

            if (!valid)
            {
                _lastMeasurementValid = false;
                CheckTimeouts();
                return Output;
            }

            if (_relayUp && measurement > _setpoint + Hysteresis)
            {
                if (_inCycle && _cycle.HasUpPhase)
                {
                    CompleteCycle();
                    if (!_running)
                    {
                        return Output;
                    }
                }

                BeginCycle(measurement);
                _relayUp = false;
                _sinceSwitchSeconds = 0;
            }
            else if (!_relayUp && measurement < _setpoint - Hysteresis)
            {
                if (_inCycle)
                {
                    _cycle.SwitchUp(measurement);
                }

                _relayUp = true;
                _sinceSwitchSeconds = 0;
            }

            _lastMeasurement = measurement;
            _lastMeasurementValid = true;
            Output = _relayUp ? _outputUp : _outputDown;
            CheckTimeouts();
            return Output;
        }

        // The interval just ended, at the output applied over it.
        private void Accumulate(double measurement, bool valid, double sampleTimeSeconds)
        {
            double previous = _lastMeasurementValid ? _lastMeasurement : measurement;
            _cycle.Accumulate(_relayUp, Output - _restingOutput, _setpoint, measurement, valid, previous, sampleTimeSeconds);
        }

        private void BeginCycle(double measurement)
        {
            _inCycle = true;
            _cycle.Begin(measurement);
        }

        // Stable when period and peak-to-peak repeat the previous cycle's within the tolerance plus what sampling explains
        // (a switch up to one sample late in each half): |ΔP| ≤ tol·P + 2h_max, |Δpp| ≤ tol·pp + 2|Δy|_max.
        private void CompleteCycle()
        {
            _completedCycles++;
            RelayCycle cycle = _cycle;
            double period = cycle.DownSeconds + cycle.UpSeconds;
            double peakToPeak = cycle.Peak - cycle.Trough;
            if (!cycle.Valid || !(period > 0) || !(peakToPeak > 0))
            {
                _havePrevious = false;
                _stable.Clear();
                return;
            }

            double tolerance = StabilityTolerance;
            bool stable = _havePrevious
                && Math.Abs(period - _previousPeriodSeconds) <= tolerance * period + 2.0 * cycle.LongestSampleSeconds
                && Math.Abs(peakToPeak - _previousPeakToPeak) <= tolerance * peakToPeak + 2.0 * cycle.LargestStep;
            _havePrevious = true;
            _previousPeriodSeconds = period;
            _previousPeakToPeak = peakToPeak;
            if (!stable)
            {
                _stable.Clear();
                return;
            }

            _stable.Add(cycle);
            if (_stable.Count >= RequiredStableCycles)
            {
                Identify();
            }
        }

        private void Identify()
        {
            RelayCycleAverages sums = _stable;
            double n = sums.Count;
            double totalSeconds = sums.DownSeconds + sums.UpSeconds;
            double period = totalSeconds / n;
            double peak = sums.Peak / n;
            double trough = sums.Trough / n;
            double switchDown = sums.SwitchDownMeasurement / n;
            double switchUp = sums.SwitchUpMeasurement / n;
            double relayAmplitude = 0.5 * Math.Abs(_outputUp - _outputDown);
            double amplitude = 0.5 * (peak - trough);

            // Ku = 4d/(π·a) (describing function of an ideal relay).
            _result.SetLimitCycle(period, amplitude, 4.0 * relayAmplitude / (Math.PI * amplitude), sums.Count);

            // k = (mean(y) − y0)/(mean(u) − u0)
            double outputShift = sums.OutputIntegral / totalSeconds;
            double measurementShift = _setpoint + sums.MeasurementIntegral / totalSeconds - _restingMeasurement;
            if (!(Math.Abs(outputShift) >= MinimumAverageShiftFraction * relayAmplitude) || outputShift == 0)
            {
                Finish(RelayAutoTuneFailure.GainNotIdentifiable);
                return;
            }

            double gain = measurementShift / outputShift;
            bool signMatches = Action == ControlAction.Reverse ? gain > 0 : gain < 0;
            double asymptoteUp = _restingMeasurement + gain * (_outputUp - _restingOutput);
            double asymptoteDown = _restingMeasurement + gain * (_outputDown - _restingOutput);

            // Distances to the asymptotes; all must be positive for a stable first-order response.
            double upFromTrough = asymptoteUp - trough;
            double upFromPeak = asymptoteUp - peak;
            double upFromSwitch = asymptoteUp - switchDown;
            double peakFromDown = peak - asymptoteDown;
            double troughFromDown = trough - asymptoteDown;
            double switchFromDown = switchUp - asymptoteDown;
            if (!signMatches || !IsFinite(gain) || !(upFromPeak > 0) || !(troughFromDown > 0)
                || !(upFromSwitch > 0) || !(switchFromDown > 0) || !(upFromTrough > upFromPeak) || !(peakFromDown > troughFromDown))
            {
                Finish(RelayAutoTuneFailure.ModelNotIdentifiable);
                return;
            }

            // τ = P / [ln((ŷ − Y↓)/(y̌ − Y↓)) + ln((Y↑ − y̌)/(Y↑ − ŷ))];  θ = τ·½[ln((Y↑ − y_s↓)/(Y↑ − ŷ)) + ln((y_s↑ − Y↓)/(y̌ − Y↓))]
            double timeConstant = period / (Math.Log(peakFromDown / troughFromDown) + Math.Log(upFromTrough / upFromPeak));
            double deadTime = timeConstant * 0.5 * (Math.Log(upFromSwitch / upFromPeak) + Math.Log(switchFromDown / troughFromDown));
            if (!(timeConstant > 0) || !IsFinite(timeConstant) || !(deadTime > 0) || !IsFinite(deadTime))
            {
                Finish(RelayAutoTuneFailure.ModelNotIdentifiable);
                return;
            }

            _result.SetSucceeded(gain, timeConstant, deadTime, SimcClosedLoopTimeConstantSeconds);
            Finish(RelayAutoTuneFailure.None);
        }

        private void CheckTimeouts()
        {
            if (!_running)
            {
                return;
            }

            double maximumHalfPeriod = MaximumHalfPeriodSeconds;
            if (maximumHalfPeriod > 0 && _sinceSwitchSeconds > maximumHalfPeriod)
            {
                Finish(RelayAutoTuneFailure.NoOscillation);
            }
            else if (_elapsedSeconds > TimeoutSeconds)
            {
                Finish(_completedCycles == 0 ? RelayAutoTuneFailure.NoOscillation : RelayAutoTuneFailure.Timeout);
            }
        }

        private void Finish(RelayAutoTuneFailure failure)
        {
            _running = false;
            _inCycle = false;
            Output = Limit(_restingOutput);
            if (failure != RelayAutoTuneFailure.None)
            {
                _result.SetFailed(failure);
            }
        }

        private double Limit(double value)
        {
            if (value > OutputMaximum) return OutputMaximum;
            if (value < OutputMinimum) return OutputMinimum;
            return value;
        }

        private static bool IsFinite(double value)
        {
            return !double.IsNaN(value) && !double.IsInfinity(value);
        }
    }
}
