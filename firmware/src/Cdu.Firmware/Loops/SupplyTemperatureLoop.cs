using Cdu.Firmware.Control;

namespace Cdu.Firmware.Loops
{
    /// <summary>
    /// Secondary supply temperature → facility-water valve. Direct-acting PI: a supply temperature above its
    /// setpoint opens the valve (more facility water through the heat exchanger), plus an optional feedforward
    /// proportional to the announced IT load. The target reaches the PI through a ramp (the envelope's slew limit)
    /// so a new target never steps the valve, and the valve command itself moves no faster than its slew limit
    /// (CTL-4). Without a valid measurement the valve goes, at its slew limit, to its safe position.
    /// </summary>
    public sealed class SupplyTemperatureLoop
    {
        private readonly PidController _pid;
        private readonly RateLimiter _setpointRamp;
        private readonly RateLimiter _valveSlew;
        private bool _started;
        private bool _manual;

        public SupplyTemperatureLoop(CduSettings settings)
        {
            _pid = new PidController(settings.Valve.ProportionalGainPercentPerKelvin, settings.Valve.IntegralTimeSeconds, 0,
                settings.Valve.MinimumPercent, settings.Valve.MaximumPercent, ControlAction.Direct);
            _setpointRamp = new RateLimiter(settings.Supply.SlewKelvinPerMinute / 60.0);
            _valveSlew = new RateLimiter(settings.Valve.SlewPercentPerSecond);
            _pid.OutputSlewRatePerSecond = settings.Valve.SlewPercentPerSecond;
        }

        /// <summary>Setpoint the PI works on now, °C (the ramped target).</summary>
        public double EffectiveSetpointCelsius { get { return _setpointRamp.Value; } }

        /// <summary>Valve command, % open.</summary>
        public double ValveCommandPercent { get { return _valveSlew.Value; } }

        /// <summary>True when the last update had no valid measurement (the valve went to its safe position).</summary>
        public bool Holding { get; private set; }

        public bool Manual { get { return _manual; } }

        /// <summary>Applies new settings (gains, limits, slews) without a bump.</summary>
        public void Configure(CduSettings settings)
        {
            _pid.ProportionalGain = settings.Valve.ProportionalGainPercentPerKelvin;
            _pid.IntegralTimeSeconds = settings.Valve.IntegralTimeSeconds;
            _pid.OutputMinimum = settings.Valve.MinimumPercent;
            _pid.OutputMaximum = settings.Valve.MaximumPercent;
            _setpointRamp.RatePerSecond = settings.Supply.SlewKelvinPerMinute / 60.0;
            _valveSlew.RatePerSecond = settings.Valve.SlewPercentPerSecond;
            _pid.OutputSlewRatePerSecond = settings.Valve.SlewPercentPerSecond;
        }

        /// <summary>Holds the valve at its current command (start-up before flow is proven, shutdown).</summary>
        public double Hold(double targetCelsius, double positionPercent)
        {
            _setpointRamp.Reset(targetCelsius);
            _valveSlew.Reset(positionPercent);
            _started = false;
            return positionPercent;
        }

        /// <summary>Puts the valve in manual at <paramref name="percent"/> (reached at the slew limit), or back in automatic.</summary>
        public void SetManual(bool manual)
        {
            _manual = manual;
        }

        /// <summary>
        /// One control step. In manual, and without a valid measurement (safe position), the valve moves at its slew
        /// limit to the forced value while the PI tracks it (integral = output − P − feedforward), so the return to
        /// automatic is bumpless (CTL-5).
        /// </summary>
        public double Update(double targetCelsius, double supplyTemperatureCelsius, bool measurementValid, double feedforwardPercent,
            double manualPercent, double safePercent, double sampleTimeSeconds)
        {
            if (!_started)
            {
                _setpointRamp.Reset(targetCelsius);
                _pid.Reset(_valveSlew.Value, supplyTemperatureCelsius);
                _started = measurementValid;
            }

            double setpoint = _setpointRamp.Update(targetCelsius, sampleTimeSeconds);
            Holding = !measurementValid;
            if (_manual || Holding)
            {
                double forced = _valveSlew.Update(_manual ? manualPercent : safePercent, sampleTimeSeconds);
                _pid.Mode = ControllerMode.Manual;
                _pid.ManualOutput = forced;
                _pid.Update(setpoint, measurementValid ? supplyTemperatureCelsius : double.NaN, feedforwardPercent, sampleTimeSeconds);
                return forced;
            }

            _pid.Mode = ControllerMode.Automatic;
            double wanted = _pid.Update(setpoint, supplyTemperatureCelsius, feedforwardPercent, sampleTimeSeconds);
            return _valveSlew.Update(wanted, sampleTimeSeconds);
        }
    }
}
