using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// PID controller in ISA (parallel-ideal) form with setpoint weights:
    ///   v = s·Kp·[ (b·r − y) + (1/Ti)∫(r − y)dt + Td·d(c·r − y)/dt ] + feedforward,  u = limit(rate-limit(v)),
    /// s = +1 for <see cref="ControlAction.Reverse"/>, −1 for <see cref="ControlAction.Direct"/>.
    /// The derivative is filtered by a first-order lag Tf = Td/N and discretized by backward differences,
    ///   D_k = (Tf·D_{k−1} + Δ(c·r − y)) / (Tf + h),
    /// the integral is integrated by forward Euler on the actual sample time h, I += s·Kp·h/Ti·(r − y)
    /// (Åström &amp; Wittenmark, "Computer-Controlled Systems", 3rd ed. 1997, ch. 8; Åström &amp; Hägglund,
    /// "Advanced PID Control", 2006, ch. 3).
    /// <list type="bullet">
    /// <item>Anti-windup against the amplitude and the slew limit by back-calculation or clamping (<see cref="AntiWindup"/>).</item>
    /// <item>Manual mode and output tracking: the output follows <see cref="ManualOutput"/> or <see cref="TrackingValue"/>
    /// while the integral is set each sample to I = u − P − D − feedforward, so the return to automatic is bumpless.</item>
    /// <item>Bumpless parameter changes: the integral is kept in output units, so a new Ti changes nothing at once;
    /// a new Kp, Td, b or action moves the integral by the change of the P and D terms at the last sample
    /// (Åström &amp; Wittenmark 1997, ch. 8, "bumpless parameter changes").</item>
    /// <item>NaN/∞ inputs and a sample time ≤ 0 hold the last output and raise <see cref="Faulted"/>; a sample time
    /// longer than 10 × <see cref="NominalSampleTimeSeconds"/> is used as 10 × nominal.</item>
    /// </list>
    /// State is kept in output units, so single-precision arithmetic on the device loses no more than the last digit.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class PidController
    {
        /// <summary>A sample time above this multiple of <see cref="NominalSampleTimeSeconds"/> is limited to it.</summary>
        public const double MaximumSampleTimeRatio = 10.0;

        private double _proportionalGain;
        private double _derivativeTimeSeconds;
        private double _setpointWeightProportional;
        private ControlAction _action;

        private double _integral;          // I term, output units (also the bias of a P or PD controller)
        private double _derivativeRate;    // filtered d(c·r − y)/dt, measurement units per s
        private double _lastMeasurement;
        private double _lastSetpoint;
        private bool _haveLastSample;      // _lastSetpoint and _lastMeasurement come from an executed sample
        private bool _measurementStale;    // a sample was skipped: the next derivative has no valid difference
        private bool _resynchronize;       // the integral could not follow a forced output: re-derive it before the next automatic sample
        private double _lastOutput;
        private bool _initialized;

        public PidController(double proportionalGain, double integralTimeSeconds, double derivativeTimeSeconds,
            double outputMinimum, double outputMaximum, ControlAction action)
        {
            _proportionalGain = proportionalGain;
            _derivativeTimeSeconds = derivativeTimeSeconds;
            _setpointWeightProportional = 1.0;
            _action = action;
            IntegralTimeSeconds = integralTimeSeconds;
            OutputMinimum = outputMinimum;
            OutputMaximum = outputMaximum;
            DerivativeFilterDivisor = 10.0;
            SetpointWeightDerivative = 0.0;
            TrackingTimeSeconds = integralTimeSeconds > 0 ? Math.Sqrt(integralTimeSeconds * Math.Max(derivativeTimeSeconds, 0.1 * integralTimeSeconds)) : 1.0;
            AntiWindup = AntiWindup.BackCalculation;
            Mode = ControllerMode.Automatic;
        }

        /// <summary>Proportional gain Kp, output units per measurement unit (≥ 0). A change is bumpless; NaN/∞ is ignored.</summary>
        public double ProportionalGain
        {
            get { return _proportionalGain; }
            set
            {
                if (!IsFinite(value)) return;
                double before = ProportionalAndDerivativeAtLastSample();
                _proportionalGain = value;
                AbsorbParameterChange(before);
            }
        }

        /// <summary>Integral time Ti, s (&gt; 0; 0 disables the integral action and leaves the integral as a fixed bias). A change is bumpless.</summary>
        public double IntegralTimeSeconds { get; set; }

        /// <summary>Derivative time Td, s (≥ 0; 0 disables the derivative action). A change is bumpless; NaN/∞ is ignored.</summary>
        public double DerivativeTimeSeconds
        {
            get { return _derivativeTimeSeconds; }
            set
            {
                if (!IsFinite(value)) return;
                double before = ProportionalAndDerivativeAtLastSample();
                _derivativeTimeSeconds = value;
                if (value <= 0) _derivativeRate = 0;
                AbsorbParameterChange(before);
            }
        }

        /// <summary>Derivative filter divisor N: the filter time constant is Td/N (&gt; 0, typically 8 … 20; ≤ 0 = unfiltered).</summary>
        public double DerivativeFilterDivisor { get; set; }

        /// <summary>Setpoint weight b on the proportional term (0 … 1). A change is bumpless; NaN/∞ is ignored.</summary>
        public double SetpointWeightProportional
        {
            get { return _setpointWeightProportional; }
            set
            {
                if (!IsFinite(value)) return;
                double before = ProportionalAndDerivativeAtLastSample();
                _setpointWeightProportional = value;
                AbsorbParameterChange(before);
            }
        }

        /// <summary>Setpoint weight c on the derivative term (0 … 1; 0 = derivative on measurement only).</summary>
        public double SetpointWeightDerivative { get; set; }

        /// <summary>Back-calculation tracking time Tt, s (&gt; 0; typically √(Ti·Td) … Ti). The default is √(Ti·max(Td, 0.1·Ti)).</summary>
        public double TrackingTimeSeconds { get; set; }

        /// <summary>Anti-windup method (default <see cref="Cdu.Firmware.Control.AntiWindup.BackCalculation"/>).</summary>
        public AntiWindup AntiWindup { get; set; }

        /// <summary>Lower output limit, output units.</summary>
        public double OutputMinimum { get; set; }

        /// <summary>Upper output limit, output units (≥ <see cref="OutputMinimum"/>).</summary>
        public double OutputMaximum { get; set; }

        /// <summary>
        /// Largest output change in automatic, output units per s (%/s for a % output; ≤ 0 = no limit). The integral does
        /// not wind up against it. Manual and tracked outputs are not slew-limited.
        /// </summary>
        public double OutputSlewRatePerSecond { get; set; }

        /// <summary>Direction of the action. A change is bumpless.</summary>
        public ControlAction Action
        {
            get { return _action; }
            set
            {
                double before = ProportionalAndDerivativeAtLastSample();
                _action = value;
                AbsorbParameterChange(before);
            }
        }

        /// <summary>
        /// Sample time the caller intends, s (0 = not set). When set, a sample time above
        /// <see cref="MaximumSampleTimeRatio"/> × this value (a stalled cycle) is integrated as that many nominal samples.
        /// </summary>
        public double NominalSampleTimeSeconds { get; set; }

        /// <summary>True when the last update's sample time was limited to <see cref="MaximumSampleTimeRatio"/> × nominal.</summary>
        public bool SampleTimeLimited { get; private set; }

        /// <summary>
        /// <see cref="ControllerMode.Automatic"/> or <see cref="ControllerMode.Manual"/>. In manual the output is
        /// <see cref="ManualOutput"/> (within the limits) and the integral tracks it, so that the first automatic
        /// sample moves the output only by the change of the P, D and feedforward terms over one sample (CTL-5).
        /// To enter manual without a bump, set <see cref="ManualOutput"/> to <see cref="Output"/> first.
        /// </summary>
        public ControllerMode Mode { get; set; }

        /// <summary>Output in manual, output units (clamped to the limits; NaN/∞ holds the last output).</summary>
        public double ManualOutput { get; set; }

        /// <summary>
        /// While true the output follows <see cref="TrackingValue"/> (an override, a selector, a startup sequence),
        /// with the integral kept consistent so that the release is bumpless. Has priority over <see cref="Mode"/>.
        /// </summary>
        public bool Tracking { get; set; }

        /// <summary>Output to follow while <see cref="Tracking"/>, output units (clamped to the limits; NaN/∞ holds the last output).</summary>
        public double TrackingValue { get; set; }

        /// <summary>True after an update received a NaN or infinite input or a sample time ≤ 0; cleared by the next good update.</summary>
        public bool Faulted { get; private set; }

        /// <summary>The last output produced (held while faulted).</summary>
        public double Output { get { return _lastOutput; } }

        /// <summary>The integral term (with the bias), output units.</summary>
        public double IntegralTerm { get { return _integral; } }

        /// <summary>
        /// Sets the integral (the bias) to <paramref name="output"/> and restarts the derivative at
        /// <paramref name="measurement"/>: the next output is <paramref name="output"/> plus the P term of the next sample
        /// and the feedforward, so it continues without a bump when the measurement is at the setpoint. For a transfer
        /// that is bumpless at any error use <see cref="Mode"/> = Manual or <see cref="Tracking"/>.
        /// </summary>
        public void Reset(double output, double measurement)
        {
            _lastOutput = Limit(output);
            _integral = _lastOutput;
            _derivativeRate = 0;
            _lastMeasurement = measurement;
            _lastSetpoint = 0;
            _haveLastSample = false;
            _measurementStale = !IsFinite(measurement);
            _resynchronize = false;
            _initialized = true;
        }

        /// <summary>
        /// Runs one sample. <paramref name="sampleTimeSeconds"/> is the time since the previous update (&gt; 0), s.
        /// Returns the output, within [<see cref="OutputMinimum"/>, <see cref="OutputMaximum"/>].
        /// </summary>
        public double Update(double setpoint, double measurement, double feedforward, double sampleTimeSeconds)
        {
            SampleTimeLimited = false;
            bool inputsValid = IsFinite(setpoint) && IsFinite(measurement) && IsFinite(feedforward)
                && IsFinite(sampleTimeSeconds) && sampleTimeSeconds > 0;

            if (Tracking || Mode == ControllerMode.Manual)
            {
                return UpdateForced(Tracking ? TrackingValue : ManualOutput, setpoint, measurement, feedforward, sampleTimeSeconds, inputsValid);
            }

            if (!inputsValid)
            {
                return Skip();
            }

            if (!_initialized)
            {
                Reset(_lastOutput, measurement);
                _integral = _lastOutput - feedforward;
            }

            double h = LimitSampleTime(sampleTimeSeconds);
            double derivativeRate = NextDerivativeRate(setpoint, measurement, h);
            double proportional = ProportionalTerm(setpoint, measurement);
            double derivative = DerivativeTerm(derivativeRate);
            double integral = _resynchronize ? _lastOutput - proportional - derivative - feedforward : _integral;

            double unlimited = proportional + integral + derivative + feedforward;
            double output = Limit(LimitSlew(unlimited, h));
            if (IntegralTimeSeconds > 0)
            {
                integral += IntegralStep(setpoint, measurement, h, unlimited, output);
            }

            if (!IsFinite(unlimited) || !IsFinite(integral))
            {
                return Skip(); // overflow from extreme gains or inputs: keep the last good state
            }

            Faulted = false;
            _integral = integral;
            _derivativeRate = derivativeRate;
            _resynchronize = false;
            Remember(setpoint, measurement);
            _lastOutput = output;
            return output;
        }

        private double UpdateForced(double forcedOutput, double setpoint, double measurement, double feedforward,
            double sampleTimeSeconds, bool inputsValid)
        {
            if (!IsFinite(forcedOutput))
            {
                Skip();
                _resynchronize = true;
                return _lastOutput;
            }

            _lastOutput = Limit(forcedOutput);
            _initialized = true;
            if (!inputsValid)
            {
                // The output still follows the operator or the tracked signal; the integral catches up on the next good sample.
                Faulted = true;
                _measurementStale = true;
                _resynchronize = true;
                return _lastOutput;
            }

            // Integral tracking: I = u − P − D − feedforward, so that the unlimited automatic output equals u now.
            double derivativeRate = NextDerivativeRate(setpoint, measurement, LimitSampleTime(sampleTimeSeconds));
            double integral = _lastOutput - ProportionalTerm(setpoint, measurement) - DerivativeTerm(derivativeRate) - feedforward;
            if (!IsFinite(integral))
            {
                Faulted = true;
                _resynchronize = true;
                return _lastOutput;
            }

            Faulted = false;
            _derivativeRate = derivativeRate;
            _integral = integral;
            _resynchronize = false;
            Remember(setpoint, measurement);
            return _lastOutput;
        }

        private double Skip()
        {
            Faulted = true;
            _measurementStale = true;
            return _lastOutput;
        }

        private void Remember(double setpoint, double measurement)
        {
            _lastSetpoint = setpoint;
            _lastMeasurement = measurement;
            _haveLastSample = true;
            _measurementStale = false;
        }

        private double Sign
        {
            get { return _action == ControlAction.Direct ? -1.0 : 1.0; }
        }

        // P = s·Kp·(b·r − y)
        private double ProportionalTerm(double setpoint, double measurement)
        {
            return Sign * _proportionalGain * (_setpointWeightProportional * setpoint - measurement);
        }

        // D = s·Kp·Td·D_rate
        private double DerivativeTerm(double derivativeRate)
        {
            return _derivativeTimeSeconds > 0 ? Sign * _proportionalGain * _derivativeTimeSeconds * derivativeRate : 0;
        }

        // Backward-difference filtered derivative of (c·r − y) (FilteredDerivative); no change without a valid last sample.
        private double NextDerivativeRate(double setpoint, double measurement, double h)
        {
            if (_derivativeTimeSeconds <= 0)
            {
                return 0;
            }

            double change = _haveLastSample && !_measurementStale
                ? SetpointWeightDerivative * (setpoint - _lastSetpoint) - (measurement - _lastMeasurement)
                : 0;
            return FilteredDerivative.Next(_derivativeRate, change, _derivativeTimeSeconds, DerivativeFilterDivisor, h);
        }

        // ΔI = s·Kp·h/Ti·(r − y), then the anti-windup correction against the limited output u (v = unlimited).
        private double IntegralStep(double setpoint, double measurement, double h, double unlimited, double output)
        {
            return IntegralAction.Step(Sign * _proportionalGain * h / IntegralTimeSeconds * (setpoint - measurement), h, unlimited, output,
                OutputMinimum, OutputMaximum, AntiWindup, TrackingTimeSeconds);
        }

        // |u_k − u_{k−1}| ≤ rate·h
        private double LimitSlew(double value, double h)
        {
            return RateLimiter.Limit(_lastOutput, value, OutputSlewRatePerSecond, h);
        }

        private double LimitSampleTime(double sampleTimeSeconds)
        {
            double nominal = NominalSampleTimeSeconds;
            if (nominal > 0 && IsFinite(nominal) && sampleTimeSeconds > MaximumSampleTimeRatio * nominal)
            {
                SampleTimeLimited = true;
                return MaximumSampleTimeRatio * nominal;
            }

            return sampleTimeSeconds;
        }

        // P + D at the last executed sample with the current parameters (0 before the first sample).
        private double ProportionalAndDerivativeAtLastSample()
        {
            if (!_haveLastSample)
            {
                return 0;
            }

            return ProportionalTerm(_lastSetpoint, _lastMeasurement) + DerivativeTerm(_derivativeRate);
        }

        // Bumpless parameter change: I_new = I_old + (P + D)_old − (P + D)_new at the last sample.
        private void AbsorbParameterChange(double before)
        {
            if (!_haveLastSample)
            {
                return;
            }

            double adjusted = _integral + before - ProportionalAndDerivativeAtLastSample();
            if (IsFinite(adjusted))
            {
                _integral = adjusted;
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
