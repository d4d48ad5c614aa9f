namespace Cdu.Firmware
{
    /// <summary>The CDU's operating mode as reported in telemetry and state.</summary>
    public enum CduMode
    {
        /// <summary>Loops run on the supervisor's leased setpoints, or on local setpoints when none was ever leased.</summary>
        Automatic = 0,

        /// <summary>A supervisor lease expired: loops run on the local fallback setpoints until leases resume.</summary>
        Fallback = 1,
    }
}
