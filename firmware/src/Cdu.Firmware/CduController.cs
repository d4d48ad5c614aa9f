using Cdu.Firmware.Alarms;
using Cdu.Firmware.Config;
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
    /// validates the sensors, handles the inbox (setpoint requests, commands, configuration), runs the safety
    /// functions, works out the mode, runs the loops and the pump group, writes the actuators and, once per
    /// telemetry period, publishes telemetry. Every stage checks in with the cycle monitor. Nothing is allocated
    /// per cycle. The host's independent watchdog calls <see cref="WatchdogCheck"/>.
    /// </summary>
    public sealed partial class CduController : IAlarmSink
    {
        private const int MessageCapacityBytes = 4096;

        private readonly CduSettings _settings;
        private readonly IClock _clock;
        private readonly ICduIo _io;
        private readonly IMessageBus _bus;
        private readonly CduTopics _topics;
        private readonly ConfigurationStore _configuration;
        private readonly RunHourStore _runHours;
        private readonly CduInputs _inputs = new CduInputs();
        private readonly CduOutputs _outputs = new CduOutputs();
        private readonly CduOutputs _safeOutputs = new CduOutputs();
        private readonly object _safeGate = new object();
        private readonly MessageInbox _inbox;
        private readonly byte[] _inboundBuffer;
        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private readonly CduMessageComposer _composer = new CduMessageComposer(MessageCapacityBytes);
        private readonly CduTelemetrySnapshot _snapshot = new CduTelemetrySnapshot();
        private readonly SetpointDecision _decision = new SetpointDecision();
        private readonly SetpointArbiter _arbiter;
        private readonly SupplyTemperatureLoop _supplyLoop;
        private readonly PumpSpeedLoop _pumpLoop;
        private readonly PumpGroup _pumps = new PumpGroup();
        private readonly SensorSuite _sensors = new SensorSuite();
        private readonly LeakMonitor _leaks = new LeakMonitor();
        private readonly ReservoirMonitor _reservoir = new ReservoirMonitor();
        private readonly CycleMonitor _cycleMonitor = new CycleMonitor();
        private readonly AlarmTable _alarms;
        private long _lastCycleMilliseconds = -1;
        private long _nextTelemetryMilliseconds;
        private long _telemetrySequence;
        private long _eventSequence;
        private long _rejectedMessages;
        private long _acknowledgements;
        private double _dewPointCelsius;
        private CduMode _mode = CduMode.Startup;
        private long _startupAtMilliseconds = -1;
        private long _bootMilliseconds = -1;
        private bool _flowProven;
        private long _lowFlowSinceMilliseconds = -1;
        private bool _dryRunLatched;
        private bool _operatorShutdown;
        private long _faultUntilMilliseconds = -1;
        private bool _watchdogTripped;
        private long _supplyOffBandSinceMilliseconds = -1;
        private bool _valveManual;
        private double _valveManualPercent;
        private bool _pumpManual;
        private double _pumpManualPercent;
        private double _itLoadKilowatts;
        private readonly Control.RateLimiter _deltaPressureRamp = new Control.RateLimiter(1);
        private long _nextRunHourSaveMilliseconds;
        private readonly Control.RelayAutoTuner _valveTuner;

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
            _bus = bus;
            _topics = topics;
            _alarms = new AlarmTable(this);
            _inbox = new MessageInbox(8, MessageCapacityBytes);
            _inboundBuffer = new byte[MessageCapacityBytes];
            _configuration = new ConfigurationStore(storage == null ? new VolatileStorage() : storage);
            _runHours = new RunHourStore(storage == null ? new VolatileStorage() : storage);
            if (storage != null)
            {
                ConfigurationLoaded = _configuration.Load(_settings);
                _runHours.Load(_pumps);
            }
            else
            {
                ConfigurationLoaded = true;
            }

            _arbiter = new SetpointArbiter(_settings);
            _supplyLoop = new SupplyTemperatureLoop(_settings);
            _pumpLoop = new PumpSpeedLoop(_settings);
            _valveTuner = new Control.RelayAutoTuner(Control.ControlAction.Direct, TuningAmplitudePercent, TuningHysteresisKelvin, 0, 100, TuningTimeoutSeconds);
            _valveTuner.BiasOffset = 0.3 * TuningAmplitudePercent;
            Configure();
        }

        /// <summary>Where the host delivers inbound messages (any thread).</summary>
        public MessageInbox Inbox { get { return _inbox; } }

        public CduTopics Topics { get { return _topics; } }

        public CduMode Mode { get { return _mode; } }

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

        public LeakMonitor Leaks { get { return _leaks; } }

        public ReservoirMonitor Reservoir { get { return _reservoir; } }

        public CycleMonitor CycleMonitor { get { return _cycleMonitor; } }

        public AlarmTable Alarms { get { return _alarms; } }

        /// <summary>Supply-temperature setpoint the valve loop works on now (ramped), °C.</summary>
        public double EffectiveSupplySetpointCelsius { get { return _supplyLoop.EffectiveSetpointCelsius; } }

        /// <summary>Supply-temperature target in force (leased or local, dew-point guarded), °C.</summary>
        public double TargetSupplySetpointCelsius { get { return _arbiter.TargetSupplyTemperatureCelsius(_dewPointCelsius); } }

        /// <summary>The ΔP setpoint the pump loop works on now, kPa (the target reached at <c>pump.deltaPressureSlewKpaPerSecond</c>).</summary>
        public double EffectiveDeltaPressureSetpointKpa { get { return _deltaPressureRamp.Value; } }

        /// <summary>The ΔP target in force, kPa: the leased request when it carried one, else the local setpoint.</summary>
        public double TargetDeltaPressureSetpointKpa { get { return _arbiter.TargetDeltaPressureKpa; } }

        public double DewPointCelsius { get { return _dewPointCelsius; } }

        /// <summary>Messages refused since start (malformed, out of contract, oversize, inbox full, unknown topic).</summary>
        public long RejectedMessages { get { return _rejectedMessages; } }

        /// <summary>Acknowledgements published since start (every request, command and configuration update gets one).</summary>
        public long Acknowledgements { get { return _acknowledgements; } }

        public SetpointArbiter Arbiter { get { return _arbiter; } }

        /// <summary>Sequence number of the last telemetry message published (0 before the first).</summary>
        public long TelemetrySequence { get { return _telemetrySequence; } }

        /// <summary>The valve loop's relay auto-tuner (started by the "autotune" command).</summary>
        public Control.RelayAutoTuner ValveTuner { get { return _valveTuner; } }

        /// <summary>True once flow has been proven since the last (re)start.</summary>
        public bool FlowProven { get { return _flowProven; } }

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
            Send(_topics.State, _composer.ComposeState(true, _mode), 1, true);
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
            if (!_cycleMonitor.IsHung(now, (long)(_settings.WatchdogHangSeconds * 1000)))
            {
                return false;
            }

            lock (_safeGate)
            {
                _io.WriteOutputs(_safeOutputs);
            }

            _watchdogTripped = true;
            return true;
        }

        /// <summary>One control cycle.</summary>
        public void RunCycle()
        {
            long now = _clock.GetUptimeMilliseconds();
            double sampleTimeSeconds = _lastCycleMilliseconds < 0
                ? _settings.ControlPeriodMilliseconds / 1000.0
                : (now - _lastCycleMilliseconds) / 1000.0;
            if (sampleTimeSeconds <= 0)
            {
                return;
            }

            if (_bootMilliseconds < 0)
            {
                _bootMilliseconds = now;
                _startupAtMilliseconds = now;
                _alarms.Set(AlarmTable.ConfigDefaults, !ConfigurationLoaded, now);
            }

            _lastCycleMilliseconds = now;
            _cycleMonitor.BeginCycle(now);

            _io.ReadInputs(_inputs);
            _sensors.Evaluate(_inputs, _settings, now);
            _dewPointCelsius = _inputs.AmbientValid && !double.IsNaN(_inputs.AmbientTemperatureCelsius) && !double.IsNaN(_inputs.RelativeHumidityPercent)
                ? DewPoint.FromTemperatureAndHumidity(_inputs.AmbientTemperatureCelsius, _inputs.RelativeHumidityPercent)
                : _settings.AssumedDewPointCelsius;
            _cycleMonitor.Pass(CycleMonitor.StageInputs);

            ReportInboxRefusals(now);
            DrainInbox(now);
            _cycleMonitor.Pass(CycleMonitor.StageMessages);

            RunSafety(now);
            _cycleMonitor.Pass(CycleMonitor.StageSafety);

            UpdateMode(now);
            RunLoops(now, sampleTimeSeconds);
            _cycleMonitor.Pass(CycleMonitor.StageLoops);

            _outputs.AlarmRelay = _alarms.AnyCritical;
            _io.WriteOutputs(_outputs);
            _cycleMonitor.Pass(CycleMonitor.StageOutputs);

            long end = _clock.GetUptimeMilliseconds();
            if (!_cycleMonitor.EndCycle(end, _settings.WatchdogOverrunMilliseconds))
            {
                // SAF-5: the failed cycle's outputs are replaced by the safe ones at once, and the controller stays in
                // Fault — on safe outputs — until it has run cleanly for the sensor recovery time.
                _faultUntilMilliseconds = end + (long)(_settings.SensorRecoverySeconds * 1000);
                _alarms.Set(AlarmTable.CycleFault, true, end);
                ComposeSafeOutputs();
                _io.WriteOutputs(_safeOutputs);
            }

            UpdateSafeOutputs();
            if (_watchdogTripped)
            {
                _watchdogTripped = false;
                PublishEvent(now, EventNames.WatchdogTripped, EventNames.SeverityCritical, "no control cycle completed in time: safe outputs were driven", null);
            }

            SaveRunHoursWhenDue(now);
            if (now >= _nextTelemetryMilliseconds)
            {
                _nextTelemetryMilliseconds = now + _settings.TelemetryPeriodMilliseconds;
                PublishTelemetry(now);
            }
        }

        /// <summary>Applies the settings to every component (after start-up and after a configuration update).</summary>
        private void Configure()
        {
            _sensors.Configure(_settings);
            _pumps.Configure(_settings.PumpCount);
            _supplyLoop.Configure(_settings);
            _pumpLoop.Configure(_settings);
            _deltaPressureRamp.RatePerSecond = _settings.DeltaPressureSlewKpaPerSecond;
        }
    }
}
