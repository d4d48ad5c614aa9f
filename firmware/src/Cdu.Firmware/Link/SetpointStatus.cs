namespace Cdu.Firmware.Link
{
    /// <summary>What the firmware did with a setpoint request (the acknowledgement's "status").</summary>
    public enum SetpointStatus
    {
        /// <summary>Applied as requested.</summary>
        Accepted = 0,

        /// <summary>Applied after clamping to the envelope; the reason says which limit.</summary>
        Clamped = 1,

        /// <summary>Not applied; the reason says why. Nothing moved.</summary>
        Rejected = 2,
    }
}
