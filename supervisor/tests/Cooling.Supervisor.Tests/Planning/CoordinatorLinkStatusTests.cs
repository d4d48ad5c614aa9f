using System.Text.Json;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>The coordinator carries both setpoints and the IT load, and tracks per CDU whether it answers: ok, refused, lagging, silent.</summary>
public sealed class CoordinatorLinkStatusTests : IAsyncLifetime
{
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<JsonElement> _sent = [];
    private readonly List<(CduLinkStatus From, CduLinkStatus To, string Reason)> _changes = [];
    private readonly SupervisorOptions _options = new() { AcknowledgementTimeoutSeconds = 5, SilenceSeconds = 10 };
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;

    private sealed class ScriptedPlanner : ISetpointPlanner
    {
        public LoopDecision Next { get; set; } = new(33, 80, 400, "scripted", "test");

        public List<LoopObservation> Seen { get; } = [];

        public string Name => "scripted";

        public LoopDecision Plan(LoopObservation observation)
        {
            Seen.Add(observation);
            return Next;
        }
    }

    private readonly ScriptedPlanner _planner = new();

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(_options, _planner, _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, _options, _time, _store.Store,
            (_, payload) =>
            {
                _sent.Add(JsonDocument.Parse(payload).RootElement);
                return true;
            }, NullLogger.Instance);
        _coordinator.LinkStatusChanged += (_, from, to, reason) => _changes.Add((from, to, reason));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    private CduView Cdu => _supervisor.Hall.Cdu("hall1", "cdu1");

    private void Telemetry() => _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry());

    private void Acknowledge(string status) =>
        _coordinator.OnAcknowledgement(Cdu, CduMessageReader.ReadAcknowledgement(Messages.Ack(_sent[^1].GetProperty("seq").GetInt64(), status)).Value!);

    [Fact]
    public void The_request_carries_supply_delta_pressure_and_it_load_and_the_planner_sees_only_the_loops_racks()
    {
        Telemetry();
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/cdu1-r01/telemetry", Messages.Rack());
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/cdu2-r01/telemetry", Messages.Rack());

        _coordinator.Tick();

        var request = Assert.Single(_sent);
        Assert.Equal(33, request.GetProperty("supplyTemperatureCelsius").GetDouble());
        Assert.Equal(80, request.GetProperty("deltaPressureKpa").GetDouble());
        Assert.Equal(400, request.GetProperty("itLoadKilowatts").GetDouble());
        var observation = Assert.Single(_planner.Seen);
        Assert.Equal("cdu1-r01", Assert.Single(observation.Racks).RackId);
        Assert.Equal("test", Cdu.LastDecision!.Reason);
    }

    [Fact]
    public void A_change_of_delta_pressure_or_a_rise_of_the_it_load_goes_out_at_once()
    {
        Telemetry();
        _coordinator.Tick();
        _time.Advance(TimeSpan.FromSeconds(1));
        _coordinator.Tick();
        Assert.Single(_sent);

        // Each decision on new telemetry, in the same instant as the request before it.
        _planner.Next = _planner.Next with { DeltaPressureKpa = 95 };
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(2, _sent.Count);

        _planner.Next = _planner.Next with { ItLoadKilowatts = 300 };
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(2, _sent.Count); // a falling load waits for the renewal

        _planner.Next = _planner.Next with { ItLoadKilowatts = 480 };
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(3, _sent.Count);
    }

    [Fact]
    public void Ok_then_refused_then_ok_again_each_change_reported_once()
    {
        Telemetry();
        _coordinator.Tick();
        Acknowledge("accepted");
        Assert.Equal(CduLinkStatus.Ok, Cdu.LinkStatus);
        Assert.Equal(TimeSpan.Zero, Cdu.AcknowledgementLatency);

        _planner.Next = _planner.Next with { SupplyTemperatureCelsius = 34 };
        _time.Advance(TimeSpan.FromSeconds(1));
        _coordinator.Tick();
        Acknowledge("rejected");
        Assert.Equal(CduLinkStatus.Refused, Cdu.LinkStatus);
        Assert.Contains("rejected", Cdu.LinkStatusReason, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        _coordinator.Tick(); // nothing new: still refused, not reported again
        _planner.Next = _planner.Next with { SupplyTemperatureCelsius = 35 };
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(CduLinkStatus.Refused, Cdu.LinkStatus); // a new request in flight does not clear it
        _time.Advance(TimeSpan.FromSeconds(2));
        Acknowledge("clamped");

        Assert.Equal(CduLinkStatus.Ok, Cdu.LinkStatus);
        Assert.Equal([(CduLinkStatus.Unknown, CduLinkStatus.Ok), (CduLinkStatus.Ok, CduLinkStatus.Refused), (CduLinkStatus.Refused, CduLinkStatus.Ok)],
            _changes.Select(c => (c.From, c.To)));
        Assert.Equal(TimeSpan.FromSeconds(2), Cdu.AcknowledgementLatency);
        Assert.Equal("CduRefusedSetpoint", SetpointCoordinator.AlarmName(CduLinkStatus.Refused));
    }

    [Fact]
    public void A_CDU_that_sends_telemetry_but_does_not_answer_lags_and_one_that_stops_sending_is_silent()
    {
        Telemetry();
        _coordinator.Tick();
        _time.Advance(TimeSpan.FromSeconds(5));
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(CduLinkStatus.Unknown, Cdu.LinkStatus);

        _time.Advance(TimeSpan.FromSeconds(1));
        Telemetry();
        _coordinator.Tick();
        Assert.Equal(CduLinkStatus.Lagging, Cdu.LinkStatus);
        Assert.True(Cdu.AcknowledgementOverdue);

        _time.Advance(TimeSpan.FromSeconds(11));
        var sent = _sent.Count;
        _coordinator.Tick();
        Assert.Equal(CduLinkStatus.Silent, Cdu.LinkStatus);
        Assert.Contains("no telemetry", Cdu.LinkStatusReason, StringComparison.Ordinal);
        Assert.Equal(sent, _sent.Count); // nothing is sent to a silent CDU

        Telemetry();
        _coordinator.Tick();
        Acknowledge("accepted");
        Assert.Equal(CduLinkStatus.Ok, Cdu.LinkStatus);
        Assert.Equal(["CduLaggingAcknowledgement", "CduSilent", null], _changes.Skip(0).Select(c => SetpointCoordinator.AlarmName(c.To)));
    }

    [Fact]
    public void A_CDU_whose_last_will_arrives_is_silent()
    {
        Telemetry();
        _coordinator.Tick();
        Acknowledge("accepted");
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/state", Messages.Text("""{"v":1,"online":false}"""));

        _coordinator.Tick();

        Assert.Equal(CduLinkStatus.Silent, Cdu.LinkStatus);
        Assert.Equal("the CDU's last will says offline", Cdu.Snapshot().LinkStatusReason);
    }

    [Fact]
    public void The_acknowledgement_of_the_delta_pressure_is_read()
    {
        var ack = CduMessageReader.ReadAcknowledgement(Messages.Text("""
            {"v":1,"seq":9,"status":"clamped","reason":"deltaPressureKpa clamped to the envelope maximum","requestedSupplyTemperatureCelsius":30,
             "appliedSupplyTemperatureCelsius":30,"requestedDeltaPressureKpa":500,"appliedDeltaPressureKpa":200,
             "deltaPressureReason":"deltaPressureKpa clamped to the envelope maximum","leaseSeconds":30,"uptimeMilliseconds":5}
            """)).Value!;

        Assert.Equal(500, ack.RequestedDeltaPressureKpa);
        Assert.Equal(200, ack.AppliedDeltaPressureKpa);
        Assert.Equal("deltaPressureKpa clamped to the envelope maximum", ack.DeltaPressureReason);
        Assert.Null(CduMessageReader.ReadAcknowledgement(Messages.Ack(1)).Value!.AppliedDeltaPressureKpa);
    }
}
