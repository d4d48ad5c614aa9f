namespace Cdu.Firmware
{
    /// <summary>The CDU's operating mode as reported in telemetry and state (transitions: Modes/CduModeTransitions).</summary>
    public enum CduMode
    {
        /// <summary>Pumps start first and prove flow; then the valve loop takes over. Process alarms suppressed for a window.</summary>
        Startup = 0,

        /// <summary>Loops run on the supervisor's leased setpoints, or on local setpoints when none was ever leased.</summary>
        Automatic = 1,

        /// <summary>An operator holds at least one actuator in manual.</summary>
        Manual = 2,

        /// <summary>A supervisor lease expired: loops run on the local fallback setpoints until leases resume.</summary>
        Fallback = 3,

        /// <summary>Running with something lost: a sensor out of the vote, a measurement replaced by a safe output, or no standby pump.</summary>
        Degraded = 4,

        /// <summary>Pumps stopped: a critical leak, reservoir low-low, dry run, or an operator's shutdown. Latched until reset.</summary>
        Shutdown = 5,

        /// <summary>The control cycle failed its own monitoring: safe outputs until it runs cleanly again.</summary>
        Fault = 6,
    }
}
