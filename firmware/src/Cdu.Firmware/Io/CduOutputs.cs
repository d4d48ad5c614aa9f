namespace Cdu.Firmware.Io
{
    /// <summary>The CDU's actuator commands for one control cycle. Allocated once; rewritten every cycle.</summary>
    public sealed class CduOutputs
    {
        private readonly bool[] _pumpRun = new bool[CduInputs.MaximumPumps];
        private readonly double[] _pumpSpeed = new double[CduInputs.MaximumPumps];

        /// <summary>Facility-water valve command, % open (0 … 100).</summary>
        public double ValveCommandPercent { get; set; }

        /// <summary>Run command per pump.</summary>
        public bool[] PumpRunCommand { get { return _pumpRun; } }

        /// <summary>Speed command per pump, % of rated (0 … 100).</summary>
        public double[] PumpSpeedCommandPercent { get { return _pumpSpeed; } }

        /// <summary>True to hold the secondary isolation valves open; false closes them (critical leak).</summary>
        public bool IsolationValvesOpen { get; set; }

        /// <summary>Common alarm relay: energized while any critical alarm is active.</summary>
        public bool AlarmRelay { get; set; }

        /// <summary>Copies every command from <paramref name="other"/>.</summary>
        public void CopyFrom(CduOutputs other)
        {
            ValveCommandPercent = other.ValveCommandPercent;
            IsolationValvesOpen = other.IsolationValvesOpen;
            AlarmRelay = other.AlarmRelay;
            for (int i = 0; i < _pumpRun.Length; i++)
            {
                _pumpRun[i] = other._pumpRun[i];
                _pumpSpeed[i] = other._pumpSpeed[i];
            }
        }
    }
}
