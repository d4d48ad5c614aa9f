using Cdu.Firmware.Control;

namespace Cdu.Firmware.Loops
{
    /// <summary>
    /// Secondary supply temperature → facility-water valve. Direct-acting PI: a supply temperature above its
    /// setpoint opens the valve (more facility water through the heat exchanger). The setpoint reaches the PI
    /// through a ramp (the envelope's slew limit) so that a new target never steps the valve.
    /// </summary>
    public sealed class SupplyTemperatureLoop
    {
        private readonly PidController _pid;
        private readonly RateLimiter _setpointRamp;
        private bool _started;

        public SupplyTemperatureLoop(CduSettings settings)
        {
            _pid = new PidController(settings.ValveProportionalGainPercentPerKelvin, settings.ValveIntegralTimeSeconds, 0,
                settings.ValveMinimumPercent, settings.ValveMaximumPercent, ControlAction.Direct);
            _setpointRamp = new RateLimiter(settings.SupplyTemperatureSlewKelvinPerMinute / 60.0);
        }

        /// <summary>Setpoint the PI works on now, °C (the ramped target).</summary>
        public double EffectiveSetpointCelsius { get { return _setpointRamp.Value; } }

        /// <summary>Valve command, % open.</summary>
        public double ValveCommandPercent { get { return _pid.Output; } }

        /// <summary>True when the last update could not run on a valid measurement (the valve holds).</summary>
        public bool Holding { get; private set; }

        /// <summary>One control step. An invalid measurement holds the valve and the ramp.</summary>
        public double Update(double targetCelsius, double supplyTemperatureCelsius, bool measurementValid, double sampleTimeSeconds)
        {
            if (!_started)
            {
                _setpointRamp.Reset(targetCelsius);
                _pid.Reset(_pid.OutputMinimum, supplyTemperatureCelsius);
                _started = measurementValid;
            }

            double setpoint = _setpointRamp.Update(targetCelsius, sampleTimeSeconds);
            Holding = !measurementValid;
            if (Holding)
            {
                return _pid.Output;
            }

            return _pid.Update(setpoint, supplyTemperatureCelsius, 0, sampleTimeSeconds);
        }
    }
}
