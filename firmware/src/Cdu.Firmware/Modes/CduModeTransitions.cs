namespace Cdu.Firmware.Modes
{
    /// <summary>
    /// The explicit table of allowed mode transitions. Each cycle the controller works out the mode its conditions
    /// call for (by priority: Fault, Shutdown, Startup, Manual, Degraded, Fallback, Automatic) and moves there only
    /// along an edge of this table; every move is published as a ModeChanged event with its reason.
    /// </summary>
    public static class CduModeTransitions
    {
        // Rows: from; columns: to (Startup, Automatic, Manual, Fallback, Degraded, Shutdown, Fault).
        private static readonly bool[][] Allowed =
        {
            //            Startup Automatic Manual Fallback Degraded Shutdown Fault
            new[] { false, true,  true,  true,  true,  true,  true },  // Startup
            new[] { false, false, true,  true,  true,  true,  true },  // Automatic
            new[] { false, true,  false, true,  true,  true,  true },  // Manual
            new[] { false, true,  true,  false, true,  true,  true },  // Fallback
            new[] { false, true,  true,  true,  false, true,  true },  // Degraded
            new[] { true,  false, false, false, false, false, true },  // Shutdown: only a restart (after reset) or a fault
            new[] { true,  true,  true,  true,  true,  true,  false }, // Fault
        };

        public static bool IsAllowed(CduMode from, CduMode to)
        {
            return Allowed[(int)from][(int)to];
        }
    }
}
