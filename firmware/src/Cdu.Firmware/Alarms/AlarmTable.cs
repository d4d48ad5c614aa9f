using Cdu.Firmware.Io;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Alarms
{
    /// <summary>
    /// Every alarm the firmware can raise, as fixed slots allocated at start-up. The control cycle sets each slot's
    /// condition every cycle; only changes reach the sink. Process alarms can be suppressed during start-up;
    /// safety alarms never are.
    /// </summary>
    public sealed class AlarmTable
    {
        public const int SupplyHigh = 0;
        public const int SupplyLow = 1;
        public const int DewPointLimit = 2;
        public const int ReservoirLow = 3;
        public const int ReservoirLowLow = 4;
        public const int DryRun = 5;
        public const int Filter = 6;
        public const int NoStandby = 7;
        public const int LeaseExpired = 8;
        public const int CycleFault = 9;
        public const int ConfigDefaults = 10;
        public const int LeakWarningFirst = 11;
        public const int LeakCriticalFirst = LeakWarningFirst + CduInputs.LeakZoneCount;
        public const int PumpFailedFirst = LeakCriticalFirst + CduInputs.LeakZoneCount;
        public const int SensorFirst = PumpFailedFirst + CduInputs.MaximumPumps;
        public const int Count = SensorFirst + SensorSuite.ChannelCount;

        private readonly Alarm[] _alarms = new Alarm[Count];
        private readonly IAlarmSink _sink;

        public AlarmTable(IAlarmSink sink)
        {
            _sink = sink;
            _alarms[SupplyHigh] = new Alarm(AlarmCodes.SupplyTemperatureHigh, "supply", AlarmSeverity.Warning, "supply temperature above its setpoint band");
            _alarms[SupplyLow] = new Alarm(AlarmCodes.SupplyTemperatureLow, "supply", AlarmSeverity.Warning, "supply temperature below its setpoint band");
            _alarms[DewPointLimit] = new Alarm(AlarmCodes.SupplyLimitedByDewPoint, "supply", AlarmSeverity.Warning, "supply setpoint raised to dew point + margin");
            _alarms[ReservoirLow] = new Alarm(AlarmCodes.FluidLevelLow, "reservoir", AlarmSeverity.Warning, "reservoir level low: refill");
            _alarms[ReservoirLowLow] = new Alarm(AlarmCodes.FluidLevelLowLow, "reservoir", AlarmSeverity.Critical, "reservoir level low-low: pumps stopped, reset after refilling");
            _alarms[DryRun] = new Alarm(AlarmCodes.FlowRateLow, "secondary", AlarmSeverity.Critical, "no flow with pumps running: pumps stopped (dry-run protection), reset to restart");
            _alarms[Filter] = new Alarm(AlarmCodes.FilterRequiresService, "filter", AlarmSeverity.Warning, "filter pressure drop high: service the filter");
            _alarms[NoStandby] = new Alarm(AlarmCodes.NoStandbyPump, "pumps", AlarmSeverity.Warning, "no standby pump available: redundancy lost");
            _alarms[LeaseExpired] = new Alarm(AlarmCodes.SupervisorLeaseExpired, "supervisor", AlarmSeverity.Warning, "supervisor lease expired: running on local fallback setpoints");
            _alarms[CycleFault] = new Alarm(AlarmCodes.ControlCycleFault, "controller", AlarmSeverity.Critical, "control cycle overran or ran out of sequence: safe outputs");
            _alarms[ConfigDefaults] = new Alarm(AlarmCodes.ConfigurationDefaultsLoaded, "configuration", AlarmSeverity.Warning, "configuration missing or corrupt: running on safe defaults");
            for (int i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                string zone = "zone" + (i + 1).ToString();
                _alarms[LeakWarningFirst + i] = new Alarm(AlarmCodes.LeakDetectedWarning, zone, AlarmSeverity.Warning, "leak detector wet");
                _alarms[LeakCriticalFirst + i] = new Alarm(AlarmCodes.LeakDetectedCritical, zone, AlarmSeverity.Critical, "leak: pumps stopped and isolation closed, reset after repair");
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                _alarms[PumpFailedFirst + i] = new Alarm(AlarmCodes.PumpFailed, "pump" + (i + 1).ToString(), AlarmSeverity.Warning, "pump failed: standby took over, reset after repair");
            }

            string[] sensors = { "supply1", "supply2", "supply3", "return", "facilitySupply", "facilityReturn", "deltaPressure", "flow", "filterDeltaPressure" };
            for (int i = 0; i < SensorSuite.ChannelCount; i++)
            {
                _alarms[SensorFirst + i] = new Alarm(AlarmCodes.SensorFault, sensors[i], AlarmSeverity.Warning, "sensor failed validation: not used for control");
            }

            for (int i = 0; i < Count; i++)
            {
                _alarms[i].RaisedAtMilliseconds = -1;
            }
        }

        public Alarm Get(int slot)
        {
            return _alarms[slot];
        }

        /// <summary>Number of active alarms.</summary>
        public int ActiveCount
        {
            get
            {
                int n = 0;
                for (int i = 0; i < Count; i++)
                {
                    if (_alarms[i].Active) n++;
                }

                return n;
            }
        }

        /// <summary>True when any critical alarm is active.</summary>
        public bool AnyCritical
        {
            get
            {
                for (int i = 0; i < Count; i++)
                {
                    if (_alarms[i].Active && _alarms[i].Severity == AlarmSeverity.Critical) return true;
                }

                return false;
            }
        }

        /// <summary>Sets a slot's condition; a change is reported to the sink.</summary>
        public void Set(int slot, bool active, long nowMilliseconds)
        {
            Alarm alarm = _alarms[slot];
            if (alarm.Active == active)
            {
                return;
            }

            alarm.Active = active;
            alarm.RaisedAtMilliseconds = active ? nowMilliseconds : -1;
            _sink.AlarmChanged(alarm, active, nowMilliseconds);
        }
    }
}
