using Cdu.Firmware.Control;

namespace Cdu.Firmware.Loops
{
    /// <summary>
    /// Secondary ΔP — or flow, by <c>pump.controlVariable</c> — → pump speed. Reverse-acting PI (pressure below its
    /// setpoint speeds the pumps up) within the minimum and maximum speed, moving no faster than the pump slew,
    /// plus an optional feedforward proportional to the announced IT load. Without a valid measurement the pumps
    /// go to their safe speed. During a pump rotation the speed is held, so that handing over never dips the flow.
    /// </summary>
    public sealed class PumpSpeedLoop
    {
        private readonly PidController _pid;
        private readonly RateLimiter _slew;
        private bool _started;

        public PumpSpeedLoop(CduSettings settings)
        {
            _pid = new PidController(settings.Pump.ProportionalGainPercentPerKpa, settings.Pump.IntegralTimeSeconds, 0,
                settings.Pump.MinimumSpeedPercent, settings.Pump.MaximumSpeedPercent, ControlAction.Reverse);
            _slew = new RateLimiter(settings.Pump.SlewPercentPerSecond);
            _slew.Reset(settings.Pump.MinimumSpeedPercent);
            _pid.Reset(settings.Pump.MinimumSpeedPercent, 0);
            Configure(settings);
        }

        /// <summary>Speed command, %.</summary>
        public double SpeedPercent { get { return _slew.Value; } }

        /// <summary>True when the loop holds flow rather than ΔP.</summary>
        public bool HoldsFlow { get; private set; }

        public bool Holding { get; private set; }

        public void Configure(CduSettings settings)
        {
            HoldsFlow = settings.Pump.ControlVariable == 1;
            _pid.ProportionalGain = HoldsFlow ? settings.Pump.FlowProportionalGainPercentPerLiterPerMinute : settings.Pump.ProportionalGainPercentPerKpa;
            _pid.IntegralTimeSeconds = settings.Pump.IntegralTimeSeconds;
            _pid.OutputMinimum = settings.Pump.MinimumSpeedPercent;
            _pid.OutputMaximum = settings.Pump.MaximumSpeedPercent;
            _slew.RatePerSecond = settings.Pump.SlewPercentPerSecond;
            _pid.OutputSlewRatePerSecond = settings.Pump.SlewPercentPerSecond;
        }

        /// <summary>Starts from standstill (or after a shutdown) at <paramref name="speedPercent"/>.</summary>
        public void Restart(double speedPercent)
        {
            _slew.Reset(speedPercent);
            _started = false;
        }

        /// <summary>
        /// One control step. <paramref name="hold"/> freezes the speed (pump rotation). In manual, while held, and
        /// without a valid measurement (safe speed) the PI tracks the forced speed, so the return is bumpless.
        /// </summary>
        public double Update(double setpoint, double measurement, bool measurementValid, double feedforwardPercent, bool manual,
            double manualPercent, double safePercent, bool hold, double sampleTimeSeconds)
        {
            if (!_started)
            {
                _pid.Reset(_slew.Value, measurement);
                _started = measurementValid;
            }

            Holding = !measurementValid;
            if (hold || manual || Holding)
            {
                double forced = hold ? _slew.Value : _slew.Update(manual ? manualPercent : safePercent, sampleTimeSeconds);
                _pid.Mode = ControllerMode.Manual;
                _pid.ManualOutput = forced;
                _pid.Update(setpoint, measurementValid ? measurement : double.NaN, feedforwardPercent, sampleTimeSeconds);
                return forced;
            }

            _pid.Mode = ControllerMode.Automatic;
            double wanted = _pid.Update(setpoint, measurement, feedforwardPercent, sampleTimeSeconds);
            return _slew.Update(wanted, sampleTimeSeconds);
        }
    }
}
