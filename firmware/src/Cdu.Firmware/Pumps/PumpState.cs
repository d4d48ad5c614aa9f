namespace Cdu.Firmware.Pumps
{
    /// <summary>A pump's place in the N+1 group.</summary>
    public enum PumpState
    {
        /// <summary>Ready to run: the standby.</summary>
        Standby = 0,

        /// <summary>Running as the lead (or as the incoming lead during a rotation).</summary>
        Running = 1,

        /// <summary>Detected as failed; out of the group until an operator resets it with its fault cleared.</summary>
        Failed = 2,
    }
}
