namespace Cdu.Firmware.Alarms
{
    /// <summary>
    /// Alarm codes. Where the DMTF Redfish Environmental message registry (1.1) has a message for the condition its
    /// MessageId is the code; the others are this firmware's own and say so in docs/mqtt.md.
    /// </summary>
    public static class AlarmCodes
    {
        // Redfish Environmental 1.1
        public const string PumpFailed = "PumpFailed";
        public const string LeakDetectedWarning = "LeakDetectedWarning";
        public const string LeakDetectedCritical = "LeakDetectedCritical";
        public const string FilterRequiresService = "FilterRequiresService";
        public const string FluidLevelLow = "FluidLevelBelowLowerCautionThreshold";
        public const string FluidLevelLowLow = "FluidLevelBelowLowerCriticalThreshold";
        public const string FlowRateLow = "FlowRateBelowLowerCriticalThreshold";
        public const string SupplyTemperatureHigh = "TemperatureAboveUpperCautionThreshold";
        public const string SupplyTemperatureLow = "TemperatureBelowLowerCautionThreshold";

        // This firmware's own
        public const string SensorFault = "SensorFault";
        public const string SupplyLimitedByDewPoint = "SupplyLimitedByDewPoint";
        public const string NoStandbyPump = "NoStandbyPump";
        public const string SupervisorLeaseExpired = "SupervisorLeaseExpired";
        public const string ControlCycleFault = "ControlCycleFault";
        public const string ConfigurationDefaultsLoaded = "ConfigurationDefaultsLoaded";
    }
}
