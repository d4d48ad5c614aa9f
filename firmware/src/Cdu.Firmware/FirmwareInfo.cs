namespace Cdu.Firmware
{
    /// <summary>Identity of this firmware build, as published in state and telemetry.</summary>
    public static class FirmwareInfo
    {
        public const string Version = "0.2.0";

        /// <summary>The MQTT contract version this firmware speaks (docs/mqtt.md).</summary>
        public const int ContractVersion = 1;

        public static string ModeName(CduMode mode)
        {
            switch (mode)
            {
                case CduMode.Startup: return "startup";
                case CduMode.Automatic: return "automatic";
                case CduMode.Manual: return "manual";
                case CduMode.Fallback: return "fallback";
                case CduMode.Degraded: return "degraded";
                case CduMode.Shutdown: return "shutdown";
                default: return "fault";
            }
        }
    }
}
