using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// The integral action's anti-windup of <see cref="PidController"/>: one sample's integral step ΔI = s·Kp·h/Ti·(r − y),
    /// corrected against the limited output u for the unlimited output v — by back-calculation I += (h/Tt)·(u − v)
    /// (Åström &amp; Hägglund, "Advanced PID Control", 2006, §3.5) or by clamping (conditional integration).
    /// </summary>
    public static class IntegralAction
    {
        /// <summary>
        /// The integral's change this sample, output units. <paramref name="step"/> is ΔI before anti-windup,
        /// <paramref name="h"/> the sample time (s), <paramref name="unlimited"/> v and <paramref name="output"/> u.
        /// </summary>
        public static double Step(double step, double h, double unlimited, double output, double outputMinimum, double outputMaximum,
            AntiWindup antiWindup, double trackingTimeSeconds)
        {
            double span = outputMaximum - outputMinimum;
            if (span > 0)
            {
                // No single sample may integrate more than the whole output span (a stalled cycle without a nominal).
                step = Math.Max(-span, Math.Min(span, step));
            }

            if (antiWindup == AntiWindup.Clamping)
            {
                // Conditional integration: hold while limited and the error pushes further into the limit.
                double excess = unlimited - output;
                if ((excess > 0 && step > 0) || (excess < 0 && step < 0))
                {
                    return 0;
                }

                // Integrate at most up to an amplitude limit.
                if (step > 0)
                {
                    return Math.Min(step, Math.Max(0, outputMaximum - unlimited));
                }

                return Math.Max(step, Math.Min(0, outputMinimum - unlimited));
            }

            // Back-calculation I += (h/Tt)·(u − v); the gain is capped at 1 so a long sample cannot overshoot the tracking.
            double trackingGain = trackingTimeSeconds > 0 ? Math.Min(h / trackingTimeSeconds, 1.0) : 1.0;
            return step + trackingGain * (output - unlimited);
        }
    }
}
