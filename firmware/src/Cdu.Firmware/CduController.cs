using Cdu.Firmware.Alarms;
using Cdu.Firmware.Config;
using Cdu.Firmware.Control;
using Cdu.Firmware.Io;
using Cdu.Firmware.Link;
using Cdu.Firmware.Loops;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Modes;
using Cdu.Firmware.Physics;
using Cdu.Firmware.Platform;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware
{
    /// <summary>
    /// One CDU's control core. The host calls <see cref="RunCycle"/> every control period; each cycle reads and
    /// validates the sensors, handles the inbox (<see cref="InboxDispatcher"/>), runs the safety functions, works out
    /// the mode (<see cref="CduModeSelector"/>), runs the loops and the pump group, writes the actuators and, once per
    /// telemetry period, publishes telemetry (<see cref="CduPublisher"/>). Every stage checks in with the cycle
    /// monitor. Nothing is allocated per cycle. The host's independent watchdog calls <see cref="WatchdogCheck"/>.
    /// </summary>
    public sealed class CduController : IAlarmSink, IConfigurationListener
    {
        private const long RunHourSavePeriodMilliseconds = 600000;

        private readonly CduSettings _settings;
        private readonly IClock _clock;
        private readonly ICduIo _io;
        private readonly CduTopics _topics;
        private readonly ConfigurationStore _configuration;
        private readonly RunHourStore _runHours;
        private readonly CduInputs _inputs = new CduInputs();
        private readonly CduOutputs _outputs = new CduOutputs();
        private readonly SafeOutputs _safe = new SafeOutputs();
        private readonly MessageInbox _inbox;
        private readonly CduPublisher _publisher;
        private readonly InboxDispatcher _dispatcher;
        private readonly SetpointArbiter _arbiter;
        private readonly ValveStage _valveStage;
        private readonly PumpStage _pumpStage;
        private readonly PumpGroup _pumps = new PumpGroup();
        private readonly SensorSuite _sensors = new SensorSuite();
        private readonly SafetyFunctions _safety = new SafetyFunctions();
        private readonly SupplyDeviationMonitor _supplyDeviation = new SupplyDeviationMonitor();
        private readonly CycleMonitor _cycleMonitor = new CycleMonitor();
        private readonly CduModeSelector _modes = new CduModeSelector();
        private readonly OperatorOverrides _overrides = new OperatorOverrides();
        private readonly AlarmTable _alarms;
        private long _lastCycleMilliseconds = -1;
        private bool _booted;
        private long _nextTelemetryMilliseconds;
        private long _nextRunHourSaveMilliseconds;
        private double _dewPointCelsius;
        private bool _watchdogTripped;

        public CduController(CduSettings settings, IClock clock, ICduIo io, IMessageBus bus, CduTopics topics)
            : this(settings, clock, io, bus, topics, null)
        {
        }

        /// <summary>
        /// A controller whose configuration and pump run hours live in <paramref name="storage"/> (null: nothing is
        /// stored and <paramref name="settings"/> is used as given). A missing or corrupt configuration loads the safe
        /// defaults and raises ConfigurationDefaultsLoaded.
        /// </summary>
        public CduController(CduSettings settings, IClock clock, ICduIo io, IMessageBus bus, CduTopics topics, IPersistentStorage storage)
        {
            if (settings == null || clock == null || io == null || bus == null || topics == null)
            {
                throw new System.ArgumentNullException(settings == null ? "settings" : clock == null ? "clock" : io == null ? "io" : bus == null ? "bus" : "topics");
            }

            _settings = settings;
            _clock = clock;
            _io = io;
            _topics = topics;
            _alarms = new AlarmTable(this);
            _inbox = new MessageInbox(8, CduPublisher.MessageCapacityBytes);
            _publisher = new CduPublisher(bus, topics);
            _configuration = new ConfigurationStore(storage == null ? new VolatileStorage() : storage);
            _runHours = new RunHourStore(storage == null ? new VolatileStorage() : storage);
            RequestSession session = new RequestSession(storage == null ? new VolatileStorage() : storage);
            if (storage != null)
            {
                ConfigurationLoaded = _configuration.Load(_settings);
                _runHours.Load(_pumps);
                session.Load(); // the supervisor's request epoch: older epochs stay closed after a restart
            }
            else
            {
                ConfigurationLoaded = true;
            }

            _arbiter = new SetpointArbiter(_settings, session);
            _valveStage = new ValveStage(_settings);
            _pumpStage = new PumpStage(_settings);
            CommandHandler commands = new CommandHandler(_settings, _publisher, topics, _overrides, _modes, _safety,
                _pumps, _inputs, _outputs, _sensors, _arbiter, _valveStage.Loop, _valveStage.Tuner);
            _dispatcher = new InboxDispatcher(_settings, topics, _inbox, _publisher, _arbiter, _configuration, commands, this);
            ConfigurationApplied();
        }

        /// <summary>Where the host delivers inbound messages (any thread).</summary>
        public MessageInbox Inbox { get { return _inbox; } }

        public CduTopics Topics { get { return _topics; } }

        public CduMode Mode { get { return _modes.Mode; } }

        public CduSettings Settings { get { return _settings; } }

        /// <summary>False when the stored configuration was missing or corrupt and the defaults were loaded.</summary>
        public bool ConfigurationLoaded { get; private set; }

        public ConfigurationStore Configuration { get { return _configuration; } }

        /// <summary>Raw inputs of the last cycle (read-only use).</summary>
        public CduInputs Inputs { get { return _inputs; } }

        /// <summary>Outputs of the last cycle (read-only use).</summary>
        public CduOutputs Outputs { get { return _outputs; } }

        public SensorSuite Sensors { get { return _sensors; } }

        public PumpGroup Pumps { get { return _pumps; } }

        public LeakMonitor Leaks { get { return _safety.Leaks; } }

        public ReservoirMonitor Reservoir { get { return _safety.Reservoir; } }

        public CycleMonitor CycleMonitor { get { return _cycleMonitor; } }

        public AlarmTable Alarms { get { return _alarms; } }

        /// <summary>Supply-temperature setpoint the valve loop works on now (ramped), °C.</summary>
        public double EffectiveSupplySetpointCelsius { get { return _valveStage.Loop.EffectiveSetpointCelsius; } }

        /// <summary>Supply-temperature target in force (leased or local, dew-point guarded), °C.</summary>
        public double TargetSupplySetpointCelsius { get { return _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius); } }

        /// <summary>The ΔP setpoint the pump loop works on now, kPa (the target reached at <c>pump.deltaPressureSlewKpaPerSecond</c>).</summary>
        public double EffectiveDeltaPressureSetpointKpa { get { return _pumpStage.EffectiveDeltaPressureSetpointKpa; } }

        /// <summary>The ΔP target in force, kPa: the leased request when it carried one, else the local setpoint.</summary>
        public double TargetDeltaPressureSetpointKpa { get { return _arbiter.TargetDeltaPressureKpa; } }

        public double DewPointCelsius { get { return _dewPointCelsius; } }

        /// <summary>Messages refused since start (malformed, out of contract, oversize, inbox full, unknown topic).</summary>
        public long RejectedMessages { get { return _publisher.RejectedMessages; } }

        /// <summary>Acknowledgements published since start (every request, command and configuration update gets one).</summary>
        public long Acknowledgements { get { return _publisher.Acknowledgements; } }

        public SetpointArbiter Arbiter { get { return _arbiter; } }

        /// <summary>Sequence number of the last telemetry message published (0 before the first).</summary>
        public long TelemetrySequence { get { return _publisher.TelemetrySequence; } }

        /// <summary>The valve loop's relay auto-tuner (started by the "autotune" command).</summary>
        public RelayAutoTuner ValveTuner { get { return _valveStage.Tuner; } }

        /// <summary>True once flow has been proven since the last (re)start.</summary>
        public bool FlowProven { get { return _modes.FlowProven; } }

        /// <summary>True while a latched safety condition or an operator's shutdown holds the pumps stopped.</summary>
        public bool ShutdownActive { get { return ShutdownReason != null; } }

        // Why the pumps are held stopped (null: they are not), in priority order.
        private string ShutdownReason
        {
            get
            {
                string latched = _safety.LatchedReason;
                return latched != null ? latched : _overrides.Shutdown ? "operator shutdown" : null;
            }
        }

        private bool Degraded
        {
            get { return _sensors.AnyFault || !_pumps.StandbyAvailable || !_pumps.LeadAvailable || _valveStage.Loop.Holding || _pumpStage.Loop.Holding; }
        }

        /// <summary>
        /// Stores what must survive a restart (the pumps' run hours; configuration is stored when it changes). The host
        /// calls it on a clean stop, after the last cycle; the cycle itself stores every 10 minutes and on failover.
        /// </summary>
        public bool PersistState()
        {
            return _runHours.Save(_pumps);
        }

        /// <summary>Publishes the retained birth message. Call after every (re)connection.</summary>
        public void PublishBirth()
        {
            _publisher.PublishState(true, _modes.Mode);
        }

        /// <summary>Writes the offline state message (the MQTT last will) into <paramref name="composer"/>'s buffer.</summary>
        public static JsonMessageWriter ComposeLastWill(CduMessageComposer composer)
        {
            return composer.ComposeState(false, CduMode.Startup);
        }

        /// <summary>
        /// The host's watchdog (an independent timer or thread) calls this about every 100 ms: when no control cycle
        /// has completed for <c>watchdog.hangSeconds</c>, the safe outputs are written at once. Returns true when it tripped.
        /// </summary>
        public bool WatchdogCheck()
        {
            long now = _clock.GetUptimeMilliseconds();
            if (!_cycleMonitor.IsHung(now, (long)(_settings.Timing.WatchdogHangSeconds * 1000)))
            {
                return false;
            }

            _safe.Write(_io);
            _watchdogTripped = true;
            return true;
        }

        /// <summary>One control cycle.</summary>
        public void RunCycle()
        {
            long now = _clock.GetUptimeMilliseconds();
            double sampleTimeSeconds = _lastCycleMilliseconds < 0
                ? _settings.Timing.ControlPeriodMilliseconds / 1000.0
                : (now - _lastCycleMilliseconds) / 1000.0;
            if (sampleTimeSeconds <= 0)
            {
                return;
            }

            if (!_booted)
            {
                _booted = true;
                _modes.Boot(now);
                _alarms.Set(AlarmTable.ConfigDefaults, !ConfigurationLoaded, now);
            }

            _lastCycleMilliseconds = now;
            _cycleMonitor.BeginCycle(now);

            _io.ReadInputs(_inputs);
            _sensors.Evaluate(_inputs, _settings, now);
            _dewPointCelsius = _inputs.AmbientValid && !double.IsNaN(_inputs.AmbientTemperatureCelsius) && !double.IsNaN(_inputs.RelativeHumidityPercent)
                ? DewPoint.FromTemperatureAndHumidity(_inputs.AmbientTemperatureCelsius, _inputs.RelativeHumidityPercent)
                : _settings.Supply.AssumedDewPointCelsius;
            _cycleMonitor.Pass(CycleMonitor.StageInputs);

            _dispatcher.Drain(now, _dewPointCelsius, _alarms);
            _cycleMonitor.Pass(CycleMonitor.StageMessages);

            _safety.Update(_inputs, _sensors, _outputs, _pumps.Count, _settings, _modes.SinceStartupMilliseconds(now), now, _alarms);
            if (_modes.ReleaseFaultWhenDue(now))
            {
                _alarms.Set(AlarmTable.CycleFault, false, now);
            }

            _cycleMonitor.Pass(CycleMonitor.StageSafety);

            if (_modes.Select(now, ShutdownReason, _valveStage.Tuner.IsRunning, _overrides.AnyManual, Degraded, _arbiter.LeaseLost))
            {
                if (_modes.Mode == CduMode.Startup)
                {
                    _pumpStage.Loop.Restart(_settings.Pump.MinimumSpeedPercent);
                }

                _publisher.PublishModeChange(now, _modes.Previous, _modes.Mode, _modes.Reason);
            }

            RunLoops(now, sampleTimeSeconds);
            _cycleMonitor.Pass(CycleMonitor.StageLoops);

            _outputs.AlarmRelay = _alarms.AnyCritical;
            _io.WriteOutputs(_outputs);
            _cycleMonitor.Pass(CycleMonitor.StageOutputs);

            long end = _clock.GetUptimeMilliseconds();
            if (!_cycleMonitor.EndCycle(end, _settings.Timing.WatchdogOverrunMilliseconds))
            {
                // SAF-5: the failed cycle's outputs are replaced by the safe ones at once, and the controller stays in
                // Fault — on safe outputs — until it has run cleanly for the sensor recovery time.
                _modes.HoldFault(end + (long)(_settings.Sensor.RecoverySeconds * 1000));
                _alarms.Set(AlarmTable.CycleFault, true, end);
                _io.WriteOutputs(ComposeSafeOutputs());
            }

            _safe.Refresh(ShutdownActive, _safety.Leaks.CriticalLatched, _pumps, _settings);
            if (_watchdogTripped)
            {
                _watchdogTripped = false;
                _publisher.PublishEvent(now, EventNames.WatchdogTripped, EventNames.SeverityCritical, "no control cycle completed in time: safe outputs were driven", null);
            }

            SaveRunHoursWhenDue(now);
            if (now >= _nextTelemetryMilliseconds)
            {
                _nextTelemetryMilliseconds = now + _settings.Timing.TelemetryPeriodMilliseconds;
                PublishTelemetry(now);
            }
        }

        /// <summary>Applies the settings to every component (after start-up and after a configuration update).</summary>
        public void ConfigurationApplied()
        {
            _sensors.Configure(_settings);
            _pumps.Configure(_settings.Pump.Count);
            _valveStage.Loop.Configure(_settings);
            _pumpStage.Configure(_settings);
        }

        void IAlarmSink.AlarmChanged(Alarm alarm, bool raised, long nowMilliseconds)
        {
            _publisher.PublishAlarm(nowMilliseconds, alarm, raised);
        }

        private void RunLoops(long now, double dt)
        {
            CduSettings s = _settings;
            CduMode mode = _modes.Mode;
            bool run = mode != CduMode.Shutdown;
            if (mode == CduMode.Fault)
            {
                _outputs.CopyFrom(ComposeSafeOutputs());
                return;
            }

            double itLoadKilowatts = _arbiter.AnnouncedItLoadKilowatts;
            if (_pumpStage.Update(run, _modes.FlowProven, _arbiter.TargetDeltaPressureKpa, itLoadKilowatts * s.Pump.FeedforwardPercentPerKilowatt,
                _overrides, _sensors, _inputs, _pumps, s, dt, now, _outputs) >= 0)
            {
                _runHours.Save(_pumps);
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                _alarms.Set(AlarmTable.PumpFailedFirst + i, i < _pumps.Count && _pumps.State(i) == PumpState.Failed, now);
            }

            _alarms.Set(AlarmTable.NoStandby, run && !_pumps.StandbyAvailable, now);
            _outputs.IsolationValvesOpen = !_safety.Leaks.CriticalLatched;
            _modes.ProveFlow(_sensors.Valid(SensorSuite.Flow), _sensors.FlowLitersPerMinute, s.Pump.DryRunFlowLitersPerMinute, (long)(s.Timing.StartupFlowProvingSeconds * 1000), now);

            double target = _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius);
            // Start-up sequence: pumps first; the valve stays at its minimum until flow is proven. Shutdown: closed.
            bool hold = !run || (mode == CduMode.Startup && !_modes.FlowProven);
            _outputs.ValveCommandPercent = _valveStage.Update(hold, run ? s.Valve.MinimumPercent : 0, target,
                itLoadKilowatts * s.Valve.FeedforwardPercentPerKilowatt, _overrides, _sensors, s, dt);
            if (!_overrides.TuningReported && !_valveStage.Tuner.IsRunning)
            {
                _overrides.TuningReported = true;
                _publisher.PublishTuningResult(now, _valveStage.Tuner.Result);
            }

            _alarms.Set(AlarmTable.DewPointLimit, _arbiter.LimitedByDewPoint(_dewPointCelsius), now);
            bool suppressed = _modes.SinceStartupMilliseconds(now) < (long)s.Timing.StartupAlarmSuppressionSeconds * 1000 || mode == CduMode.Shutdown || !_sensors.Supply.Valid;
            _supplyDeviation.Update(_sensors.SupplyTemperatureCelsius - _valveStage.Loop.EffectiveSetpointCelsius, suppressed,
                s.Supply.AlarmBandKelvin, s.Supply.AlarmHysteresisKelvin, (long)s.Supply.AlarmDelaySeconds * 1000, now);
            _alarms.Set(AlarmTable.SupplyHigh, _supplyDeviation.High, now);
            _alarms.Set(AlarmTable.SupplyLow, _supplyDeviation.Low, now);
        }

        private CduOutputs ComposeSafeOutputs()
        {
            return _safe.Compose(ShutdownActive, _safety.Leaks.CriticalLatched, _pumps, _settings);
        }

        private void SaveRunHoursWhenDue(long now)
        {
            if (now >= _nextRunHourSaveMilliseconds)
            {
                if (_nextRunHourSaveMilliseconds > 0)
                {
                    _runHours.Save(_pumps);
                }

                _nextRunHourSaveMilliseconds = now + RunHourSavePeriodMilliseconds;
            }
        }

        private void PublishTelemetry(long now)
        {
            CduTelemetrySnapshot s = _publisher.BeginTelemetry(now);
            s.Mode = _modes.Mode;
            s.LeaseActive = _arbiter.LeaseActive;
            s.EffectiveSetpointCelsius = _valveStage.Loop.EffectiveSetpointCelsius;
            s.TargetSetpointCelsius = _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius);
            s.DewPointCelsius = _dewPointCelsius;
            s.RequestEpoch = _arbiter.Epoch;
            s.LastRequestSequence = _arbiter.LastSequence;
            s.LeaseRemainingMilliseconds = _arbiter.LeaseRemainingMilliseconds(now);
            s.DeltaPressureSetpointKpa = _pumpStage.Loop.HoldsFlow ? double.NaN : _pumpStage.EffectiveDeltaPressureSetpointKpa;
            s.DeltaPressureTargetKpa = _pumpStage.Loop.HoldsFlow ? double.NaN : _arbiter.TargetDeltaPressureKpa;
            _publisher.PublishTelemetry(_sensors, _inputs, _outputs, _pumps, _safety.Leaks, _safety.Reservoir, _alarms, _settings);
        }
    }
}
