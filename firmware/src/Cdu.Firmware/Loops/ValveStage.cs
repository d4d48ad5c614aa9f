using Cdu.Firmware.Control;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Loops
{
    /// <summary>
    /// The cycle's valve stage: the supply temperature loop on the facility valve, held during start-up and
    /// shutdown, in manual at an operator's position, or driven by the relay auto-tuner like an operator would, so
    /// the PI tracks it and takes over bumplessly when the tune ends.
    /// </summary>
    public sealed class ValveStage
    {
        /// <summary>Relay amplitude of the valve auto-tune, % valve.</summary>
        public const double TuningAmplitudePercent = 10;

        /// <summary>Relay hysteresis of the valve auto-tune, K (above the supply sensors' noise).</summary>
        public const double TuningHysteresisKelvin = 0.1;

        /// <summary>Longest a valve auto-tune may run, s.</summary>
        public const double TuningTimeoutSeconds = 3600;

        private readonly SupplyTemperatureLoop _loop;
        private readonly RelayAutoTuner _tuner;

        public ValveStage(CduSettings settings)
        {
            _loop = new SupplyTemperatureLoop(settings);
            _tuner = new RelayAutoTuner(ControlAction.Direct, TuningAmplitudePercent, TuningHysteresisKelvin, 0, 100, TuningTimeoutSeconds);
            _tuner.BiasOffset = 0.3 * TuningAmplitudePercent;
        }

        public SupplyTemperatureLoop Loop { get { return _loop; } }

        /// <summary>The valve loop's relay auto-tuner.</summary>
        public RelayAutoTuner Tuner { get { return _tuner; } }

        /// <summary>
        /// One cycle; returns the valve command, %. With <paramref name="hold"/> (start-up before flow is proven, or
        /// shutdown) the loop holds the valve at <paramref name="holdPercent"/>; otherwise it works on
        /// <paramref name="targetCelsius"/>, in manual or under a running auto-tune (aborted when the supply sensor is lost).
        /// </summary>
        public double Update(bool hold, double holdPercent, double targetCelsius, double feedforwardPercent, OperatorOverrides overrides,
            SensorSuite sensors, CduSettings s, double dt)
        {
            if (hold)
            {
                return _loop.Hold(targetCelsius, holdPercent);
            }

            bool tuning = _tuner.IsRunning && sensors.Supply.Valid;
            if (_tuner.IsRunning && !tuning)
            {
                _tuner.Abort();
            }

            double manualPercent = tuning ? _tuner.Update(sensors.SupplyTemperatureCelsius, dt) : overrides.ValveManualPercent;
            _loop.SetManual(overrides.ValveManual || tuning);
            return _loop.Update(targetCelsius, sensors.SupplyTemperatureCelsius, sensors.Supply.Valid, feedforwardPercent, manualPercent,
                s.Valve.SafePositionPercent, dt);
        }
    }
}
