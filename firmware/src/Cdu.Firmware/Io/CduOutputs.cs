namespace Cdu.Firmware.Io
{
    /// <summary>The CDU's actuator commands for one control cycle. Allocated once; rewritten every cycle.</summary>
    public sealed class CduOutputs
    {
        /// <summary>Facility-water valve command, % open (0 … 100).</summary>
        public double ValveCommandPercent { get; set; }

        /// <summary>Secondary pump speed command, % of rated speed (0 … 100).</summary>
        public double PumpSpeedCommandPercent { get; set; }

        /// <summary>True to run the secondary pump.</summary>
        public bool PumpRunCommand { get; set; }
    }
}
