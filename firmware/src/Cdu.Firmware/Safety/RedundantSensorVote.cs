using System;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Votes redundant sensors of one quantity (the three secondary supply RTDs). Each channel is first validated
    /// on its own; among the healthy ones, a channel off the median of all healthy channels by more than the
    /// disagreement band for the disagreement time is dropped (status Disagreement) until it agrees again for the
    /// recovery time (after Lenovo Neptune RM100: three sensors averaged, one dropped when it differs by &gt; 1 °C
    /// for 30 s). The voted value is the median of three or more healthy channels — so that a wrong one moves nothing
    /// even before it is dropped (an average would follow it) — the mean of two that agree, the warmer of two that
    /// disagree (the safe side for cooling), or the one left. <see cref="Degraded"/> when fewer than all channels count.
    /// </summary>
    public sealed class RedundantSensorVote
    {
        private readonly SensorValidator[] _channels;
        private readonly long[] _disagreeingSince;
        private readonly double[] _scratch;

        public RedundantSensorVote(SensorValidator[] channels)
        {
            _channels = channels;
            _disagreeingSince = new long[channels.Length];
            _scratch = new double[channels.Length];
            for (int i = 0; i < channels.Length; i++)
            {
                _disagreeingSince[i] = -1;
            }

            DisagreementBand = 1.0;
            DisagreementMilliseconds = 30000;
        }

        public double DisagreementBand { get; set; }

        public long DisagreementMilliseconds { get; set; }

        public int ChannelCount { get { return _channels.Length; } }

        public SensorValidator Channel(int index)
        {
            return _channels[index];
        }

        /// <summary>The voted value (NaN when no channel is healthy).</summary>
        public double Value { get; private set; }

        public bool Valid { get { return HealthyCount > 0; } }

        /// <summary>True when at least one channel does not count.</summary>
        public bool Degraded { get { return HealthyCount < _channels.Length; } }

        public int HealthyCount { get; private set; }

        /// <summary>Validates every channel's raw reading and votes.</summary>
        public double Evaluate(double[] raw, long nowMilliseconds)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_channels[i].Status == SensorStatus.Disagreement)
                {
                    UpdateDropped(i, raw[i], nowMilliseconds);
                }
                else
                {
                    _channels[i].Evaluate(raw[i], nowMilliseconds);
                }
            }

            int healthy = Collect();
            if (healthy >= 3)
            {
                double median = Median(healthy);
                for (int i = 0; i < _channels.Length; i++)
                {
                    if (!_channels[i].Valid)
                    {
                        continue;
                    }

                    if (Math.Abs(_channels[i].Value - median) > DisagreementBand)
                    {
                        if (_disagreeingSince[i] < 0)
                        {
                            _disagreeingSince[i] = nowMilliseconds;
                        }
                        else if (nowMilliseconds - _disagreeingSince[i] >= DisagreementMilliseconds)
                        {
                            _channels[i].Declare(SensorStatus.Disagreement, nowMilliseconds);
                            _disagreeingSince[i] = nowMilliseconds;
                        }
                    }
                    else
                    {
                        _disagreeingSince[i] = -1;
                    }
                }

                healthy = Collect();
            }

            HealthyCount = healthy;
            if (healthy == 0)
            {
                Value = double.NaN;
            }
            else if (healthy >= 3)
            {
                Value = Median(healthy);
            }
            else if (healthy == 2 && Math.Abs(_scratch[0] - _scratch[1]) > DisagreementBand)
            {
                Value = Math.Max(_scratch[0], _scratch[1]);
            }
            else
            {
                double sum = 0;
                for (int i = 0; i < healthy; i++)
                {
                    sum += _scratch[i];
                }

                Value = sum / healthy;
            }

            return Value;
        }

        // A dropped channel is still validated on its own; it rejoins after agreeing with the others' median for the recovery time.
        private void UpdateDropped(int index, double raw, long nowMilliseconds)
        {
            SensorValidator channel = _channels[index];
            double others = double.NaN;
            int count = 0;
            double sum = 0;
            for (int i = 0; i < _channels.Length; i++)
            {
                if (i != index && _channels[i].Valid)
                {
                    sum += _channels[i].Value;
                    count++;
                }
            }

            if (count > 0)
            {
                others = sum / count;
            }

            bool agrees = !double.IsNaN(raw) && !double.IsNaN(others) && Math.Abs(raw - others) <= DisagreementBand;
            if (!agrees)
            {
                _disagreeingSince[index] = nowMilliseconds;
                return;
            }

            if (nowMilliseconds - _disagreeingSince[index] >= channel.RecoveryMilliseconds)
            {
                channel.Declare(SensorStatus.Missing, nowMilliseconds - channel.RecoveryMilliseconds);
                channel.Evaluate(raw, nowMilliseconds);
                _disagreeingSince[index] = -1;
            }
        }

        private int Collect()
        {
            int n = 0;
            for (int i = 0; i < _channels.Length; i++)
            {
                if (_channels[i].Valid)
                {
                    _scratch[n++] = _channels[i].Value;
                }
            }

            return n;
        }

        // Median of the first n values of _scratch (n ≤ 4 here: insertion sort in place is fine).
        private double Median(int n)
        {
            for (int i = 1; i < n; i++)
            {
                double v = _scratch[i];
                int j = i - 1;
                while (j >= 0 && _scratch[j] > v)
                {
                    _scratch[j + 1] = _scratch[j];
                    j--;
                }

                _scratch[j + 1] = v;
            }

            return n % 2 == 1 ? _scratch[n / 2] : (_scratch[n / 2 - 1] + _scratch[n / 2]) / 2;
        }
    }
}
