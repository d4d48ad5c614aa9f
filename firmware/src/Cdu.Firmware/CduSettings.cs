using Cdu.Firmware.Config;

namespace Cdu.Firmware
{
    /// <summary>
    /// The firmware's parameter values, one per entry of <see cref="ParameterTable"/> (where names, units, defaults
    /// and ranges live). A new instance holds the defaults. Typed properties read and write the values; a
    /// configuration document or update goes through <see cref="Config.ConfigurationStore"/> and is validated
    /// against the table before it gets here.
    /// </summary>
    public sealed class CduSettings
    {
        private readonly double[] _values = new double[ParameterTable.Count];

        public CduSettings()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = ParameterTable.Get(i).DefaultValue;
            }
        }

        /// <summary>The value of parameter <paramref name="index"/> (a <see cref="ParameterTable"/> constant).</summary>
        public double Get(int index)
        {
            return _values[index];
        }

        /// <summary>Sets parameter <paramref name="index"/> without validation (callers validate against the table).</summary>
        public void Set(int index, double value)
        {
            _values[index] = value;
        }

        /// <summary>Copies every value from <paramref name="other"/>.</summary>
        public void CopyFrom(CduSettings other)
        {
            for (int i = 0; i < _values.Length; i++)
            {
                _values[i] = other._values[i];
            }
        }

        /// <summary>
        /// Checks every value against its range and the rules between parameters. Returns null when valid, else a
        /// fixed-format reason naming the first offending parameter.
        /// </summary>
        public string Validate()
        {
            for (int i = 0; i < _values.Length; i++)
            {
                if (!ParameterTable.Get(i).Accepts(_values[i]))
                {
                    return ParameterTable.Get(i).Name + ": outside its range or not a whole number";
                }
            }

            if (SupplyTemperatureMinimumCelsius > SupplyTemperatureMaximumCelsius) return "supply.minimumSetpointCelsius: must not exceed supply.maximumSetpointCelsius";
            if (FallbackSupplyTemperatureCelsius < SupplyTemperatureMinimumCelsius || FallbackSupplyTemperatureCelsius > SupplyTemperatureMaximumCelsius) return "supply.fallbackSetpointCelsius: must lie within the supply envelope";
            if (ValveMinimumPercent > ValveMaximumPercent) return "valve.minimumPercent: must not exceed valve.maximumPercent";
            if (PumpMinimumSpeedPercent > PumpMaximumSpeedPercent) return "pump.minimumSpeedPercent: must not exceed pump.maximumSpeedPercent";
            if (LeakWarningPercent > LeakCriticalPercent) return "leak.warningPercent: must not exceed leak.criticalPercent";
            if (ReservoirLowLowPercent > ReservoirLowPercent) return "reservoir.lowLowPercent: must not exceed reservoir.lowPercent";
            if (LeaseMinimumSeconds > LeaseMaximumSeconds) return "lease.minimumSeconds: must not exceed lease.maximumSeconds";
            if (DeltaPressureMinimumKpa > DeltaPressureMaximumKpa) return "pump.deltaPressureMinimumKpa: must not exceed pump.deltaPressureMaximumKpa";
            if (TemperatureMinimumCelsius >= TemperatureMaximumCelsius) return "sensor.temperatureMinimumCelsius: must be below sensor.temperatureMaximumCelsius";
            if (WatchdogOverrunMilliseconds < ControlPeriodMilliseconds) return "watchdog.overrunMilliseconds: must be at least cycle.periodMilliseconds";
            return null;
        }

        /// <summary>cycle.periodMilliseconds (ms, 20 … 1000, default 100): Control cycle period.</summary>
        public int ControlPeriodMilliseconds
        {
            get { return (int)_values[ParameterTable.ControlPeriodMilliseconds]; }
            set { _values[ParameterTable.ControlPeriodMilliseconds] = value; }
        }

        /// <summary>telemetry.periodMilliseconds (ms, 200 … 10000, default 1000): Telemetry period.</summary>
        public int TelemetryPeriodMilliseconds
        {
            get { return (int)_values[ParameterTable.TelemetryPeriodMilliseconds]; }
            set { _values[ParameterTable.TelemetryPeriodMilliseconds] = value; }
        }

        /// <summary>startup.alarmSuppressionSeconds (s, 0 … 7200, default 1200): Process alarms (supply temperature band) are not raised this long after start-up; safety reactions are never suppressed.</summary>
        public int StartupAlarmSuppressionSeconds
        {
            get { return (int)_values[ParameterTable.StartupAlarmSuppressionSeconds]; }
            set { _values[ParameterTable.StartupAlarmSuppressionSeconds] = value; }
        }

        /// <summary>startup.flowProvingSeconds (s, 1 … 120, default 10): Start-up: pumps run this long, and flow must be proven, before the valve loop takes over.</summary>
        public int StartupFlowProvingSeconds
        {
            get { return (int)_values[ParameterTable.StartupFlowProvingSeconds]; }
            set { _values[ParameterTable.StartupFlowProvingSeconds] = value; }
        }

        /// <summary>watchdog.hangSeconds (s, 0.2 … 1.8, default 1): No completed control cycle for this long drives the outputs to their safe state (SAF-5: within 2 s).</summary>
        public double WatchdogHangSeconds
        {
            get { return _values[ParameterTable.WatchdogHangSeconds]; }
            set { _values[ParameterTable.WatchdogHangSeconds] = value; }
        }

        /// <summary>watchdog.overrunMilliseconds (ms, 50 … 1000, default 300): A control cycle taking longer than this is an overrun: safe outputs and a fault.</summary>
        public int WatchdogOverrunMilliseconds
        {
            get { return (int)_values[ParameterTable.WatchdogOverrunMilliseconds]; }
            set { _values[ParameterTable.WatchdogOverrunMilliseconds] = value; }
        }

        /// <summary>supply.fallbackSetpointCelsius (°C, 18 … 45, default 27): Local supply-temperature setpoint used without a supervisor lease.</summary>
        public double FallbackSupplyTemperatureCelsius
        {
            get { return _values[ParameterTable.FallbackSupplyTemperatureCelsius]; }
            set { _values[ParameterTable.FallbackSupplyTemperatureCelsius] = value; }
        }

        /// <summary>supply.minimumSetpointCelsius (°C, 5 … 45, default 18): Lowest supply setpoint the envelope allows.</summary>
        public double SupplyTemperatureMinimumCelsius
        {
            get { return _values[ParameterTable.SupplyTemperatureMinimumCelsius]; }
            set { _values[ParameterTable.SupplyTemperatureMinimumCelsius] = value; }
        }

        /// <summary>supply.maximumSetpointCelsius (°C, 18 … 60, default 45): Highest supply setpoint the envelope allows (ASHRAE W45).</summary>
        public double SupplyTemperatureMaximumCelsius
        {
            get { return _values[ParameterTable.SupplyTemperatureMaximumCelsius]; }
            set { _values[ParameterTable.SupplyTemperatureMaximumCelsius] = value; }
        }

        /// <summary>supply.slewKelvinPerMinute (K/min, 0.1 … 10, default 2): Fastest the working supply setpoint moves.</summary>
        public double SupplyTemperatureSlewKelvinPerMinute
        {
            get { return _values[ParameterTable.SupplyTemperatureSlewKelvinPerMinute]; }
            set { _values[ParameterTable.SupplyTemperatureSlewKelvinPerMinute] = value; }
        }

        /// <summary>supply.dewPointMarginKelvin (K, 0.5 … 10, default 2): The supply is never commanded below dew point + this margin (SAF-3).</summary>
        public double DewPointMarginKelvin
        {
            get { return _values[ParameterTable.DewPointMarginKelvin]; }
            set { _values[ParameterTable.DewPointMarginKelvin] = value; }
        }

        /// <summary>supply.assumedDewPointCelsius (°C, -10 … 30, default 15): Dew point assumed while the ambient temperature or humidity sensor is invalid.</summary>
        public double AssumedDewPointCelsius
        {
            get { return _values[ParameterTable.AssumedDewPointCelsius]; }
            set { _values[ParameterTable.AssumedDewPointCelsius] = value; }
        }

        /// <summary>supply.alarmBandKelvin (K, 0.5 … 10, default 2): Supply-temperature high/low alarm when off its setpoint by more than this (Lenovo RM100: ±2 °C).</summary>
        public double SupplyAlarmBandKelvin
        {
            get { return _values[ParameterTable.SupplyAlarmBandKelvin]; }
            set { _values[ParameterTable.SupplyAlarmBandKelvin] = value; }
        }

        /// <summary>supply.alarmDelaySeconds (s, 0 … 3600, default 120): …held for this long (Lenovo RM100: 2 min).</summary>
        public int SupplyAlarmDelaySeconds
        {
            get { return (int)_values[ParameterTable.SupplyAlarmDelaySeconds]; }
            set { _values[ParameterTable.SupplyAlarmDelaySeconds] = value; }
        }

        /// <summary>supply.alarmHysteresisKelvin (K, 0.1 … 5, default 1): …and cleared when back within the band minus this (Lenovo RM100: 1 °C).</summary>
        public double SupplyAlarmHysteresisKelvin
        {
            get { return _values[ParameterTable.SupplyAlarmHysteresisKelvin]; }
            set { _values[ParameterTable.SupplyAlarmHysteresisKelvin] = value; }
        }

        /// <summary>valve.proportionalGainPercentPerKelvin (%/K, 0.1 … 100, default 6): Valve loop proportional gain.</summary>
        public double ValveProportionalGainPercentPerKelvin
        {
            get { return _values[ParameterTable.ValveProportionalGainPercentPerKelvin]; }
            set { _values[ParameterTable.ValveProportionalGainPercentPerKelvin] = value; }
        }

        /// <summary>valve.integralTimeSeconds (s, 1 … 3600, default 60): Valve loop integral time.</summary>
        public double ValveIntegralTimeSeconds
        {
            get { return _values[ParameterTable.ValveIntegralTimeSeconds]; }
            set { _values[ParameterTable.ValveIntegralTimeSeconds] = value; }
        }

        /// <summary>valve.minimumPercent (%, 0 … 100, default 0): Valve command lower limit.</summary>
        public double ValveMinimumPercent
        {
            get { return _values[ParameterTable.ValveMinimumPercent]; }
            set { _values[ParameterTable.ValveMinimumPercent] = value; }
        }

        /// <summary>valve.maximumPercent (%, 0 … 100, default 100): Valve command upper limit.</summary>
        public double ValveMaximumPercent
        {
            get { return _values[ParameterTable.ValveMaximumPercent]; }
            set { _values[ParameterTable.ValveMaximumPercent] = value; }
        }

        /// <summary>valve.slewPercentPerSecond (%/s, 0.1 … 100, default 2): Fastest the valve command moves (CTL-4); the actuator strokes 100 % in about 120 s.</summary>
        public double ValveSlewPercentPerSecond
        {
            get { return _values[ParameterTable.ValveSlewPercentPerSecond]; }
            set { _values[ParameterTable.ValveSlewPercentPerSecond] = value; }
        }

        /// <summary>valve.safePositionPercent (%, 0 … 100, default 70): Valve position when the supply temperature cannot be measured or the cycle hangs.</summary>
        public double ValveSafePositionPercent
        {
            get { return _values[ParameterTable.ValveSafePositionPercent]; }
            set { _values[ParameterTable.ValveSafePositionPercent] = value; }
        }

        /// <summary>valve.feedforwardPercentPerKilowatt (%/kW, 0 … 1, default 0): Feedforward from the supervisor's announced IT load (0 = off).</summary>
        public double ValveFeedforwardPercentPerKilowatt
        {
            get { return _values[ParameterTable.ValveFeedforwardPercentPerKilowatt]; }
            set { _values[ParameterTable.ValveFeedforwardPercentPerKilowatt] = value; }
        }

        /// <summary>pump.controlVariable (–, 0 … 1, default 0): What pump speed holds: 0 = secondary ΔP, 1 = secondary flow.</summary>
        public int PumpControlVariable
        {
            get { return (int)_values[ParameterTable.PumpControlVariable]; }
            set { _values[ParameterTable.PumpControlVariable] = value; }
        }

        /// <summary>pump.deltaPressureSetpointKpa (kPa, 20 … 400, default 120): Local secondary ΔP setpoint.</summary>
        public double DeltaPressureSetpointKpa
        {
            get { return _values[ParameterTable.DeltaPressureSetpointKpa]; }
            set { _values[ParameterTable.DeltaPressureSetpointKpa] = value; }
        }

        /// <summary>pump.flowSetpointLitersPerMinute (L/min, 50 … 5000, default 700): Local secondary flow setpoint (when the pumps hold flow).</summary>
        public double FlowSetpointLitersPerMinute
        {
            get { return _values[ParameterTable.FlowSetpointLitersPerMinute]; }
            set { _values[ParameterTable.FlowSetpointLitersPerMinute] = value; }
        }

        /// <summary>pump.proportionalGainPercentPerKpa (%/kPa, 0.001 … 10, default 0.2): ΔP loop proportional gain.</summary>
        public double PumpProportionalGainPercentPerKpa
        {
            get { return _values[ParameterTable.PumpProportionalGainPercentPerKpa]; }
            set { _values[ParameterTable.PumpProportionalGainPercentPerKpa] = value; }
        }

        /// <summary>pump.integralTimeSeconds (s, 0.5 … 600, default 5): ΔP / flow loop integral time.</summary>
        public double PumpIntegralTimeSeconds
        {
            get { return _values[ParameterTable.PumpIntegralTimeSeconds]; }
            set { _values[ParameterTable.PumpIntegralTimeSeconds] = value; }
        }

        /// <summary>pump.flowProportionalGainPercentPerLiterPerMinute (%/(L/min), 0.0001 … 1, default 0.03): Flow loop proportional gain.</summary>
        public double PumpFlowProportionalGainPercentPerLiterPerMinute
        {
            get { return _values[ParameterTable.PumpFlowProportionalGainPercentPerLiterPerMinute]; }
            set { _values[ParameterTable.PumpFlowProportionalGainPercentPerLiterPerMinute] = value; }
        }

        /// <summary>pump.minimumSpeedPercent (%, 0 … 100, default 30): Lowest speed of a running pump.</summary>
        public double PumpMinimumSpeedPercent
        {
            get { return _values[ParameterTable.PumpMinimumSpeedPercent]; }
            set { _values[ParameterTable.PumpMinimumSpeedPercent] = value; }
        }

        /// <summary>pump.maximumSpeedPercent (%, 0 … 100, default 100): Highest pump speed.</summary>
        public double PumpMaximumSpeedPercent
        {
            get { return _values[ParameterTable.PumpMaximumSpeedPercent]; }
            set { _values[ParameterTable.PumpMaximumSpeedPercent] = value; }
        }

        /// <summary>pump.safeSpeedPercent (%, 0 … 100, default 80): Pump speed when ΔP/flow cannot be measured or the cycle hangs.</summary>
        public double PumpSafeSpeedPercent
        {
            get { return _values[ParameterTable.PumpSafeSpeedPercent]; }
            set { _values[ParameterTable.PumpSafeSpeedPercent] = value; }
        }

        /// <summary>pump.slewPercentPerSecond (%/s, 1 … 100, default 20): Fastest the pump speed command moves in normal operation (failover steps are faster).</summary>
        public double PumpSlewPercentPerSecond
        {
            get { return _values[ParameterTable.PumpSlewPercentPerSecond]; }
            set { _values[ParameterTable.PumpSlewPercentPerSecond] = value; }
        }

        /// <summary>pump.feedforwardPercentPerKilowatt (%/kW, 0 … 1, default 0): Pump-speed feedforward from the supervisor's announced IT load (0 = off).</summary>
        public double PumpFeedforwardPercentPerKilowatt
        {
            get { return _values[ParameterTable.PumpFeedforwardPercentPerKilowatt]; }
            set { _values[ParameterTable.PumpFeedforwardPercentPerKilowatt] = value; }
        }

        /// <summary>pump.count (–, 1 … 4, default 2): Pumps installed (N+1: one more than needed).</summary>
        public int PumpCount
        {
            get { return (int)_values[ParameterTable.PumpCount]; }
            set { _values[ParameterTable.PumpCount] = value; }
        }

        /// <summary>pump.rotationHours (h, 1 … 10000, default 168): Rotate the lead pump when its run hours exceed the standby's by this much.</summary>
        public double PumpRotationHours
        {
            get { return _values[ParameterTable.PumpRotationHours]; }
            set { _values[ParameterTable.PumpRotationHours] = value; }
        }

        /// <summary>pump.rotationOverlapSeconds (s, 2 … 120, default 10): During rotation both pumps run together this long, so flow never dips (RED-2).</summary>
        public int PumpRotationOverlapSeconds
        {
            get { return (int)_values[ParameterTable.PumpRotationOverlapSeconds]; }
            set { _values[ParameterTable.PumpRotationOverlapSeconds] = value; }
        }

        /// <summary>pump.speedFeedbackFraction (–, 0.1 … 0.95, default 0.5): A running pump whose speed feedback stays below this fraction of its command has failed.</summary>
        public double PumpSpeedFeedbackFraction
        {
            get { return _values[ParameterTable.PumpSpeedFeedbackFraction]; }
            set { _values[ParameterTable.PumpSpeedFeedbackFraction] = value; }
        }

        /// <summary>pump.failureDetectSeconds (s, 0.2 … 10, default 1): …for this long (fault input and ΔP collapse use it too).</summary>
        public double PumpFailureDetectSeconds
        {
            get { return _values[ParameterTable.PumpFailureDetectSeconds]; }
            set { _values[ParameterTable.PumpFailureDetectSeconds] = value; }
        }

        /// <summary>pump.deltaPressureCollapseFraction (–, 0.1 … 0.9, default 0.4): ΔP below this fraction of its setpoint while running means the lead pump has failed.</summary>
        public double DeltaPressureCollapseFraction
        {
            get { return _values[ParameterTable.DeltaPressureCollapseFraction]; }
            set { _values[ParameterTable.DeltaPressureCollapseFraction] = value; }
        }

        /// <summary>pump.dryRunFlowLitersPerMinute (L/min, 0 … 1000, default 30): Running pumps with flow below this…</summary>
        public double DryRunFlowLitersPerMinute
        {
            get { return _values[ParameterTable.DryRunFlowLitersPerMinute]; }
            set { _values[ParameterTable.DryRunFlowLitersPerMinute] = value; }
        }

        /// <summary>pump.dryRunSeconds (s, 1 … 120, default 10): …for this long are stopped (dry-run protection).</summary>
        public double DryRunSeconds
        {
            get { return _values[ParameterTable.DryRunSeconds]; }
            set { _values[ParameterTable.DryRunSeconds] = value; }
        }

        /// <summary>sensor.deltaPressureSpanKpa (kPa, 10 … 2000, default 400): ΔP transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double DeltaPressureSpanKpa
        {
            get { return _values[ParameterTable.DeltaPressureSpanKpa]; }
            set { _values[ParameterTable.DeltaPressureSpanKpa] = value; }
        }

        /// <summary>sensor.flowSpanLitersPerMinute (L/min, 10 … 20000, default 2000): Flow transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double FlowSpanLitersPerMinute
        {
            get { return _values[ParameterTable.FlowSpanLitersPerMinute]; }
            set { _values[ParameterTable.FlowSpanLitersPerMinute] = value; }
        }

        /// <summary>sensor.filterDeltaPressureSpanKpa (kPa, 10 … 2000, default 200): Filter ΔP transmitter span: 4 mA = 0, 20 mA = span.</summary>
        public double FilterDeltaPressureSpanKpa
        {
            get { return _values[ParameterTable.FilterDeltaPressureSpanKpa]; }
            set { _values[ParameterTable.FilterDeltaPressureSpanKpa] = value; }
        }

        /// <summary>sensor.temperatureMinimumCelsius (°C, -50 … 50, default -10): Lowest plausible coolant temperature; below: out of range (an RTD short reads far lower).</summary>
        public double TemperatureMinimumCelsius
        {
            get { return _values[ParameterTable.TemperatureMinimumCelsius]; }
            set { _values[ParameterTable.TemperatureMinimumCelsius] = value; }
        }

        /// <summary>sensor.temperatureMaximumCelsius (°C, 40 … 200, default 90): Highest plausible coolant temperature; above: out of range (an RTD open reads far higher).</summary>
        public double TemperatureMaximumCelsius
        {
            get { return _values[ParameterTable.TemperatureMaximumCelsius]; }
            set { _values[ParameterTable.TemperatureMaximumCelsius] = value; }
        }

        /// <summary>sensor.temperatureRateLimitKelvinPerSecond (K/s, 0.5 … 100, default 5): A temperature changing faster than this is a sensor fault, not the process.</summary>
        public double TemperatureRateLimitKelvinPerSecond
        {
            get { return _values[ParameterTable.TemperatureRateLimitKelvinPerSecond]; }
            set { _values[ParameterTable.TemperatureRateLimitKelvinPerSecond] = value; }
        }

        /// <summary>sensor.stuckSeconds (s, 5 … 3600, default 60): A reading that does not change at all for this long is stuck.</summary>
        public double SensorStuckSeconds
        {
            get { return _values[ParameterTable.SensorStuckSeconds]; }
            set { _values[ParameterTable.SensorStuckSeconds] = value; }
        }

        /// <summary>sensor.recoverySeconds (s, 1 … 600, default 10): A faulted sensor is trusted again after this long healthy.</summary>
        public double SensorRecoverySeconds
        {
            get { return _values[ParameterTable.SensorRecoverySeconds]; }
            set { _values[ParameterTable.SensorRecoverySeconds] = value; }
        }

        /// <summary>sensor.supplyDisagreementKelvin (K, 0.2 … 10, default 1): A redundant supply sensor off the others' median by more than this…</summary>
        public double SupplyDisagreementKelvin
        {
            get { return _values[ParameterTable.SupplyDisagreementKelvin]; }
            set { _values[ParameterTable.SupplyDisagreementKelvin] = value; }
        }

        /// <summary>sensor.supplyDisagreementSeconds (s, 1 … 600, default 30): …for this long is dropped from the vote (Lenovo RM100: 1 °C for 30 s).</summary>
        public double SupplyDisagreementSeconds
        {
            get { return _values[ParameterTable.SupplyDisagreementSeconds]; }
            set { _values[ParameterTable.SupplyDisagreementSeconds] = value; }
        }

        /// <summary>leak.warningPercent (%, 1 … 100, default 20): Leak-zone level that raises LeakDetectedWarning.</summary>
        public double LeakWarningPercent
        {
            get { return _values[ParameterTable.LeakWarningPercent]; }
            set { _values[ParameterTable.LeakWarningPercent] = value; }
        }

        /// <summary>leak.criticalPercent (%, 1 … 100, default 50): Leak-zone level that is critical: pumps stop, isolation closes, latched until reset (SAF-1).</summary>
        public double LeakCriticalPercent
        {
            get { return _values[ParameterTable.LeakCriticalPercent]; }
            set { _values[ParameterTable.LeakCriticalPercent] = value; }
        }

        /// <summary>leak.reactionDelaySeconds (s, 0 … 0.8, default 0.5): A leak level must persist this long before the reaction (rejects spikes; SAF-1 allows 1 s in all).</summary>
        public double LeakReactionDelaySeconds
        {
            get { return _values[ParameterTable.LeakReactionDelaySeconds]; }
            set { _values[ParameterTable.LeakReactionDelaySeconds] = value; }
        }

        /// <summary>reservoir.lowPercent (%, 1 … 100, default 30): Reservoir level that raises a low-level warning.</summary>
        public double ReservoirLowPercent
        {
            get { return _values[ParameterTable.ReservoirLowPercent]; }
            set { _values[ParameterTable.ReservoirLowPercent] = value; }
        }

        /// <summary>reservoir.lowLowPercent (%, 0 … 100, default 10): Reservoir level at which the pumps stop (SAF-2).</summary>
        public double ReservoirLowLowPercent
        {
            get { return _values[ParameterTable.ReservoirLowLowPercent]; }
            set { _values[ParameterTable.ReservoirLowLowPercent] = value; }
        }

        /// <summary>reservoir.reactionDelaySeconds (s, 0 … 0.8, default 0.5): A low-low level must persist this long before the pumps stop (SAF-2 allows 1 s in all).</summary>
        public double ReservoirReactionDelaySeconds
        {
            get { return _values[ParameterTable.ReservoirReactionDelaySeconds]; }
            set { _values[ParameterTable.ReservoirReactionDelaySeconds] = value; }
        }

        /// <summary>filter.serviceDeltaPressureKpa (kPa, 5 … 1000, default 60): Filter ΔP above which FilterRequiresService is raised.</summary>
        public double FilterServiceDeltaPressureKpa
        {
            get { return _values[ParameterTable.FilterServiceDeltaPressureKpa]; }
            set { _values[ParameterTable.FilterServiceDeltaPressureKpa] = value; }
        }

        /// <summary>lease.minimumSeconds (s, 1 … 600, default 5): Shortest lease a setpoint request may carry.</summary>
        public int LeaseMinimumSeconds
        {
            get { return (int)_values[ParameterTable.LeaseMinimumSeconds]; }
            set { _values[ParameterTable.LeaseMinimumSeconds] = value; }
        }

        /// <summary>lease.maximumSeconds (s, 5 … 86400, default 600): Longest lease a setpoint request may carry.</summary>
        public int LeaseMaximumSeconds
        {
            get { return (int)_values[ParameterTable.LeaseMaximumSeconds]; }
            set { _values[ParameterTable.LeaseMaximumSeconds] = value; }
        }

        /// <summary>pump.deltaPressureMinimumKpa (kPa, 20 … 400, default 30): Lowest secondary ΔP setpoint a supervisor request may set.</summary>
        public double DeltaPressureMinimumKpa
        {
            get { return _values[ParameterTable.DeltaPressureMinimumKpa]; }
            set { _values[ParameterTable.DeltaPressureMinimumKpa] = value; }
        }

        /// <summary>pump.deltaPressureMaximumKpa (kPa, 20 … 400, default 200): Highest secondary ΔP setpoint a supervisor request may set.</summary>
        public double DeltaPressureMaximumKpa
        {
            get { return _values[ParameterTable.DeltaPressureMaximumKpa]; }
            set { _values[ParameterTable.DeltaPressureMaximumKpa] = value; }
        }

        /// <summary>pump.deltaPressureSlewKpaPerSecond (kPa/s, 0.1 … 100, default 10): Fastest the working ΔP setpoint moves.</summary>
        public double DeltaPressureSlewKpaPerSecond
        {
            get { return _values[ParameterTable.DeltaPressureSlewKpaPerSecond]; }
            set { _values[ParameterTable.DeltaPressureSlewKpaPerSecond] = value; }
        }

    }
}
