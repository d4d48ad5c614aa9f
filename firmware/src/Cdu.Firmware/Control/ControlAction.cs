namespace Cdu.Firmware.Control
{
    /// <summary>Which way the output moves when the measurement rises above the setpoint.</summary>
    public enum ControlAction
    {
        /// <summary>Output falls as the measurement rises (heating valve, pump on pressure).</summary>
        Reverse = 0,

        /// <summary>Output rises as the measurement rises (cooling valve on supply temperature).</summary>
        Direct = 1,
    }
}
