using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// PID controller in ISA (parallel-ideal) form with setpoint weights:
    ///   u = Kp·[ (b·r − y) + (1/Ti)∫(r − y)dt + Td·d(c·r − y)/dt ] + feedforward,
    /// derivative filtered by a first-order lag Td/N, integrated by backward Euler on the actual sample time.
    /// Anti-windup by back-calculation (tracking time Tt, Åström &amp; Hägglund, "Advanced PID Control", 2006, §3.5).
    /// Output limits; NaN/∞ inputs hold the last output and raise <see cref="Faulted"/>.
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class PidController
    {
        private double _integral;
        private double _derivative;
        private double _lastMeasurement;
        private double _lastSetpoint;
        private double _lastOutput;
        private bool _initialized;

        public PidController(double proportionalGain, double integralTimeSeconds, double derivativeTimeSeconds,
            double outputMinimum, double outputMaximum, ControlAction action)
        {
            ProportionalGain = proportionalGain;
            IntegralTimeSeconds = integralTimeSeconds;
            DerivativeTimeSeconds = derivativeTimeSeconds;
            OutputMinimum = outputMinimum;
            OutputMaximum = outputMaximum;
            Action = action;
            DerivativeFilterDivisor = 10.0;
            SetpointWeightProportional = 1.0;
            SetpointWeightDerivative = 0.0;
            TrackingTimeSeconds = integralTimeSeconds > 0 ? Math.Sqrt(integralTimeSeconds * Math.Max(derivativeTimeSeconds, 0.1 * integralTimeSeconds)) : 1.0;
        }

        /// <summary>Proportional gain Kp, output units per measurement unit (≥ 0).</summary>
        public double ProportionalGain { get; set; }

        /// <summary>Integral time Ti, s (&gt; 0; 0 disables the integral action).</summary>
        public double IntegralTimeSeconds { get; set; }

        /// <summary>Derivative time Td, s (≥ 0; 0 disables the derivative action).</summary>
        public double DerivativeTimeSeconds { get; set; }

        /// <summary>Derivative filter divisor N: the filter time constant is Td/N (typically 8 … 20).</summary>
        public double DerivativeFilterDivisor { get; set; }

        /// <summary>Setpoint weight b on the proportional term (0 … 1).</summary>
        public double SetpointWeightProportional { get; set; }

        /// <summary>Setpoint weight c on the derivative term (0 … 1; 0 = derivative on measurement).</summary>
        public double SetpointWeightDerivative { get; set; }

        /// <summary>Back-calculation tracking time Tt, s (&gt; 0).</summary>
        public double TrackingTimeSeconds { get; set; }

        public double OutputMinimum { get; set; }

        public double OutputMaximum { get; set; }

        public ControlAction Action { get; set; }

        /// <summary>True after an update received a NaN or infinite input; cleared by the next good update.</summary>
        public bool Faulted { get; private set; }

        /// <summary>The last output produced (held while faulted).</summary>
        public double Output { get { return _lastOutput; } }

        /// <summary>Sets the state so that the next output continues from <paramref name="output"/> without a bump.</summary>
        public void Reset(double output, double measurement)
        {
            _lastOutput = Limit(output);
            _integral = _lastOutput;
            _derivative = 0;
            _lastMeasurement = measurement;
            _lastSetpoint = double.NaN;
            _initialized = true;
        }

        /// <summary>Runs one sample. <paramref name="sampleTimeSeconds"/> is the time since the previous update (&gt; 0).</summary>
        public double Update(double setpoint, double measurement, double feedforward, double sampleTimeSeconds)
        {
            if (!IsFinite(setpoint) || !IsFinite(measurement) || !IsFinite(feedforward) || !IsFinite(sampleTimeSeconds) || sampleTimeSeconds <= 0)
            {
                Faulted = true;
                return _lastOutput;
            }

            Faulted = false;
            if (!_initialized)
            {
                Reset(_lastOutput, measurement);
                _integral = _lastOutput - feedforward;
            }

            double sign = Action == ControlAction.Direct ? -1.0 : 1.0;
            double kp = ProportionalGain;
            double proportional = sign * kp * (SetpointWeightProportional * setpoint - measurement);

            double derivative = 0;
            if (DerivativeTimeSeconds > 0)
            {
                double filterTime = DerivativeTimeSeconds / DerivativeFilterDivisor;
                double alpha = filterTime / (filterTime + sampleTimeSeconds);
                double setpointChange = double.IsNaN(_lastSetpoint) ? 0 : setpoint - _lastSetpoint;
                double change = SetpointWeightDerivative * setpointChange - (measurement - _lastMeasurement);
                _derivative = alpha * _derivative + sign * kp * DerivativeTimeSeconds * (1 - alpha) * change / sampleTimeSeconds;
                derivative = _derivative;
            }

            double unlimited = proportional + _integral + derivative + feedforward;
            double limited = Limit(unlimited);

            if (IntegralTimeSeconds > 0)
            {
                double error = sign * (setpoint - measurement);
                _integral += kp * sampleTimeSeconds / IntegralTimeSeconds * error
                    + sampleTimeSeconds / TrackingTimeSeconds * (limited - unlimited);
            }

            _lastMeasurement = measurement;
            _lastSetpoint = setpoint;
            _lastOutput = limited;
            return limited;
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
