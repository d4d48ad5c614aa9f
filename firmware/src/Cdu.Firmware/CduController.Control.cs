using Cdu.Firmware.Alarms;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware
{
    /// <summary>The cycle's safety functions, mode, loops and safe outputs.</summary>
    public sealed partial class CduController
    {
        /// <summary>Relay amplitude of the valve auto-tune, % valve.</summary>
        public const double TuningAmplitudePercent = 10;

        /// <summary>Relay hysteresis of the valve auto-tune, K (above the supply sensors' noise).</summary>
        public const double TuningHysteresisKelvin = 0.1;

        /// <summary>Longest a valve auto-tune may run, s.</summary>
        public const double TuningTimeoutSeconds = 3600;

        private bool _tuningReported = true;

        /// <summary>True while a latched safety condition or an operator's shutdown holds the pumps stopped.</summary>
        public bool ShutdownActive
        {
            get { return _leaks.CriticalLatched || _reservoir.LowLowLatched || _dryRunLatched || _operatorShutdown; }
        }

        private void RunSafety(long now)
        {
            CduSettings s = _settings;
            long leakDelay = (long)(s.LeakReactionDelaySeconds * 1000);
            _leaks.Update(_inputs.LeakZoneLevelPercent, s.LeakWarningPercent, s.LeakCriticalPercent, leakDelay, now);
            _reservoir.Update(_inputs.ReservoirLevelPercent, s.ReservoirLowPercent, s.ReservoirLowLowPercent, (long)(s.ReservoirReactionDelaySeconds * 1000), now);

            bool pumpsCommanded = false;
            for (int i = 0; i < _pumps.Count; i++)
            {
                pumpsCommanded |= _outputs.PumpRunCommand[i];
            }

            bool flowValid = _sensors.Valid(SensorSuite.Flow);
            bool lowFlow = pumpsCommanded && flowValid && _sensors.FlowLitersPerMinute < s.DryRunFlowLitersPerMinute;
            long grace = (long)(s.StartupFlowProvingSeconds * 1000);
            if (lowFlow && now - _startupAtMilliseconds >= grace)
            {
                if (_lowFlowSinceMilliseconds < 0) _lowFlowSinceMilliseconds = now;
                if (now - _lowFlowSinceMilliseconds >= (long)(s.DryRunSeconds * 1000)) _dryRunLatched = true;
            }
            else
            {
                _lowFlowSinceMilliseconds = -1;
            }

            for (int zone = 0; zone < CduInputs.LeakZoneCount; zone++)
            {
                _alarms.Set(AlarmTable.LeakWarningFirst + zone, _leaks.Warning(zone) && !_leaks.Critical(zone), now);
                _alarms.Set(AlarmTable.LeakCriticalFirst + zone, _leaks.Critical(zone), now);
            }

            _alarms.Set(AlarmTable.ReservoirLow, _reservoir.Low && !_reservoir.LowLowLatched, now);
            _alarms.Set(AlarmTable.ReservoirLowLow, _reservoir.LowLowLatched, now);
            _alarms.Set(AlarmTable.DryRun, _dryRunLatched, now);
            bool filterValid = _sensors.Valid(SensorSuite.FilterDeltaPressure);
            bool filterActive = _alarms.Get(AlarmTable.Filter).Active;
            double filterLimit = filterActive ? s.FilterServiceDeltaPressureKpa * 0.9 : s.FilterServiceDeltaPressureKpa;
            _alarms.Set(AlarmTable.Filter, filterValid && _sensors.FilterDeltaPressureKpa > filterLimit, now);
            for (int i = 0; i < SensorSuite.ChannelCount; i++)
            {
                _alarms.Set(AlarmTable.SensorFirst + i, !_sensors.Channel(i).Valid, now);
            }

            if (_faultUntilMilliseconds >= 0 && now >= _faultUntilMilliseconds)
            {
                _faultUntilMilliseconds = -1;
                _alarms.Set(AlarmTable.CycleFault, false, now);
            }
        }

        private void UpdateMode(long now)
        {
            CduMode wanted;
            string reason;
            if (_faultUntilMilliseconds >= 0)
            {
                wanted = CduMode.Fault;
                reason = "control cycle monitoring failed: safe outputs";
            }
            else if (ShutdownActive)
            {
                wanted = CduMode.Shutdown;
                reason = _leaks.CriticalLatched ? "critical leak" : _reservoir.LowLowLatched ? "reservoir low-low" : _dryRunLatched ? "dry run" : "operator shutdown";
            }
            else if (_mode == CduMode.Shutdown || (_mode == CduMode.Startup && !_flowProven))
            {
                wanted = CduMode.Startup;
                reason = "pumps starting, proving flow";
            }
            else if (_valveManual || _pumpManual || _valveTuner.IsRunning)
            {
                wanted = CduMode.Manual;
                reason = _valveTuner.IsRunning ? "the valve loop is being auto-tuned" : "an actuator is in manual";
            }
            else if (Degraded)
            {
                wanted = CduMode.Degraded;
                reason = "a sensor or the standby pump is lost";
            }
            else if (_arbiter.LeaseLost)
            {
                wanted = CduMode.Fallback;
                reason = "supervisor lease expired";
            }
            else
            {
                wanted = CduMode.Automatic;
                reason = "all loops on their setpoints";
            }

            if (wanted == _mode)
            {
                return;
            }

            if (!CduModeTransitions.IsAllowed(_mode, wanted))
            {
                if (_mode == CduMode.Shutdown)
                {
                    wanted = CduMode.Startup;
                    reason = "restart after reset";
                }
                else
                {
                    return;
                }
            }

            if (wanted == CduMode.Startup)
            {
                _startupAtMilliseconds = now;
                _flowProven = false;
                _pumpLoop.Restart(_settings.PumpMinimumSpeedPercent);
            }

            CduMode from = _mode;
            _mode = wanted;
            PublishModeChange(now, from, wanted, reason);
        }

        // While the pumps are stopped the working ΔP setpoint waits at the target, so a restart aims at it directly.
        private double ResetDeltaPressureRamp()
        {
            _deltaPressureRamp.Reset(_arbiter.TargetDeltaPressureKpa);
            return _deltaPressureRamp.Value;
        }

        private bool Degraded
        {
            get
            {
                return _sensors.AnyFault || !_pumps.StandbyAvailable || !_pumps.LeadAvailable || _supplyLoop.Holding || _pumpLoop.Holding;
            }
        }

        private void RunLoops(long now, double dt)
        {
            CduSettings s = _settings;
            bool run = _mode != CduMode.Shutdown;
            if (_mode == CduMode.Fault)
            {
                ComposeSafeOutputs();
                _outputs.CopyFrom(_safeOutputs);
                return;
            }

            bool flowValid = _sensors.Valid(SensorSuite.Flow);
            bool holdsFlow = _pumpLoop.HoldsFlow;
            double deltaPressureSetpoint = run ? _deltaPressureRamp.Update(_arbiter.TargetDeltaPressureKpa, dt) : ResetDeltaPressureRamp();
            double pumpSetpoint = holdsFlow ? s.FlowSetpointLitersPerMinute : deltaPressureSetpoint;
            int pumpChannel = holdsFlow ? SensorSuite.Flow : SensorSuite.DeltaPressure;
            double pumpMeasurement = holdsFlow ? _sensors.FlowLitersPerMinute : _sensors.DeltaPressureKpa;
            bool pumpMeasurementValid = _sensors.Valid(pumpChannel);
            double speed = run
                ? _pumpLoop.Update(pumpSetpoint, pumpMeasurement, pumpMeasurementValid, _itLoadKilowatts * s.PumpFeedforwardPercentPerKilowatt,
                    _pumpManual, _pumpManualPercent, s.PumpSafeSpeedPercent, _pumps.Rotating, dt)
                : 0;
            if (!run)
            {
                _pumpLoop.Restart(s.PumpMinimumSpeedPercent);
            }

            // ΔP collapse means a failed lead only once ΔP has been established (flow proven), not while the pumps spin up.
            bool collapsed = _flowProven && !holdsFlow && pumpMeasurementValid && _sensors.DeltaPressureKpa < s.DeltaPressureCollapseFraction * deltaPressureSetpoint;
            int failed = _pumps.Update(run, speed, _inputs, s, collapsed, dt, now, _outputs);
            if (failed >= 0)
            {
                _runHours.Save(_pumps);
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                _alarms.Set(AlarmTable.PumpFailedFirst + i, i < _pumps.Count && _pumps.State(i) == PumpState.Failed, now);
            }

            _alarms.Set(AlarmTable.NoStandby, run && !_pumps.StandbyAvailable, now);
            _outputs.IsolationValvesOpen = !_leaks.CriticalLatched;

            if (_mode == CduMode.Startup && !_flowProven && flowValid && _sensors.FlowLitersPerMinute >= s.DryRunFlowLitersPerMinute
                && now - _startupAtMilliseconds >= (long)(s.StartupFlowProvingSeconds * 1000))
            {
                _flowProven = true;
            }

            double target = _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius);
            if (!run || (_mode == CduMode.Startup && !_flowProven))
            {
                // Start-up sequence: pumps first; the valve stays at its minimum until flow is proven. Shutdown: closed.
                _outputs.ValveCommandPercent = _supplyLoop.Hold(target, run ? s.ValveMinimumPercent : 0);
            }
            else
            {
                // A relay auto-tune drives the valve like an operator would (manual), so the PI tracks it and takes over bumplessly.
                bool tuning = _valveTuner.IsRunning && _sensors.Supply.Valid && _mode != CduMode.Fault;
                if (_valveTuner.IsRunning && !tuning)
                {
                    _valveTuner.Abort();
                }

                double manualPercent = tuning ? _valveTuner.Update(_sensors.SupplyTemperatureCelsius, dt) : _valveManualPercent;
                _supplyLoop.SetManual(_valveManual || tuning);
                _outputs.ValveCommandPercent = _supplyLoop.Update(target, _sensors.SupplyTemperatureCelsius, _sensors.Supply.Valid,
                    _itLoadKilowatts * s.ValveFeedforwardPercentPerKilowatt, manualPercent, s.ValveSafePositionPercent, dt);
            }

            if (!_tuningReported && !_valveTuner.IsRunning)
            {
                _tuningReported = true;
                _eventSequence++;
                Send(_topics.Event, _composer.ComposeTuningResult(_eventSequence, now, _valveTuner.Result), 1, false);
            }

            EvaluateSupplyAlarms(now, target);
        }

        private void EvaluateSupplyAlarms(long now, double target)
        {
            CduSettings s = _settings;
            _alarms.Set(AlarmTable.DewPointLimit, _arbiter.LimitedByDewPoint(_dewPointCelsius), now);
            bool suppressed = now - _startupAtMilliseconds < (long)s.StartupAlarmSuppressionSeconds * 1000 || _mode == CduMode.Shutdown || !_sensors.Supply.Valid;
            double deviation = _sensors.SupplyTemperatureCelsius - _supplyLoop.EffectiveSetpointCelsius;
            bool high = _alarms.Get(AlarmTable.SupplyHigh).Active;
            bool low = _alarms.Get(AlarmTable.SupplyLow).Active;
            bool offBand = deviation > s.SupplyAlarmBandKelvin || deviation < -s.SupplyAlarmBandKelvin;
            if (offBand && !suppressed)
            {
                if (_supplyOffBandSinceMilliseconds < 0) _supplyOffBandSinceMilliseconds = now;
                if (now - _supplyOffBandSinceMilliseconds >= (long)s.SupplyAlarmDelaySeconds * 1000)
                {
                    high |= deviation > 0;
                    low |= deviation < 0;
                }
            }
            else
            {
                _supplyOffBandSinceMilliseconds = -1;
            }

            double clearBand = s.SupplyAlarmBandKelvin - s.SupplyAlarmHysteresisKelvin;
            if (suppressed || deviation <= clearBand) high = high && !suppressed && deviation > clearBand;
            if (suppressed || deviation >= -clearBand) low = low && !suppressed && deviation < -clearBand;
            _alarms.Set(AlarmTable.SupplyHigh, high, now);
            _alarms.Set(AlarmTable.SupplyLow, low, now);
        }

        // Safe state (SAF-4/5): keep cooling — the lead pump (or the first usable one) at its safe speed, the valve at its
        // safe position — unless a latched safety condition demands the pumps stopped and, for a leak, the isolation closed.
        private void ComposeSafeOutputs()
        {
            CduSettings s = _settings;
            bool run = !ShutdownActive;
            int pump = _pumps.LeadAvailable ? _pumps.Lead : -1;
            for (int i = 0; pump < 0 && i < _pumps.Count; i++)
            {
                if (_pumps.State(i) != PumpState.Failed) pump = i;
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                bool on = run && i == pump;
                _safeOutputs.PumpRunCommand[i] = on;
                _safeOutputs.PumpSpeedCommandPercent[i] = on ? s.PumpSafeSpeedPercent : 0;
            }

            _safeOutputs.ValveCommandPercent = run ? s.ValveSafePositionPercent : 0;
            _safeOutputs.IsolationValvesOpen = !_leaks.CriticalLatched;
            _safeOutputs.AlarmRelay = true;
        }

        private void UpdateSafeOutputs()
        {
            lock (_safeGate)
            {
                ComposeSafeOutputs();
            }
        }

        private void SaveRunHoursWhenDue(long now)
        {
            if (now >= _nextRunHourSaveMilliseconds)
            {
                if (_nextRunHourSaveMilliseconds > 0)
                {
                    _runHours.Save(_pumps);
                }

                _nextRunHourSaveMilliseconds = now + 600000;
            }
        }

        void IAlarmSink.AlarmChanged(Alarm alarm, bool raised, long nowMilliseconds)
        {
            _eventSequence++;
            Send(_topics.Event, _composer.ComposeAlarm(_eventSequence, nowMilliseconds, alarm, raised), 1, false);
        }
    }
}
