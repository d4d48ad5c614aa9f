namespace Cdu.Firmware.Control
{
    /// <summary>How <see cref="PidController"/> keeps its integral from winding up while the output is limited.</summary>
    public enum AntiWindup
    {
        /// <summary>
        /// Back-calculation: the integral is driven towards the value that makes the computed output equal the
        /// limited output, I += (h/Tt)·(u − v), tracking time Tt (Åström &amp; Hägglund, "Advanced PID Control", 2006, §3.5).
        /// </summary>
        BackCalculation = 0,

        /// <summary>
        /// Clamping (conditional integration): the integral is held while the output is limited and the error would
        /// push it further into the limit, and never integrates past an amplitude limit (Åström &amp; Hägglund 2006, §3.5).
        /// </summary>
        Clamping = 1,
    }
}
