namespace Cdu.Firmware.Config
{
    /// <summary>
    /// The one table of firmware parameters: name, unit, default, minimum, maximum, description. Configuration
    /// validation, <see cref="CduSettings"/> and the parameter reference in docs/firmware-parameters.md all come
    /// from it: a parameter is added here (with its index constant) and read through <see cref="CduSettings"/>.
    /// </summary>
    public static class ParameterTable
    {
        public const int ControlPeriodMilliseconds = 0;
        public const int TelemetryPeriodMilliseconds = 1;
        public const int StartupAlarmSuppressionSeconds = 2;
        public const int StartupFlowProvingSeconds = 3;
        public const int WatchdogHangSeconds = 4;
        public const int WatchdogOverrunMilliseconds = 5;
        public const int FallbackSupplyTemperatureCelsius = 6;
        public const int SupplyTemperatureMinimumCelsius = 7;
        public const int SupplyTemperatureMaximumCelsius = 8;
        public const int SupplyTemperatureSlewKelvinPerMinute = 9;
        public const int DewPointMarginKelvin = 10;
        public const int AssumedDewPointCelsius = 11;
        public const int SupplyAlarmBandKelvin = 12;
        public const int SupplyAlarmDelaySeconds = 13;
        public const int SupplyAlarmHysteresisKelvin = 14;
        public const int ValveProportionalGainPercentPerKelvin = 15;
        public const int ValveIntegralTimeSeconds = 16;
        public const int ValveMinimumPercent = 17;
        public const int ValveMaximumPercent = 18;
        public const int ValveSlewPercentPerSecond = 19;
        public const int ValveSafePositionPercent = 20;
        public const int ValveFeedforwardPercentPerKilowatt = 21;
        public const int PumpControlVariable = 22;
        public const int DeltaPressureSetpointKpa = 23;
        public const int FlowSetpointLitersPerMinute = 24;
        public const int PumpProportionalGainPercentPerKpa = 25;
        public const int PumpIntegralTimeSeconds = 26;
        public const int PumpFlowProportionalGainPercentPerLiterPerMinute = 27;
        public const int PumpMinimumSpeedPercent = 28;
        public const int PumpMaximumSpeedPercent = 29;
        public const int PumpSafeSpeedPercent = 30;
        public const int PumpSlewPercentPerSecond = 31;
        public const int PumpFeedforwardPercentPerKilowatt = 32;
        public const int PumpCount = 33;
        public const int PumpRotationHours = 34;
        public const int PumpRotationOverlapSeconds = 35;
        public const int PumpSpeedFeedbackFraction = 36;
        public const int PumpFailureDetectSeconds = 37;
        public const int DeltaPressureCollapseFraction = 38;
        public const int DryRunFlowLitersPerMinute = 39;
        public const int DryRunSeconds = 40;
        public const int DeltaPressureSpanKpa = 41;
        public const int FlowSpanLitersPerMinute = 42;
        public const int FilterDeltaPressureSpanKpa = 43;
        public const int TemperatureMinimumCelsius = 44;
        public const int TemperatureMaximumCelsius = 45;
        public const int TemperatureRateLimitKelvinPerSecond = 46;
        public const int SensorStuckSeconds = 47;
        public const int SensorRecoverySeconds = 48;
        public const int SupplyDisagreementKelvin = 49;
        public const int SupplyDisagreementSeconds = 50;
        public const int LeakWarningPercent = 51;
        public const int LeakCriticalPercent = 52;
        public const int LeakReactionDelaySeconds = 53;
        public const int ReservoirLowPercent = 54;
        public const int ReservoirLowLowPercent = 55;
        public const int ReservoirReactionDelaySeconds = 56;
        public const int FilterServiceDeltaPressureKpa = 57;
        public const int LeaseMinimumSeconds = 58;
        public const int LeaseMaximumSeconds = 59;
        public const int DeltaPressureMinimumKpa = 60;
        public const int DeltaPressureMaximumKpa = 61;
        public const int DeltaPressureSlewKpaPerSecond = 62;

        public const int Count = 63;

        private static readonly ParameterDefinition[] Table = new ParameterDefinition[]
        {
            new ParameterDefinition("cycle.periodMilliseconds", "ms", 100.0, 20.0, 1000.0, true, "Control cycle period."),
            new ParameterDefinition("telemetry.periodMilliseconds", "ms", 1000.0, 200.0, 10000.0, true, "Telemetry period."),
            new ParameterDefinition("startup.alarmSuppressionSeconds", "s", 1200.0, 0.0, 7200.0, true, "Process alarms (supply temperature band) are not raised this long after start-up; safety reactions are never suppressed."),
            new ParameterDefinition("startup.flowProvingSeconds", "s", 10.0, 1.0, 120.0, true, "Start-up: pumps run this long, and flow must be proven, before the valve loop takes over."),
            new ParameterDefinition("watchdog.hangSeconds", "s", 1.0, 0.2, 1.8, false, "No completed control cycle for this long drives the outputs to their safe state (SAF-5: within 2 s)."),
            new ParameterDefinition("watchdog.overrunMilliseconds", "ms", 300.0, 50.0, 1000.0, true, "A control cycle taking longer than this is an overrun: safe outputs and a fault."),
            new ParameterDefinition("supply.fallbackSetpointCelsius", "°C", 27.0, 18.0, 45.0, false, "Local supply-temperature setpoint used without a supervisor lease."),
            new ParameterDefinition("supply.minimumSetpointCelsius", "°C", 18.0, 5.0, 45.0, false, "Lowest supply setpoint the envelope allows."),
            new ParameterDefinition("supply.maximumSetpointCelsius", "°C", 45.0, 18.0, 60.0, false, "Highest supply setpoint the envelope allows (ASHRAE W45)."),
            new ParameterDefinition("supply.slewKelvinPerMinute", "K/min", 2.0, 0.1, 10.0, false, "Fastest the working supply setpoint moves."),
            new ParameterDefinition("supply.dewPointMarginKelvin", "K", 2.0, 0.5, 10.0, false, "The supply is never commanded below dew point + this margin (SAF-3)."),
            new ParameterDefinition("supply.assumedDewPointCelsius", "°C", 15.0, -10.0, 30.0, false, "Dew point assumed while the ambient temperature or humidity sensor is invalid."),
            new ParameterDefinition("supply.alarmBandKelvin", "K", 2.0, 0.5, 10.0, false, "Supply-temperature high/low alarm when off its setpoint by more than this (Lenovo RM100: ±2 °C)."),
            new ParameterDefinition("supply.alarmDelaySeconds", "s", 120.0, 0.0, 3600.0, true, "…held for this long (Lenovo RM100: 2 min)."),
            new ParameterDefinition("supply.alarmHysteresisKelvin", "K", 1.0, 0.1, 5.0, false, "…and cleared when back within the band minus this (Lenovo RM100: 1 °C)."),
            new ParameterDefinition("valve.proportionalGainPercentPerKelvin", "%/K", 5.0, 0.1, 100.0, false, "Valve loop proportional gain (default: AMIGO from the auto-tune of the reference loop, rounded)."),
            new ParameterDefinition("valve.integralTimeSeconds", "s", 36.0, 1.0, 3600.0, false, "Valve loop integral time (default: AMIGO from the auto-tune of the reference loop)."),
            new ParameterDefinition("valve.minimumPercent", "%", 0.0, 0.0, 100.0, false, "Valve command lower limit."),
            new ParameterDefinition("valve.maximumPercent", "%", 100.0, 0.0, 100.0, false, "Valve command upper limit."),
            new ParameterDefinition("valve.slewPercentPerSecond", "%/s", 2.0, 0.1, 100.0, false, "Fastest the valve command moves (CTL-4); the actuator strokes 100 % in about 120 s."),
            new ParameterDefinition("valve.safePositionPercent", "%", 70.0, 0.0, 100.0, false, "Valve position when the supply temperature cannot be measured or the cycle hangs."),
            new ParameterDefinition("valve.feedforwardPercentPerKilowatt", "%/kW", 0.0, 0.0, 1.0, false, "Feedforward from the supervisor's announced IT load (0 = off)."),
            new ParameterDefinition("pump.controlVariable", "–", 0.0, 0.0, 1.0, true, "What pump speed holds: 0 = secondary ΔP, 1 = secondary flow."),
            new ParameterDefinition("pump.deltaPressureSetpointKpa", "kPa", 120.0, 20.0, 400.0, false, "Local secondary ΔP setpoint."),
            new ParameterDefinition("pump.flowSetpointLitersPerMinute", "L/min", 700.0, 50.0, 5000.0, false, "Local secondary flow setpoint (when the pumps hold flow)."),
            new ParameterDefinition("pump.proportionalGainPercentPerKpa", "%/kPa", 0.2, 0.001, 10.0, false, "ΔP loop proportional gain."),
            new ParameterDefinition("pump.integralTimeSeconds", "s", 2.0, 0.5, 600.0, false, "ΔP / flow loop integral time."),
            new ParameterDefinition("pump.flowProportionalGainPercentPerLiterPerMinute", "%/(L/min)", 0.03, 0.0001, 1.0, false, "Flow loop proportional gain."),
            new ParameterDefinition("pump.minimumSpeedPercent", "%", 30.0, 0.0, 100.0, false, "Lowest speed of a running pump."),
            new ParameterDefinition("pump.maximumSpeedPercent", "%", 100.0, 0.0, 100.0, false, "Highest pump speed."),
            new ParameterDefinition("pump.safeSpeedPercent", "%", 80.0, 0.0, 100.0, false, "Pump speed when ΔP/flow cannot be measured or the cycle hangs."),
            new ParameterDefinition("pump.slewPercentPerSecond", "%/s", 20.0, 1.0, 100.0, false, "Fastest the pump speed command moves in normal operation (failover steps are faster)."),
            new ParameterDefinition("pump.feedforwardPercentPerKilowatt", "%/kW", 0.0, 0.0, 1.0, false, "Pump-speed feedforward from the supervisor's announced IT load (0 = off)."),
            new ParameterDefinition("pump.count", "–", 2.0, 1.0, 4.0, true, "Pumps installed (N+1: one more than needed)."),
            new ParameterDefinition("pump.rotationHours", "h", 168.0, 1.0, 10000.0, false, "Rotate the lead pump when its run hours exceed the standby's by this much."),
            new ParameterDefinition("pump.rotationOverlapSeconds", "s", 10.0, 2.0, 120.0, true, "During rotation both pumps run together this long, so flow never dips (RED-2)."),
            new ParameterDefinition("pump.speedFeedbackFraction", "–", 0.5, 0.1, 0.95, false, "A running pump whose speed feedback stays below this fraction of its command has failed."),
            new ParameterDefinition("pump.failureDetectSeconds", "s", 0.5, 0.2, 10.0, false, "…for this long, or ΔP below the collapse fraction for this long, means the lead has failed (a drive fault contact counts after 0.2 s)."),
            new ParameterDefinition("pump.deltaPressureCollapseFraction", "–", 0.4, 0.1, 0.9, false, "ΔP below this fraction of its setpoint while running means the lead pump has failed."),
            new ParameterDefinition("pump.dryRunFlowLitersPerMinute", "L/min", 30.0, 0.0, 1000.0, false, "Running pumps with flow below this…"),
            new ParameterDefinition("pump.dryRunSeconds", "s", 10.0, 1.0, 120.0, false, "…for this long are stopped (dry-run protection)."),
            new ParameterDefinition("sensor.deltaPressureSpanKpa", "kPa", 400.0, 10.0, 2000.0, false, "ΔP transmitter span: 4 mA = 0, 20 mA = span."),
            new ParameterDefinition("sensor.flowSpanLitersPerMinute", "L/min", 2000.0, 10.0, 20000.0, false, "Flow transmitter span: 4 mA = 0, 20 mA = span."),
            new ParameterDefinition("sensor.filterDeltaPressureSpanKpa", "kPa", 200.0, 10.0, 2000.0, false, "Filter ΔP transmitter span: 4 mA = 0, 20 mA = span."),
            new ParameterDefinition("sensor.temperatureMinimumCelsius", "°C", -10.0, -50.0, 50.0, false, "Lowest plausible coolant temperature; below: out of range (an RTD short reads far lower)."),
            new ParameterDefinition("sensor.temperatureMaximumCelsius", "°C", 90.0, 40.0, 200.0, false, "Highest plausible coolant temperature; above: out of range (an RTD open reads far higher)."),
            new ParameterDefinition("sensor.temperatureRateLimitKelvinPerSecond", "K/s", 5.0, 0.5, 100.0, false, "A temperature changing faster than this is a sensor fault, not the process."),
            new ParameterDefinition("sensor.stuckSeconds", "s", 60.0, 5.0, 3600.0, false, "A reading that does not change at all for this long is stuck."),
            new ParameterDefinition("sensor.recoverySeconds", "s", 10.0, 1.0, 600.0, false, "A faulted sensor is trusted again after this long healthy."),
            new ParameterDefinition("sensor.supplyDisagreementKelvin", "K", 1.0, 0.2, 10.0, false, "A redundant supply sensor off the others' median by more than this…"),
            new ParameterDefinition("sensor.supplyDisagreementSeconds", "s", 30.0, 1.0, 600.0, false, "…for this long is dropped from the vote (Lenovo RM100: 1 °C for 30 s)."),
            new ParameterDefinition("leak.warningPercent", "%", 20.0, 1.0, 100.0, false, "Leak-zone level that raises LeakDetectedWarning."),
            new ParameterDefinition("leak.criticalPercent", "%", 50.0, 1.0, 100.0, false, "Leak-zone level that is critical: pumps stop, isolation closes, latched until reset (SAF-1)."),
            new ParameterDefinition("leak.reactionDelaySeconds", "s", 0.5, 0.0, 0.8, false, "A leak level must persist this long before the reaction (rejects spikes; SAF-1 allows 1 s in all)."),
            new ParameterDefinition("reservoir.lowPercent", "%", 30.0, 1.0, 100.0, false, "Reservoir level that raises a low-level warning."),
            new ParameterDefinition("reservoir.lowLowPercent", "%", 10.0, 0.0, 100.0, false, "Reservoir level at which the pumps stop (SAF-2)."),
            new ParameterDefinition("reservoir.reactionDelaySeconds", "s", 0.5, 0.0, 0.8, false, "A low-low level must persist this long before the pumps stop (SAF-2 allows 1 s in all)."),
            new ParameterDefinition("filter.serviceDeltaPressureKpa", "kPa", 60.0, 5.0, 1000.0, false, "Filter ΔP above which FilterRequiresService is raised."),
            new ParameterDefinition("lease.minimumSeconds", "s", 5.0, 1.0, 600.0, true, "Shortest lease a setpoint request may carry."),
            new ParameterDefinition("lease.maximumSeconds", "s", 600.0, 5.0, 86400.0, true, "Longest lease a setpoint request may carry."),
            new ParameterDefinition("pump.deltaPressureMinimumKpa", "kPa", 30.0, 20.0, 400.0, false, "Lowest secondary ΔP setpoint a supervisor request may set (the envelope's minimum)."),
            new ParameterDefinition("pump.deltaPressureMaximumKpa", "kPa", 200.0, 20.0, 400.0, false, "Highest secondary ΔP setpoint a supervisor request may set (the envelope's maximum)."),
            new ParameterDefinition("pump.deltaPressureSlewKpaPerSecond", "kPa/s", 10.0, 0.1, 100.0, false, "Fastest the working ΔP setpoint moves towards a new target (leased or local)."),
        };

        /// <summary>The definition at <paramref name="index"/> (0 … Count − 1).</summary>
        public static ParameterDefinition Get(int index)
        {
            return Table[index];
        }

        /// <summary>Index of the parameter named <paramref name="name"/>, or −1.</summary>
        public static int IndexOf(string name)
        {
            for (int i = 0; i < Table.Length; i++)
            {
                if (Table[i].Name == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
