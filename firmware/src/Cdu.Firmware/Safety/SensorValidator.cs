using System;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Validates one analog channel every cycle: missing (NaN), open and short circuit, plausible range and rate
    /// of change are detected on the sample that shows them; a reading that does not change at all for the stuck
    /// time is stuck. A faulted channel is trusted again only after it has been healthy for the recovery time.
    /// Thresholds follow the channel's signal: RTD temperatures in °C (open reads far above, short far below any
    /// plausible value), 4–20 mA transmitters in mA (NAMUR NE 43: &lt; 3.6 mA broken wire, &gt; 21 mA short).
    /// </summary>
    public sealed class SensorValidator
    {
        private double _lastRaw = double.NaN;
        private long _lastSampleMilliseconds = -1;
        private long _unchangedSinceMilliseconds;
        private long _healthySinceMilliseconds;
        private SensorStatus _status = SensorStatus.Missing;
        private SensorStatus _pendingFault = SensorStatus.Ok;
        private double _value = double.NaN;

        public SensorValidator(string name)
        {
            Name = name;
            OpenAbove = double.MaxValue;
            ShortBelow = double.MinValue;
            Minimum = double.MinValue;
            Maximum = double.MaxValue;
            RateLimitPerSecond = double.MaxValue;
            StuckMilliseconds = long.MaxValue;
            RecoveryMilliseconds = 0;
        }

        /// <summary>Channel name in alarms and telemetry, e.g. "supply1".</summary>
        public string Name { get; private set; }

        /// <summary>A raw reading above this is an open circuit.</summary>
        public double OpenAbove { get; set; }

        /// <summary>A raw reading below this is a short circuit.</summary>
        public double ShortBelow { get; set; }

        /// <summary>Plausible range of the raw reading.</summary>
        public double Minimum { get; set; }

        public double Maximum { get; set; }

        /// <summary>Largest plausible change of the raw reading per second.</summary>
        public double RateLimitPerSecond { get; set; }

        /// <summary>Time without any change after which the channel is stuck, ms.</summary>
        public long StuckMilliseconds { get; set; }

        /// <summary>Time a faulted channel must be healthy before it is trusted again, ms.</summary>
        public long RecoveryMilliseconds { get; set; }

        public SensorStatus Status { get { return _status; } }

        public bool Valid { get { return _status == SensorStatus.Ok; } }

        /// <summary>The last raw reading that passed validation (NaN before the first).</summary>
        public double Value { get { return _value; } }

        /// <summary>Forces a status from outside (the redundancy vote's disagreement).</summary>
        public void Declare(SensorStatus fault, long nowMilliseconds)
        {
            _status = fault;
            _healthySinceMilliseconds = nowMilliseconds;
        }

        /// <summary>Validates <paramref name="raw"/>, sampled at <paramref name="nowMilliseconds"/>. Returns the resulting status.</summary>
        public SensorStatus Evaluate(double raw, long nowMilliseconds)
        {
            SensorStatus sample = Classify(raw, nowMilliseconds);
            if (!double.IsNaN(raw))
            {
                if (raw != _lastRaw || _lastSampleMilliseconds < 0)
                {
                    _unchangedSinceMilliseconds = nowMilliseconds;
                }

                _lastRaw = raw;
            }

            _lastSampleMilliseconds = nowMilliseconds;
            if (sample == SensorStatus.Ok && nowMilliseconds - _unchangedSinceMilliseconds >= StuckMilliseconds)
            {
                sample = SensorStatus.Stuck;
            }

            if (sample != SensorStatus.Ok)
            {
                _status = sample;
                _pendingFault = sample;
                _healthySinceMilliseconds = nowMilliseconds;
                return _status;
            }

            if (_status != SensorStatus.Ok)
            {
                bool firstEver = _pendingFault == SensorStatus.Ok && double.IsNaN(_value);
                if (firstEver || nowMilliseconds - _healthySinceMilliseconds >= RecoveryMilliseconds)
                {
                    _status = SensorStatus.Ok;
                    _pendingFault = SensorStatus.Ok;
                }
            }

            if (_status == SensorStatus.Ok)
            {
                _value = raw;
            }

            return _status;
        }

        private SensorStatus Classify(double raw, long nowMilliseconds)
        {
            if (double.IsNaN(raw) || double.IsInfinity(raw))
            {
                return SensorStatus.Missing;
            }

            if (raw > OpenAbove)
            {
                return SensorStatus.Open;
            }

            if (raw < ShortBelow)
            {
                return SensorStatus.Short;
            }

            if (raw < Minimum || raw > Maximum)
            {
                return SensorStatus.OutOfRange;
            }

            if (_lastSampleMilliseconds >= 0 && !double.IsNaN(_lastRaw) && nowMilliseconds > _lastSampleMilliseconds)
            {
                double seconds = (nowMilliseconds - _lastSampleMilliseconds) / 1000.0;
                if (Math.Abs(raw - _lastRaw) / seconds > RateLimitPerSecond)
                {
                    return SensorStatus.RateOfChange;
                }
            }

            return SensorStatus.Ok;
        }
    }
}
