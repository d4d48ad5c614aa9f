using Cdu.Firmware.Io;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Every analog channel of the CDU with its validator, configured from the settings, turning one raw scan
    /// into trusted measurements in engineering units. Declared detection times (SAF-4): missing, open, short,
    /// out of range and rate of change on the sample that shows them (one control cycle); stuck after
    /// <c>sensor.stuckSeconds</c>; a redundant supply sensor's disagreement after <c>sensor.supplyDisagreementSeconds</c>.
    /// </summary>
    public sealed class SensorSuite
    {
        /// <summary>Index of each validated channel in <see cref="Channel"/> (the three supply RTDs come first).</summary>
        public const int Supply1 = 0;
        public const int Supply2 = 1;
        public const int Supply3 = 2;
        public const int Return = 3;
        public const int FacilitySupply = 4;
        public const int FacilityReturn = 5;
        public const int DeltaPressure = 6;
        public const int Flow = 7;
        public const int FilterDeltaPressure = 8;
        public const int ChannelCount = 9;

        private const double RtdOpenAboveCelsius = 250;
        private const double RtdShortBelowCelsius = -60;
        private const double LoopOpenBelowMilliamps = 3.6;
        private const double LoopShortAboveMilliamps = 21.0;

        private readonly SensorValidator[] _channels = new SensorValidator[ChannelCount];
        private readonly RedundantSensorVote _supply;
        private readonly double[] _supplyRaw = new double[CduInputs.SupplySensorCount];
        private readonly SensorValidator[] _supplyChannels = new SensorValidator[CduInputs.SupplySensorCount];

        public SensorSuite()
        {
            string[] names = { "supply1", "supply2", "supply3", "return", "facilitySupply", "facilityReturn", "deltaPressure", "flow", "filterDeltaPressure" };
            for (int i = 0; i < ChannelCount; i++)
            {
                _channels[i] = new SensorValidator(names[i]);
            }

            for (int i = 0; i < CduInputs.SupplySensorCount; i++)
            {
                _supplyChannels[i] = _channels[i];
            }

            _supply = new RedundantSensorVote(_supplyChannels);
        }

        public SensorValidator Channel(int index)
        {
            return _channels[index];
        }

        public RedundantSensorVote Supply { get { return _supply; } }

        /// <summary>Voted secondary supply temperature, °C (NaN when no supply sensor is healthy).</summary>
        public double SupplyTemperatureCelsius { get { return _supply.Value; } }

        public double ReturnTemperatureCelsius { get { return _channels[Return].Value; } }

        public double FacilitySupplyTemperatureCelsius { get { return _channels[FacilitySupply].Value; } }

        public double FacilityReturnTemperatureCelsius { get { return _channels[FacilityReturn].Value; } }

        /// <summary>Secondary ΔP, kPa (last valid value).</summary>
        public double DeltaPressureKpa { get; private set; }

        /// <summary>Secondary flow, L/min (last valid value).</summary>
        public double FlowLitersPerMinute { get; private set; }

        /// <summary>Filter ΔP, kPa (last valid value).</summary>
        public double FilterDeltaPressureKpa { get; private set; }

        public bool Valid(int channel)
        {
            return _channels[channel].Valid;
        }

        /// <summary>True when any channel is not healthy.</summary>
        public bool AnyFault
        {
            get
            {
                for (int i = 0; i < ChannelCount; i++)
                {
                    if (!_channels[i].Valid)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>Applies the thresholds of <paramref name="settings"/> to every channel.</summary>
        public void Configure(CduSettings settings)
        {
            long stuck = (long)(settings.Sensor.StuckSeconds * 1000);
            long recovery = (long)(settings.Sensor.RecoverySeconds * 1000);
            for (int i = 0; i <= FacilityReturn; i++)
            {
                SensorValidator c = _channels[i];
                c.OpenAbove = RtdOpenAboveCelsius;
                c.ShortBelow = RtdShortBelowCelsius;
                c.Minimum = settings.Sensor.TemperatureMinimumCelsius;
                c.Maximum = settings.Sensor.TemperatureMaximumCelsius;
                c.RateLimitPerSecond = settings.Sensor.TemperatureRateLimitKelvinPerSecond;
                c.StuckMilliseconds = stuck;
                c.RecoveryMilliseconds = recovery;
            }

            for (int i = DeltaPressure; i <= FilterDeltaPressure; i++)
            {
                SensorValidator c = _channels[i];
                c.OpenAbove = double.MaxValue;
                c.ShortBelow = double.MinValue;
                c.Minimum = LoopOpenBelowMilliamps;
                c.Maximum = LoopShortAboveMilliamps;
                c.RateLimitPerSecond = 100.0; // > 10 mA in one 100 ms cycle: no transmitter output moves like that, a pump trip does not either
                c.StuckMilliseconds = stuck;
                c.RecoveryMilliseconds = recovery;
            }

            _supply.DisagreementBand = settings.Sensor.SupplyDisagreementKelvin;
            _supply.DisagreementMilliseconds = (long)(settings.Sensor.SupplyDisagreementSeconds * 1000);
        }

        /// <summary>Validates one scan.</summary>
        public void Evaluate(CduInputs inputs, CduSettings settings, long nowMilliseconds)
        {
            for (int i = 0; i < CduInputs.SupplySensorCount; i++)
            {
                _supplyRaw[i] = inputs.SupplyTemperatureCelsius[i];
            }

            _supply.Evaluate(_supplyRaw, nowMilliseconds);
            _channels[Return].Evaluate(inputs.ReturnTemperatureCelsius, nowMilliseconds);
            _channels[FacilitySupply].Evaluate(inputs.FacilitySupplyTemperatureCelsius, nowMilliseconds);
            _channels[FacilityReturn].Evaluate(inputs.FacilityReturnTemperatureCelsius, nowMilliseconds);
            EvaluateLoop(DeltaPressure, inputs.DeltaPressureMilliamps, nowMilliseconds);
            EvaluateLoop(Flow, inputs.FlowMilliamps, nowMilliseconds);
            EvaluateLoop(FilterDeltaPressure, inputs.FilterDeltaPressureMilliamps, nowMilliseconds);
            if (_channels[DeltaPressure].Valid) DeltaPressureKpa = Scale(_channels[DeltaPressure].Value, settings.Sensor.DeltaPressureSpanKpa);
            if (_channels[Flow].Valid) FlowLitersPerMinute = Scale(_channels[Flow].Value, settings.Sensor.FlowSpanLitersPerMinute);
            if (_channels[FilterDeltaPressure].Valid) FilterDeltaPressureKpa = Scale(_channels[FilterDeltaPressure].Value, settings.Sensor.FilterDeltaPressureSpanKpa);
        }

        // NAMUR NE 43 first (open/short on the loop current), then the validator's own checks on the mA value.
        private void EvaluateLoop(int channel, double milliamps, long nowMilliseconds)
        {
            SensorValidator c = _channels[channel];
            if (!double.IsNaN(milliamps) && milliamps < LoopOpenBelowMilliamps)
            {
                c.Evaluate(double.NaN, nowMilliseconds);
                c.Declare(SensorStatus.Open, nowMilliseconds);
                return;
            }

            if (!double.IsNaN(milliamps) && milliamps > LoopShortAboveMilliamps)
            {
                c.Evaluate(double.NaN, nowMilliseconds);
                c.Declare(SensorStatus.Short, nowMilliseconds);
                return;
            }

            c.Evaluate(milliamps, nowMilliseconds);
        }

        /// <summary>4–20 mA to engineering units: 4 mA = 0, 20 mA = span (below 4 mA reads 0).</summary>
        public static double Scale(double milliamps, double span)
        {
            double value = (milliamps - 4.0) / 16.0 * span;
            return value < 0 ? 0 : value;
        }
    }
}
