using System.Text.Json;
using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static Cooling.Supervisor.Tests.Plausibility.PlausibilityTelemetry;

namespace Cooling.Supervisor.Tests.Plausibility;

/// <summary>
/// Spoofed telemetry through the whole supervisor: messages ingested as from the broker, planning rounds every 0.2 s,
/// alarm passes every second, on simulated time. Two CDUs with four racks each; cdu1's telemetry is spoofed, cdu2's
/// stays honest.
/// </summary>
public sealed class SpoofedTelemetryTests : IAsyncLifetime
{
    private const double RackHeat = 120_000;
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(DateTimeOffset At, string Topic)> _sent = [];
    private readonly ObservingPlanner _planner = new();
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;
    private HallAlarmRules _alarms = null!;
    private long _seq;

    /// <summary>The fixed planner, remembering every observation it was given.</summary>
    private sealed class ObservingPlanner : ISetpointPlanner
    {
        private readonly FixedSetpointPlanner _planner = new(30);

        public List<LoopObservation> Seen { get; } = [];

        public string Name => "observing";

        public LoopDecision Plan(LoopObservation observation)
        {
            Seen.Add(observation);
            return _planner.Plan(observation);
        }
    }

    public Task InitializeAsync()
    {
        var options = new SupervisorOptions();
        _supervisor = new SupervisorService(options, _planner, _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, options, _time, _store.Store,
            (topic, _) =>
            {
                _sent.Add((_time.GetUtcNow(), topic));
                return true;
            }, NullLogger.Instance);
        var engine = new AlarmEngine(new AlarmOptions { StartupSuppressionSeconds = 0 }, new MemoryAlarmHistory(), _time, NullLogger.Instance);
        _alarms = new HallAlarmRules(_supervisor.Hall, engine, _time, options.SilenceSeconds, _coordinator.Trust);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    // One second of the hall: every rack and CDU publishes once, five planning rounds, one alarm pass.
    private void Run(int seconds, double cdu1Supply = 30, double cdu1Outlet = double.NaN)
    {
        var honestReturn = HonestReturnCelsius(30, 4 * RackHeat + PumpHeatWatts);
        for (var s = 0; s < seconds; s++)
        {
            _seq++;
            var now = _time.GetUtcNow();
            foreach (var cdu in new[] { "cdu1", "cdu2" })
            {
                for (var r = 1; r <= 4; r++)
                {
                    var outlet = cdu == "cdu1" && r == 1 && !double.IsNaN(cdu1Outlet) ? cdu1Outlet : 36.5;
                    _supervisor.Ingestor.Ingest($"cooling/v1/hall1/rack/{cdu}-r0{r}/telemetry", RackJson(_seq, 30.1, outlet, RackHeat, 62, now));
                }

                var supply = cdu == "cdu1" ? cdu1Supply : 30;
                _supervisor.Ingestor.Ingest($"cooling/v1/hall1/cdu/{cdu}/telemetry", CduJson(CduMessage(supply, honestReturn, seq: _seq)));
            }

            for (var round = 0; round < 5; round++)
            {
                _time.Advance(TimeSpan.FromSeconds(0.2));
                _coordinator.Tick();
            }

            _alarms.Evaluate();
        }
    }

    private int RequestsTo(string cdu, DateTimeOffset since) => _sent.Count(r => r.At >= since && r.Topic.Contains($"/cdu/{cdu}/", StringComparison.Ordinal));

    [Fact]
    public void SEC_20_a_CDU_whose_supply_is_spoofed_low_raises_the_alarm_and_the_planner_stops_planning_on_it_until_it_is_honest_again()
    {
        Run(240); // honest: the loops' memory covered
        Assert.All(_supervisor.Hall.Cdus, c => Assert.Equal(0, c.HeatBalance.ImplausibleMessages));
        Assert.True(_supervisor.Hall.Cdu("hall1", "cdu1").HeatBalance.JudgedMessages > 50);

        Run(240, cdu1Supply: 26.5); // 3.5 K colder than the flow and the racks' heat allow; the facility water is 24 °C
        var cdu1 = _supervisor.Hall.Cdu("hall1", "cdu1").Snapshot();
        Assert.True(cdu1.HeatBalance.Implausible, cdu1.HeatBalance.Reason);
        var trippedAt = cdu1.HeatBalance.Since;
        Assert.True(cdu1.HeatBalance.MismatchKelvin > 2, cdu1.HeatBalance.Reason);
        Assert.True(cdu1.HeatBalance.ImplausibleMessages >= 30);
        Assert.Equal(cdu1.HeatBalance.ImplausibleMessages, _coordinator.Trust.CduMessagesImplausible);

        var alarm = Assert.Single(_alarms.Engine.Open(), a => a.Code == HallAlarmRules.CduHeatBalanceImplausible);
        Assert.Equal("hall1/cdu/cdu1/heatBalance", alarm.Source);
        Assert.Equal(AlarmSeverity.Critical, alarm.Severity);
        Assert.Contains("CDU cdu1", alarm.Message);
        Assert.Contains("K above", alarm.Message);
        Assert.True(alarm.Value > 100_000, $"the mismatch in W: {alarm.Value}"); // ≈ (3.5 K − tolerance) · 48 kW/K

        // After the trip: the planner never sees a spoofed supply, and cdu1 gets no request (its lease runs out); cdu2 goes on.
        Assert.DoesNotContain(_planner.Seen, o => o.CduId == "cdu1" && o.Time > trippedAt);
        Assert.Equal(0, RequestsTo("cdu1", trippedAt.AddSeconds(1)));
        Assert.True(RequestsTo("cdu2", trippedAt.AddSeconds(1)) >= 2); // renewed every 10 s
        Assert.False(_supervisor.Hall.Cdu("hall1", "cdu2").HeatBalance.Implausible);

        // Honest again: trusted after the clear dwell, planned on and leased again, the alarm cleared.
        var honestFrom = _time.GetUtcNow();
        Run(55);
        Assert.True(_supervisor.Hall.Cdu("hall1", "cdu1").HeatBalance.Implausible);
        Run(10);
        Assert.False(_supervisor.Hall.Cdu("hall1", "cdu1").HeatBalance.Implausible);
        Assert.True(RequestsTo("cdu1", honestFrom) >= 1);
        Assert.Contains(_planner.Seen, o => o.CduId == "cdu1" && o.Time > honestFrom && o.Cdu.SupplyTemperatureCelsius == 30);
        Assert.DoesNotContain(_alarms.Engine.Open(), a => a.Code == HallAlarmRules.CduHeatBalanceImplausible && a.Active);
    }

    [Fact]
    public void SEC_21_a_rack_reporting_its_outlet_below_its_inlet_under_load_is_counted_alarmed_and_left_out_of_planning()
    {
        Run(240);
        var before = _planner.Seen.Count;
        Run(20, cdu1Outlet: 28.0); // rack cdu1-r01: 120 kW into the liquid, yet the outlet 2.1 K below the inlet

        Assert.True(_coordinator.Trust.RackMessagesRejected >= 15);
        Assert.Contains("outlet 28.00 °C below the inlet 30.10 °C", _coordinator.Trust.RackContradiction("hall1", "cdu1-r01"));
        var alarm = Assert.Single(_alarms.Engine.Open(), a => a.Code == HallAlarmRules.RackTelemetryImplausible);
        Assert.Equal("hall1/rack/cdu1-r01", alarm.Source);
        Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
        var cdu1Observations = _planner.Seen.Skip(before).Where(o => o.CduId == "cdu1").ToList();
        Assert.NotEmpty(cdu1Observations);
        Assert.All(cdu1Observations.Skip(1), o => Assert.DoesNotContain(o.Racks, r => r.RackId == "cdu1-r01"));
        Assert.All(cdu1Observations, o => Assert.Equal(3, o.Racks.Count(r => r.RackId != "cdu1-r01")));

        Run(10);
        Assert.Null(_coordinator.Trust.RackContradiction("hall1", "cdu1-r01"));
        Assert.Contains(_planner.Seen.Last(o => o.CduId == "cdu1").Racks, r => r.RackId == "cdu1-r01");
        Assert.DoesNotContain(_alarms.Engine.Open(), a => a.Code == HallAlarmRules.RackTelemetryImplausible && a.Active);
    }
}
