using Cdu.Firmware.Alarms;
using Cdu.Firmware.Io;

namespace Cdu.Firmware.Safety
{
    /// <summary>
    /// The cycle's safety functions and their alarms: leak zones, reservoir level, dry run, the filter's service
    /// limit and the validity of every sensor channel. Leak, reservoir low-low and dry run latch and hold the pumps
    /// stopped until an operator's reset (<see cref="Reset"/>).
    /// </summary>
    public sealed class SafetyFunctions
    {
        private readonly LeakMonitor _leaks = new LeakMonitor();
        private readonly ReservoirMonitor _reservoir = new ReservoirMonitor();
        private readonly DryRunMonitor _dryRun = new DryRunMonitor();
        private readonly FilterMonitor _filter = new FilterMonitor();

        public LeakMonitor Leaks { get { return _leaks; } }

        public ReservoirMonitor Reservoir { get { return _reservoir; } }

        public DryRunMonitor DryRun { get { return _dryRun; } }

        public FilterMonitor Filter { get { return _filter; } }

        /// <summary>True while a latched condition holds the pumps stopped.</summary>
        public bool Latched { get { return _leaks.CriticalLatched || _reservoir.LowLowLatched || _dryRun.Latched; } }

        /// <summary>The latched condition that holds the pumps stopped, by priority (null: none).</summary>
        public string LatchedReason
        {
            get { return _leaks.CriticalLatched ? "critical leak" : _reservoir.LowLowLatched ? "reservoir low-low" : _dryRun.Latched ? "dry run" : null; }
        }

        /// <summary>
        /// Runs every safety function on this cycle's inputs and validated sensors and sets their alarms.
        /// <paramref name="outputs"/> are the previous cycle's (which pumps were commanded on).
        /// </summary>
        public void Update(CduInputs inputs, SensorSuite sensors, CduOutputs outputs, int pumpCount, CduSettings settings,
            long sinceStartupMilliseconds, long now, AlarmTable alarms)
        {
            CduSettings s = settings;
            _leaks.Update(inputs.LeakZoneLevelPercent, s.Leak.WarningPercent, s.Leak.CriticalPercent, (long)(s.Leak.ReactionDelaySeconds * 1000), now);
            _reservoir.Update(inputs.ReservoirLevelPercent, s.Reservoir.LowPercent, s.Reservoir.LowLowPercent, (long)(s.Reservoir.ReactionDelaySeconds * 1000), now);

            bool pumpsCommanded = false;
            for (int i = 0; i < pumpCount; i++)
            {
                pumpsCommanded |= outputs.PumpRunCommand[i];
            }

            _dryRun.Update(pumpsCommanded, sensors.Valid(SensorSuite.Flow), sensors.FlowLitersPerMinute, s.Pump.DryRunFlowLitersPerMinute,
                sinceStartupMilliseconds, (long)(s.Timing.StartupFlowProvingSeconds * 1000), (long)(s.Pump.DryRunSeconds * 1000), now);

            for (int zone = 0; zone < CduInputs.LeakZoneCount; zone++)
            {
                alarms.Set(AlarmTable.LeakWarningFirst + zone, _leaks.Warning(zone) && !_leaks.Critical(zone), now);
                alarms.Set(AlarmTable.LeakCriticalFirst + zone, _leaks.Critical(zone), now);
            }

            alarms.Set(AlarmTable.ReservoirLow, _reservoir.Low && !_reservoir.LowLowLatched, now);
            alarms.Set(AlarmTable.ReservoirLowLow, _reservoir.LowLowLatched, now);
            alarms.Set(AlarmTable.DryRun, _dryRun.Latched, now);
            alarms.Set(AlarmTable.Filter, _filter.Update(sensors.Valid(SensorSuite.FilterDeltaPressure), sensors.FilterDeltaPressureKpa, s.Filter.ServiceDeltaPressureKpa), now);
            for (int i = 0; i < SensorSuite.ChannelCount; i++)
            {
                alarms.Set(AlarmTable.SensorFirst + i, !sensors.Channel(i).Valid, now);
            }
        }

        /// <summary>An operator's reset: latches whose condition has gone are cleared.</summary>
        public void Reset(CduSettings settings)
        {
            _leaks.Reset(settings.Leak.CriticalPercent);
            _reservoir.Reset(settings.Reservoir.LowPercent);
            _dryRun.Reset();
        }
    }
}
