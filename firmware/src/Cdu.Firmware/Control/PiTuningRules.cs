using System;

namespace Cdu.Firmware.Control
{
    /// <summary>
    /// PI tuning rules for a first-order-plus-dead-time model G(s) = k·e^(−θs)/(τs + 1). The gains are for
    /// <see cref="PidController"/> (Kc ≥ 0 with the sign carried by <see cref="ControlAction"/>), so they use |k|.
    /// Every rule returns NaN when the model is out of its range (k = 0, τ ≤ 0, θ ≤ 0 or a NaN input).
    /// </summary>
    public static class PiTuningRules
    {
        /// <summary>
        /// SIMC (Skogestad, "Simple analytic rules for model reduction and PID controller tuning", J. Process Control 13, 2003):
        /// Kc = τ / (|k|·(τc + θ)). <paramref name="closedLoopTimeConstantSeconds"/> τc ≤ 0 selects the default τc = θ.
        /// </summary>
        public static double SimcProportionalGain(double processGain, double timeConstantSeconds, double deadTimeSeconds,
            double closedLoopTimeConstantSeconds)
        {
            if (!ModelValid(processGain, timeConstantSeconds, deadTimeSeconds)) return double.NaN;
            double tauC = ClosedLoopTimeConstant(deadTimeSeconds, closedLoopTimeConstantSeconds);
            return timeConstantSeconds / (Math.Abs(processGain) * (tauC + deadTimeSeconds));
        }

        /// <summary>SIMC (Skogestad 2003): Ti = min(τ, 4·(τc + θ)), s. τc ≤ 0 selects τc = θ.</summary>
        public static double SimcIntegralTimeSeconds(double timeConstantSeconds, double deadTimeSeconds, double closedLoopTimeConstantSeconds)
        {
            if (!ModelValid(1.0, timeConstantSeconds, deadTimeSeconds)) return double.NaN;
            double tauC = ClosedLoopTimeConstant(deadTimeSeconds, closedLoopTimeConstantSeconds);
            return Math.Min(timeConstantSeconds, 4.0 * (tauC + deadTimeSeconds));
        }

        /// <summary>
        /// AMIGO PI (Åström &amp; Hägglund, "Revisiting the Ziegler–Nichols step response method for PID control",
        /// J. Process Control 14, 2004): Kc = 0.15/|k| + (0.35 − θτ/(θ + τ)²)·τ/(|k|·θ).
        /// </summary>
        public static double AmigoProportionalGain(double processGain, double timeConstantSeconds, double deadTimeSeconds)
        {
            if (!ModelValid(processGain, timeConstantSeconds, deadTimeSeconds)) return double.NaN;
            double k = Math.Abs(processGain);
            double tau = timeConstantSeconds;
            double theta = deadTimeSeconds;
            double sum = theta + tau;
            return 0.15 / k + (0.35 - theta * tau / (sum * sum)) * tau / (k * theta);
        }

        /// <summary>AMIGO PI (Åström &amp; Hägglund 2004): Ti = 0.35θ + 13θτ²/(τ² + 12θτ + 7θ²), s.</summary>
        public static double AmigoIntegralTimeSeconds(double timeConstantSeconds, double deadTimeSeconds)
        {
            if (!ModelValid(1.0, timeConstantSeconds, deadTimeSeconds)) return double.NaN;
            double tau = timeConstantSeconds;
            double theta = deadTimeSeconds;
            return 0.35 * theta + 13.0 * theta * tau * tau / (tau * tau + 12.0 * theta * tau + 7.0 * theta * theta);
        }

        private static double ClosedLoopTimeConstant(double deadTimeSeconds, double closedLoopTimeConstantSeconds)
        {
            return closedLoopTimeConstantSeconds > 0 && !double.IsInfinity(closedLoopTimeConstantSeconds)
                ? closedLoopTimeConstantSeconds
                : deadTimeSeconds;
        }

        private static bool ModelValid(double processGain, double timeConstantSeconds, double deadTimeSeconds)
        {
            return processGain != 0 && !double.IsNaN(processGain) && !double.IsInfinity(processGain)
                && timeConstantSeconds > 0 && !double.IsInfinity(timeConstantSeconds)
                && deadTimeSeconds > 0 && !double.IsInfinity(deadTimeSeconds);
        }
    }
}
