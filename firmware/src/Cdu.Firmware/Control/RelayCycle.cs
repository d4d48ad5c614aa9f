using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// One limit cycle of a relay experiment (<see cref="RelayAutoTuner"/>), from a switch down to the next: the time
    /// in each half, the extremes, the measurements at the switches, ∫(u − u0)dt and the trapezoidal ∫(y − r)dt, and
    /// what sampling explains of its timing and extremes (the longest sample, the largest step).
    /// </summary>
    public sealed class RelayCycle
    {
        /// <summary>Whether the cycle has had its switch up (its second half).</summary>
        public bool HasUpPhase;

        /// <summary>False once an invalid measurement fell in the cycle.</summary>
        public bool Valid;

        public double DownSeconds;
        public double UpSeconds;
        public double Peak;
        public double Trough;
        public double SwitchDownMeasurement;
        public double SwitchUpMeasurement;

        /// <summary>∫(u − u0)dt, output units·s.</summary>
        public double OutputIntegral;

        /// <summary>∫(y − r)dt, measurement units·s.</summary>
        public double MeasurementIntegral;

        /// <summary>The sampling quantization of the cycle's timing, s.</summary>
        public double LongestSampleSeconds;

        /// <summary>The largest |Δy| per sample: quantization of the cycle's extremes.</summary>
        public double LargestStep;

        /// <summary>A new cycle at the switch down, at <paramref name="measurement"/>.</summary>
        public void Begin(double measurement)
        {
            HasUpPhase = false;
            Valid = true;
            DownSeconds = 0;
            UpSeconds = 0;
            Peak = measurement;
            Trough = measurement;
            SwitchDownMeasurement = measurement;
            SwitchUpMeasurement = measurement;
            OutputIntegral = 0;
            MeasurementIntegral = 0;
            LongestSampleSeconds = 0;
            LargestStep = 0;
        }

        /// <summary>The switch up, at <paramref name="measurement"/>: the second half begins.</summary>
        public void SwitchUp(double measurement)
        {
            HasUpPhase = true;
            SwitchUpMeasurement = measurement;
            Trough = measurement;
        }

        /// <summary>
        /// The interval just ended, at the output applied over it: durations, ∫(u − u0)dt, trapezoidal ∫(y − r)dt,
        /// extremes. <paramref name="previous"/> is the last valid measurement (or this one).
        /// </summary>
        public void Accumulate(bool relayUp, double outputShift, double setpoint, double measurement, bool valid, double previous, double sampleTimeSeconds)
        {
            if (relayUp)
            {
                UpSeconds += sampleTimeSeconds;
            }
            else
            {
                DownSeconds += sampleTimeSeconds;
            }

            OutputIntegral += outputShift * sampleTimeSeconds;
            LongestSampleSeconds = Math.Max(LongestSampleSeconds, sampleTimeSeconds);
            if (!valid)
            {
                Valid = false;
                return;
            }

            LargestStep = Math.Max(LargestStep, Math.Abs(measurement - previous));
            MeasurementIntegral += 0.5 * ((previous - setpoint) + (measurement - setpoint)) * sampleTimeSeconds;
            if (relayUp)
            {
                Trough = Math.Min(Trough, measurement);
            }
            else
            {
                Peak = Math.Max(Peak, measurement);
            }
        }
    }
}
