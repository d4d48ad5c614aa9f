namespace Cdu.Firmware.Control
{
    /// <summary>
    /// First-order low-pass filter τ·dy/dt + y = x, discretized by backward Euler on the actual sample time h:
    ///   y_k = y_{k−1} + h/(τ + h)·(x_k − y_{k−1})
    /// (Åström &amp; Wittenmark, "Computer-Controlled Systems", 3rd ed. 1997, ch. 8). The gain h/(τ + h) lies in (0, 1]
    /// for any h &gt; 0, so the filter is stable for every sample time. The first valid input initializes the output;
    /// a NaN/∞ input or a sample time ≤ 0, NaN or ∞ holds it. Allocates nothing.
    /// </summary>
    public sealed class FirstOrderFilter
    {
        private double _value;
        private bool _initialized;

        /// <param name="timeConstantSeconds">Time constant τ, s (≥ 0; 0 passes the input through).</param>
        public FirstOrderFilter(double timeConstantSeconds)
        {
            TimeConstantSeconds = timeConstantSeconds;
        }

        /// <summary>Time constant τ, s (≥ 0; 0, negative or NaN passes the input through).</summary>
        public double TimeConstantSeconds { get; set; }

        /// <summary>The filtered value, in the input's unit (0 before the first valid input).</summary>
        public double Value { get { return _value; } }

        /// <summary>True once a valid input or a <see cref="Reset"/> has set the value.</summary>
        public bool IsInitialized { get { return _initialized; } }

        /// <summary>Sets the output to <paramref name="value"/>; a NaN/∞ value makes the next valid input initialize it.</summary>
        public void Reset(double value)
        {
            bool valid = !double.IsNaN(value) && !double.IsInfinity(value);
            _value = valid ? value : 0;
            _initialized = valid;
        }

        /// <summary>Filters one sample taken <paramref name="sampleTimeSeconds"/> after the previous one; returns the output.</summary>
        public double Update(double input, double sampleTimeSeconds)
        {
            if (double.IsNaN(input) || double.IsInfinity(input))
            {
                return _value;
            }

            if (!_initialized)
            {
                _value = input;
                _initialized = true;
                return _value;
            }

            if (!(sampleTimeSeconds > 0) || double.IsInfinity(sampleTimeSeconds))
            {
                return _value;
            }

            double timeConstant = TimeConstantSeconds > 0 ? TimeConstantSeconds : 0;
            if (double.IsInfinity(timeConstant))
            {
                return _value;
            }

            _value += sampleTimeSeconds / (timeConstant + sampleTimeSeconds) * (input - _value);
            return _value;
        }
    }
}
