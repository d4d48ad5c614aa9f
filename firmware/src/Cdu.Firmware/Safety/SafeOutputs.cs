using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Cdu.Firmware.Pumps;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// The safe state (SAF-4/5), kept up to date every cycle so that the watchdog's thread can write it at any moment:
    /// keep cooling — the lead pump (or the first usable one) at its safe speed, the valve at its safe position —
    /// unless a latched safety condition demands the pumps stopped and, for a leak, the isolation closed. The alarm
    /// relay is on.
    /// </summary>
    public sealed class SafeOutputs
    {
        private readonly CduOutputs _outputs = new CduOutputs();
        private readonly object _gate = new object();

        /// <summary>The safe outputs as last composed (read-only use).</summary>
        public CduOutputs Outputs { get { return _outputs; } }

        /// <summary>Composes the safe outputs (on the control cycle's thread, not locked).</summary>
        public CduOutputs Compose(bool shutdown, bool leakCriticalLatched, PumpGroup pumps, CduSettings settings)
        {
            bool run = !shutdown;
            int pump = pumps.LeadAvailable ? pumps.Lead : -1;
            for (int i = 0; pump < 0 && i < pumps.Count; i++)
            {
                if (pumps.State(i) != PumpState.Failed) pump = i;
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                bool on = run && i == pump;
                _outputs.PumpRunCommand[i] = on;
                _outputs.PumpSpeedCommandPercent[i] = on ? settings.Pump.SafeSpeedPercent : 0;
            }

            _outputs.ValveCommandPercent = run ? settings.Valve.SafePositionPercent : 0;
            _outputs.IsolationValvesOpen = !leakCriticalLatched;
            _outputs.AlarmRelay = true;
            return _outputs;
        }

        /// <summary>Composes the safe outputs under the lock the watchdog writes them under.</summary>
        public void Refresh(bool shutdown, bool leakCriticalLatched, PumpGroup pumps, CduSettings settings)
        {
            lock (_gate)
            {
                Compose(shutdown, leakCriticalLatched, pumps, settings);
            }
        }

        /// <summary>Writes the safe outputs (the watchdog's thread).</summary>
        public void Write(ICduIo io)
        {
            lock (_gate)
            {
                io.WriteOutputs(_outputs);
            }
        }
    }
}
