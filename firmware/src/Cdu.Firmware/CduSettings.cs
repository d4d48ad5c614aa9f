namespace Cdu.Firmware
{
    /// <summary>
    /// The firmware's parameters with their defaults. Units are in the names; ranges in the comments.
    /// </summary>
    public sealed class CduSettings
    {
        public CduSettings()
        {
            ControlPeriodMilliseconds = 100;
            TelemetryPeriodMilliseconds = 1000;
            FallbackSupplyTemperatureCelsius = 27.0;
            SupplyTemperatureMinimumCelsius = 18.0;
            SupplyTemperatureMaximumCelsius = 45.0;
            SupplyTemperatureSlewKelvinPerMinute = 2.0;
            DewPointMarginKelvin = 2.0;
            AssumedDewPointCelsius = 15.0;
            LeaseMinimumSeconds = 5;
            LeaseMaximumSeconds = 600;
            ValveProportionalGainPercentPerKelvin = 6.0;
            ValveIntegralTimeSeconds = 60.0;
            ValveMinimumPercent = 0.0;
            ValveMaximumPercent = 100.0;
            PumpSpeedPercent = 90.0;
        }

        /// <summary>Control cycle period, ms (20 … 1000).</summary>
        public int ControlPeriodMilliseconds { get; set; }

        /// <summary>Telemetry period, ms (200 … 10000).</summary>
        public int TelemetryPeriodMilliseconds { get; set; }

        /// <summary>Local supply-temperature setpoint used without a supervisor lease, °C (18 … 45).</summary>
        public double FallbackSupplyTemperatureCelsius { get; set; }

        /// <summary>Lowest supply-temperature setpoint the envelope allows, °C.</summary>
        public double SupplyTemperatureMinimumCelsius { get; set; }

        /// <summary>Highest supply-temperature setpoint the envelope allows, °C (ASHRAE W45 upper bound).</summary>
        public double SupplyTemperatureMaximumCelsius { get; set; }

        /// <summary>Fastest the effective supply-temperature setpoint may move, K/min (0.1 … 10).</summary>
        public double SupplyTemperatureSlewKelvinPerMinute { get; set; }

        /// <summary>Supply temperature is never commanded below dew point + this margin, K (SAF-3: 2).</summary>
        public double DewPointMarginKelvin { get; set; }

        /// <summary>Dew point assumed while the ambient temperature or humidity sensor is invalid, °C.</summary>
        public double AssumedDewPointCelsius { get; set; }

        /// <summary>Shortest lease a setpoint request may carry, s.</summary>
        public int LeaseMinimumSeconds { get; set; }

        /// <summary>Longest lease a setpoint request may carry, s.</summary>
        public int LeaseMaximumSeconds { get; set; }

        /// <summary>Valve loop proportional gain, % valve per K of supply-temperature error.</summary>
        public double ValveProportionalGainPercentPerKelvin { get; set; }

        /// <summary>Valve loop integral time, s.</summary>
        public double ValveIntegralTimeSeconds { get; set; }

        /// <summary>Valve command lower limit, % (0 … 100).</summary>
        public double ValveMinimumPercent { get; set; }

        /// <summary>Valve command upper limit, % (0 … 100).</summary>
        public double ValveMaximumPercent { get; set; }

        /// <summary>Secondary pump speed, % of rated (fixed until the ΔP loop runs).</summary>
        public double PumpSpeedPercent { get; set; }
    }
}
