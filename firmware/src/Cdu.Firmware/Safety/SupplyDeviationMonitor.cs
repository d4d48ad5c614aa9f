namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// Supply temperature high and low alarms: the supply off its working setpoint by more than the alarm band for the
    /// alarm delay raises the alarm on that side; it clears once back within the band less the hysteresis. While
    /// suppressed (start-up, shutdown, supply sensor invalid) both are clear and the delay restarts.
    /// </summary>
    public sealed class SupplyDeviationMonitor
    {
        private long _offBandSinceMilliseconds = -1;

        public bool High { get; private set; }

        public bool Low { get; private set; }

        /// <param name="deviationKelvin">Supply temperature less its working setpoint, K.</param>
        /// <param name="suppressed">No supply alarms now.</param>
        /// <param name="bandKelvin">Alarm band, K.</param>
        /// <param name="hysteresisKelvin">Clearing hysteresis, K.</param>
        /// <param name="delayMilliseconds">How long the deviation must last, ms.</param>
        /// <param name="nowMilliseconds">Now, ms.</param>
        public void Update(double deviationKelvin, bool suppressed, double bandKelvin, double hysteresisKelvin, long delayMilliseconds, long nowMilliseconds)
        {
            bool high = High;
            bool low = Low;
            bool offBand = deviationKelvin > bandKelvin || deviationKelvin < -bandKelvin;
            if (offBand && !suppressed)
            {
                if (_offBandSinceMilliseconds < 0) _offBandSinceMilliseconds = nowMilliseconds;
                if (nowMilliseconds - _offBandSinceMilliseconds >= delayMilliseconds)
                {
                    high |= deviationKelvin > 0;
                    low |= deviationKelvin < 0;
                }
            }
            else
            {
                _offBandSinceMilliseconds = -1;
            }

            double clearBand = bandKelvin - hysteresisKelvin;
            if (suppressed || deviationKelvin <= clearBand) high = high && !suppressed && deviationKelvin > clearBand;
            if (suppressed || deviationKelvin >= -clearBand) low = low && !suppressed && deviationKelvin < -clearBand;
            High = high;
            Low = low;
        }
    }
}
