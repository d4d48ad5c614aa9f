namespace Cdu.Firmware.Control
{
    /// <summary>Moves a value towards its target no faster than a rate: |Δy| ≤ rate·Δt.</summary>
    public sealed class RateLimiter
    {
        private double _value;
        private bool _initialized;

        /// <summary>Largest change per second, in the value's unit per s (&gt; 0).</summary>
        public double RatePerSecond { get; set; }

        public double Value { get { return _value; } }

        public RateLimiter(double ratePerSecond)
        {
            RatePerSecond = ratePerSecond;
        }

        /// <summary>
        /// <paramref name="value"/> limited to within rate·Δt of <paramref name="last"/>, for a caller that keeps its own
        /// last value; a rate that is not a positive number limits nothing.
        /// </summary>
        public static double Limit(double last, double value, double ratePerSecond, double sampleTimeSeconds)
        {
            if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
            {
                return value;
            }

            double step = ratePerSecond * sampleTimeSeconds;
            return System.Math.Max(last - step, System.Math.Min(last + step, value));
        }

        /// <summary>Jumps to <paramref name="value"/> without limiting.</summary>
        public void Reset(double value)
        {
            _value = value;
            _initialized = true;
        }

        /// <summary>Steps towards <paramref name="target"/> over <paramref name="sampleTimeSeconds"/>; a NaN target holds.</summary>
        public double Update(double target, double sampleTimeSeconds)
        {
            if (double.IsNaN(target) || double.IsInfinity(target))
            {
                return _value;
            }

            if (!_initialized)
            {
                Reset(target);
                return _value;
            }

            double step = RatePerSecond * sampleTimeSeconds;
            double difference = target - _value;
            if (difference > step)
            {
                _value += step;
            }
            else if (difference < -step)
            {
                _value -= step;
            }
            else
            {
                _value = target;
            }

            return _value;
        }
    }
}
