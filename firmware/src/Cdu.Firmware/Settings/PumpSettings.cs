using Cdu.Firmware.Config;

namespace Cdu.Firmware.Settings
{
    /// <summary>
    /// The pumps' loop, setpoints, limits, rotation and failure detection (pump.*).
    /// A view over the values held by <see cref="CduSettings"/>: it owns no values of its own, so reading or
    /// writing one allocates nothing.
    /// </summary>
    public sealed class PumpSettings
    {
        private readonly double[] _values;

        internal PumpSettings(double[] values)
        {
            _values = values;
        }

        /// <summary>pump.controlVariable (–, 0 … 1, default 0): What pump speed holds: 0 = secondary ΔP, 1 = secondary flow.</summary>
        public int ControlVariable
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
        public double ProportionalGainPercentPerKpa
        {
            get { return _values[ParameterTable.PumpProportionalGainPercentPerKpa]; }
            set { _values[ParameterTable.PumpProportionalGainPercentPerKpa] = value; }
        }

        /// <summary>pump.integralTimeSeconds (s, 0.5 … 600, default 5): ΔP / flow loop integral time.</summary>
        public double IntegralTimeSeconds
        {
            get { return _values[ParameterTable.PumpIntegralTimeSeconds]; }
            set { _values[ParameterTable.PumpIntegralTimeSeconds] = value; }
        }

        /// <summary>pump.flowProportionalGainPercentPerLiterPerMinute (%/(L/min), 0.0001 … 1, default 0.03): Flow loop proportional gain.</summary>
        public double FlowProportionalGainPercentPerLiterPerMinute
        {
            get { return _values[ParameterTable.PumpFlowProportionalGainPercentPerLiterPerMinute]; }
            set { _values[ParameterTable.PumpFlowProportionalGainPercentPerLiterPerMinute] = value; }
        }

        /// <summary>pump.minimumSpeedPercent (%, 0 … 100, default 30): Lowest speed of a running pump.</summary>
        public double MinimumSpeedPercent
        {
            get { return _values[ParameterTable.PumpMinimumSpeedPercent]; }
            set { _values[ParameterTable.PumpMinimumSpeedPercent] = value; }
        }

        /// <summary>pump.maximumSpeedPercent (%, 0 … 100, default 100): Highest pump speed.</summary>
        public double MaximumSpeedPercent
        {
            get { return _values[ParameterTable.PumpMaximumSpeedPercent]; }
            set { _values[ParameterTable.PumpMaximumSpeedPercent] = value; }
        }

        /// <summary>pump.safeSpeedPercent (%, 0 … 100, default 80): Pump speed when ΔP/flow cannot be measured or the cycle hangs.</summary>
        public double SafeSpeedPercent
        {
            get { return _values[ParameterTable.PumpSafeSpeedPercent]; }
            set { _values[ParameterTable.PumpSafeSpeedPercent] = value; }
        }

        /// <summary>pump.slewPercentPerSecond (%/s, 1 … 100, default 20): Fastest the pump speed command moves in normal operation (failover steps are faster).</summary>
        public double SlewPercentPerSecond
        {
            get { return _values[ParameterTable.PumpSlewPercentPerSecond]; }
            set { _values[ParameterTable.PumpSlewPercentPerSecond] = value; }
        }

        /// <summary>pump.feedforwardPercentPerKilowatt (%/kW, 0 … 1, default 0): Pump-speed feedforward from the supervisor's announced IT load (0 = off).</summary>
        public double FeedforwardPercentPerKilowatt
        {
            get { return _values[ParameterTable.PumpFeedforwardPercentPerKilowatt]; }
            set { _values[ParameterTable.PumpFeedforwardPercentPerKilowatt] = value; }
        }

        /// <summary>pump.count (–, 1 … 4, default 2): Pumps installed (N+1: one more than needed).</summary>
        public int Count
        {
            get { return (int)_values[ParameterTable.PumpCount]; }
            set { _values[ParameterTable.PumpCount] = value; }
        }

        /// <summary>pump.rotationHours (h, 1 … 10000, default 168): Rotate the lead pump when its run hours exceed the standby's by this much.</summary>
        public double RotationHours
        {
            get { return _values[ParameterTable.PumpRotationHours]; }
            set { _values[ParameterTable.PumpRotationHours] = value; }
        }

        /// <summary>pump.rotationOverlapSeconds (s, 2 … 120, default 10): During rotation both pumps run together this long, so flow never dips (RED-2).</summary>
        public int RotationOverlapSeconds
        {
            get { return (int)_values[ParameterTable.PumpRotationOverlapSeconds]; }
            set { _values[ParameterTable.PumpRotationOverlapSeconds] = value; }
        }

        /// <summary>pump.speedFeedbackFraction (–, 0.1 … 0.95, default 0.5): A running pump whose speed feedback stays below this fraction of its command has failed.</summary>
        public double SpeedFeedbackFraction
        {
            get { return _values[ParameterTable.PumpSpeedFeedbackFraction]; }
            set { _values[ParameterTable.PumpSpeedFeedbackFraction] = value; }
        }

        /// <summary>pump.failureDetectSeconds (s, 0.2 … 10, default 1): …for this long (fault input and ΔP collapse use it too).</summary>
        public double FailureDetectSeconds
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
