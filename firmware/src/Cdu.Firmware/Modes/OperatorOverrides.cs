namespace Cdu.Firmware.Modes
{
    /// <summary>
    /// What operators' commands hold: a shutdown, the valve or the pumps in manual at a position, and a valve
    /// auto-tune whose result is still to be reported.
    /// </summary>
    public sealed class OperatorOverrides
    {
        public OperatorOverrides()
        {
            TuningReported = true;
        }

        /// <summary>True while an operator's shutdown holds the pumps stopped.</summary>
        public bool Shutdown { get; set; }

        public bool ValveManual { get; set; }

        /// <summary>Valve position in manual, % (within the valve's limits).</summary>
        public double ValveManualPercent { get; set; }

        public bool PumpManual { get; set; }

        /// <summary>Pump speed in manual, % (within the pumps' limits).</summary>
        public double PumpManualPercent { get; set; }

        /// <summary>False from an auto-tune's start until its result has been published.</summary>
        public bool TuningReported { get; set; }

        /// <summary>True while the valve or the pumps are in manual.</summary>
        public bool AnyManual { get { return ValveManual || PumpManual; } }
    }
}
