using Cdu.Firmware;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cooling.Models.Energy;
using Cooling.Models.Plant;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Twin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning.Twin;

/// <summary>
/// One cooling loop of the twin under the supervisor, in process and on simulated time, no broker: the twin's plant
/// with the real firmware core on simulated I/O, rack telemetry composed as the twin's rack agents do, and the
/// supervisor's own ingestion (contract readers, hall state) and <see cref="SetpointCoordinator"/> with the planner
/// under test. Requests go straight into the core's inbox; what the core publishes goes straight to ingestion, its
/// acknowledgements to the coordinator. Pump energy is the plant's; facility energy the <see cref="FacilityEnergyProxy"/>.
/// </summary>
public sealed class PlannedLoopRig : IAsyncDisposable
{
    private const string Site = "sil";
    private const string CduId = "cdu1";
    private readonly Func<double, double> _utilization;
    private readonly SimulationClock _clock = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));
    private readonly TemporaryStore _store = new();
    private readonly SupervisorService _supervisor;
    private readonly RackTelemetryComposer _rackComposer = new();
    private readonly Outbox _outbox = new();
    private readonly FacilityEnergyProxy _facility = new();
    private long _rackSequence;

    public PlannedLoopRig(ISetpointPlanner planner, Func<double, double> utilizationAtSeconds, LoopDescription? loop = null, int seed = 1)
    {
        _utilization = utilizationAtSeconds;
        Planner = planner;
        Settings = new CduSettings();
        Plant = new SecondaryLoopPlant(loop ?? new LoopDescription(), seed);
        Io = new SimulatedCduIo(Plant, Settings, seed: 100 + seed);
        Topics = new CduTopics(Site, CduId);
        Controller = new CduController(Settings, _clock, Io, _outbox, Topics);
        var options = new SupervisorOptions();
        _supervisor = new SupervisorService(options, planner, _store.Store, _time);
        Coordinator = new SetpointCoordinator(_supervisor.Hall, planner, options, _time, _store.Store, Deliver, NullLogger.Instance);
    }

    public ISetpointPlanner Planner { get; }

    public CduSettings Settings { get; }

    public SecondaryLoopPlant Plant { get; }

    public SimulatedCduIo Io { get; }

    public CduTopics Topics { get; }

    public CduController Controller { get; }

    public SetpointCoordinator Coordinator { get; }

    public State.CduView Cdu => _supervisor.Hall.Cdu(Site, CduId);

    public double Seconds => _clock.ElapsedMilliseconds / 1000.0;

    /// <summary>Pump electric energy so far, kWh.</summary>
    public double PumpKilowattHours { get; private set; }

    /// <summary>Facility energy (chiller proxy + facility pump) so far, kWh.</summary>
    public double FacilityKilowattHours { get; private set; }

    public double TotalKilowattHours => PumpKilowattHours + FacilityKilowattHours;

    /// <summary>Hottest GPU die of any rack so far, °C, and when.</summary>
    public double HottestGpuCelsius { get; private set; } = double.MinValue;

    public double HottestAtSeconds { get; private set; }

    public int Rejections { get; private set; }

    public int Acknowledgements { get; private set; }

    /// <summary>Runs for <paramref name="seconds"/> of plant time; <paramref name="everySecond"/> after each planning round.</summary>
    public void RunFor(double seconds, Action? everySecond = null)
    {
        var steps = (long)Math.Round(seconds * 1000 / Settings.Timing.ControlPeriodMilliseconds);
        for (long i = 0; i < steps; i++)
        {
            if (Step()) everySecond?.Invoke();
        }
    }

    // One control period; true when a planning round ran.
    private bool Step()
    {
        var dt = Settings.Timing.ControlPeriodMilliseconds / 1000.0;
        var u = _utilization(Seconds);
        foreach (var rack in Plant.Racks) rack.Utilization = u;
        Controller.RunCycle();
        Io.StepPlant(dt);
        _clock.Advance(Settings.Timing.ControlPeriodMilliseconds);
        _time.Advance(TimeSpan.FromMilliseconds(Settings.Timing.ControlPeriodMilliseconds));
        PumpKilowattHours += Plant.PumpPowerWatts * dt / 3.6e6;
        FacilityKilowattHours += _facility.PowerWatts(Plant.HeatExchangerWatts, Plant.SupplyCelsius, Plant.FacilityFlowLitersPerMinute) * dt / 3.6e6;
        foreach (var rack in Plant.Racks)
        {
            if (rack.HottestGpuCelsius > HottestGpuCelsius)
            {
                HottestGpuCelsius = rack.HottestGpuCelsius;
                HottestAtSeconds = Seconds;
            }
        }

        RouteCduMessages();
        if (_clock.ElapsedMilliseconds % 1000 != 0) return false;
        PublishRackTelemetry();
        Coordinator.Tick();
        return true;
    }

    private void RouteCduMessages()
    {
        foreach (var (topic, payload) in _outbox.Take())
        {
            if (topic == Topics.SetpointAcknowledgement)
            {
                var ack = CduMessageReader.ReadAcknowledgement(payload).Value!;
                Acknowledgements++;
                if (ack.Status == "rejected") Rejections++;
                Coordinator.OnAcknowledgement(Cdu, ack);
            }
            else
            {
                _supervisor.Ingestor.Ingest(topic, payload);
            }
        }
    }

    private void PublishRackTelemetry()
    {
        _rackSequence++;
        var rate = Plant.Description.Coolant.HeatCapacityRateWattsPerKelvin(Plant.FlowLitersPerMinute / Plant.Racks.Length);
        foreach (var rack in Plant.Racks)
        {
            var outlet = rate > 0 ? rack.InletCelsius + rack.HeatWatts / rate : rack.InletCelsius;
            var payload = _rackComposer.Compose(rack, outlet, _rackSequence, _time.GetUtcNow());
            _supervisor.Ingestor.Ingest($"cooling/v1/{Site}/rack/{CduId}-{rack.RackId}/telemetry", payload.Span);
        }
    }

    private bool Deliver(string topic, byte[] payload)
    {
        if (topic != Topics.SetpointRequest || !Controller.Inbox.TryEnqueue(topic, payload, 0, payload.Length)) return false;
        var request = System.Text.Json.JsonDocument.Parse(payload).RootElement;
        Requests.Add(new DeliveredRequest(Seconds, request.GetProperty("supplyTemperatureCelsius").GetDouble(),
            request.TryGetProperty("deltaPressureKpa", out var dp) ? dp.GetDouble() : null,
            request.TryGetProperty("itLoadKilowatts", out var kw) ? kw.GetDouble() : null));
        return true;
    }

    /// <summary>Every request handed to the core, with the plant time it was sent.</summary>
    public List<DeliveredRequest> Requests { get; } = [];

    public async ValueTask DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
        _rackComposer.Dispose();
    }

    /// <summary>A request as delivered: plant time s, supply °C, ΔP kPa and IT load kW when carried.</summary>
    public sealed record DeliveredRequest(double Seconds, double SupplyCelsius, double? DeltaPressureKpa, double? ItLoadKilowatts);

    /// <summary>What the core publishes, kept until routed.</summary>
    private sealed class Outbox : IMessageBus
    {
        private readonly List<(string Topic, byte[] Payload)> _messages = [];

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) =>
            _messages.Add((topic, payload.AsSpan(0, length).ToArray()));

        public List<(string Topic, byte[] Payload)> Take()
        {
            var taken = new List<(string, byte[])>(_messages);
            _messages.Clear();
            return taken;
        }
    }
}
