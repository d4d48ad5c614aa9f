namespace Cdu.Firmware
{
    /// <summary>Identity of this firmware build, as published in state and telemetry.</summary>
    public static class FirmwareInfo
    {
        public const string Version = "0.1.0";

        /// <summary>The MQTT contract version this firmware speaks (docs/mqtt.md).</summary>
        public const int ContractVersion = 1;

        public static string ModeName(CduMode mode)
        {
            switch (mode)
            {
                case CduMode.Fallback: return "fallback";
                default: return "automatic";
            }
        }
    }
}
