using System.Text.Json;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>
/// Rounds every 0.2 s plan a loop when its telemetry is new (or a replan is due), and requests go out only when the
/// decision moves meaningfully — towards more cooling at once, towards less at most once per RelaxingRequestSeconds — or the
/// lease needs renewing; on simulated time.
/// </summary>
public sealed class CoordinatorPlanningCadenceTests : IAsyncLifetime
{
    private static readonly TimeSpan Round = TimeSpan.FromSeconds(0.2);
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<(DateTimeOffset At, JsonElement Request)> _sent = [];
    private readonly SupervisorOptions _options = new(); // the defaults: rounds every 0.2 s, replan after 1 s, renewal after 10 s
    private readonly CountingPlanner _planner = new();
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;

    private sealed class CountingPlanner : ISetpointPlanner
    {
        public LoopDecision Next { get; set; } = new(30, 100, null, "counting", "test");

        public List<LoopObservation> Seen { get; } = [];

        public string Name => "counting";

        public LoopDecision Plan(LoopObservation observation)
        {
            Seen.Add(observation);
            return Next;
        }
    }

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(_options, _planner, _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, _options, _time, _store.Store,
            (_, payload) =>
            {
                _sent.Add((_time.GetUtcNow(), JsonDocument.Parse(payload).RootElement));
                return true;
            }, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    private void CduTelemetry(string cdu = "cdu1") => _supervisor.Ingestor.Ingest($"cooling/v1/hall1/cdu/{cdu}/telemetry", Messages.CduTelemetry());

    private void RackTelemetry(string rack = "cdu1-r01") => _supervisor.Ingestor.Ingest($"cooling/v1/hall1/rack/{rack}/telemetry", Messages.Rack());

    private void Rounds(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _time.Advance(Round);
            _coordinator.Tick();
        }
    }

    [Fact]
    public void The_default_plans_five_times_a_second_and_replans_a_loop_without_news_once_a_second()
    {
        Assert.Equal(0.2, _options.PlanningPeriodSeconds);
        Assert.Equal(1.0, _options.ReplanSeconds);
        Assert.Equal(1.0, _options.RelaxingRequestSeconds);
        CduTelemetry();
        RackTelemetry();
        _coordinator.Tick();
        Assert.Single(_planner.Seen);

        Rounds(4); // 0.8 s without news: nothing to plan
        Assert.Single(_planner.Seen);
        Rounds(1); // 1 s: the time-driven replan
        Assert.Equal(2, _planner.Seen.Count);
        Assert.Equal(2, _coordinator.LoopsPlanned);
    }

    [Fact]
    public void New_rack_or_CDU_telemetry_is_planned_on_in_the_next_round_and_only_its_own_loop()
    {
        CduTelemetry("cdu1");
        CduTelemetry("cdu2");
        RackTelemetry("cdu1-r01");
        _coordinator.Tick();
        Assert.Equal(2, _planner.Seen.Count);

        _time.Advance(TimeSpan.FromMilliseconds(50));
        RackTelemetry("cdu1-r01"); // a rack of cdu1's loop reports
        Rounds(1);
        var planned = _planner.Seen[^1];
        Assert.Equal(3, _planner.Seen.Count);
        Assert.Equal("cdu1", planned.CduId);
        Assert.Equal(TimeSpan.FromMilliseconds(250), planned.Time - Start); // the first round after the message, 200 ms later

        CduTelemetry("cdu2");
        Rounds(1);
        Assert.Equal(4, _planner.Seen.Count);
        Assert.Equal("cdu2", _planner.Seen[^1].CduId);
    }

    [Fact]
    public void Colder_goes_out_at_once_warmer_waits_a_replan_period_and_an_unchanged_decision_only_renews_the_lease()
    {
        CduTelemetry();
        _coordinator.Tick();
        Assert.Single(_sent);

        for (var i = 0; i < 5; i++) // a decision warming 0.1 K per round, on telemetry every round
        {
            _planner.Next = _planner.Next with { SupplyTemperatureCelsius = 30 + 0.1 * (i + 1) };
            CduTelemetry();
            Rounds(1);
        }

        Assert.Equal(2, _sent.Count); // relaxing: one request after 1 s, not one per round
        Assert.Equal(TimeSpan.FromSeconds(1), _sent[1].At - _sent[0].At);
        Assert.Equal(30.5, _sent[1].Request.GetProperty("supplyTemperatureCelsius").GetDouble());

        _planner.Next = _planner.Next with { SupplyTemperatureCelsius = 29 };
        CduTelemetry();
        Rounds(1);
        Assert.Equal(3, _sent.Count); // more cooling: in the next round
        _planner.Next = _planner.Next with { DeltaPressureKpa = 120 };
        CduTelemetry();
        Rounds(1);
        Assert.Equal(4, _sent.Count);

        var before = _sent.Count;
        for (var i = 0; i < 50; i++) // 10 s of telemetry every round, the decision unchanged
        {
            CduTelemetry();
            Rounds(1);
        }

        var renewal = Assert.Single(_sent.Skip(before));
        Assert.Equal(TimeSpan.FromSeconds(10), renewal.At - _sent[before - 1].At);
        Assert.True(_planner.Seen.Count > 50);
    }

    [Fact]
    public void A_request_the_broker_could_not_take_is_tried_again_in_the_next_round()
    {
        var up = false;
        var coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, _options, _time, _store.Store,
            (_, payload) =>
            {
                if (up) _sent.Add((_time.GetUtcNow(), JsonDocument.Parse(payload).RootElement));
                return up;
            }, NullLogger.Instance);
        CduTelemetry();
        coordinator.Tick();
        Assert.Empty(_sent);

        up = true;
        _time.Advance(Round);
        coordinator.Tick();
        Assert.Single(_sent);
        Assert.Equal(2, coordinator.LoopsPlanned);
    }

    [Theory]
    [InlineData(0.2, 0.1, 1.0, "ReplanSeconds")]
    [InlineData(1.0, 11.0, 1.0, "ReplanSeconds")]
    [InlineData(0.2, 1.0, 11.0, "RelaxingRequestSeconds")]
    [InlineData(0.2, 1.0, -1.0, "RelaxingRequestSeconds")]
    public void Replanning_and_relaxing_periods_that_would_outlast_the_renewal_are_refused(double period, double replan, double relaxing, string named)
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new SupervisorOptions { PlanningPeriodSeconds = period, ReplanSeconds = replan, RelaxingRequestSeconds = relaxing }.Validate());
        Assert.StartsWith(named, ex.Message, StringComparison.Ordinal);
    }
}
