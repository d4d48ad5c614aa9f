using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Api;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Storage;
using Prometheus;

namespace Cooling.Supervisor.Service.Metrics;

/// <summary>
/// The Prometheus metrics of /metrics, in the service's own registry: ingestion (accepted and rejected messages per
/// topic kind), planner (requests sent, acknowledgements by status, round duration, telemetry-to-decision latency),
/// store (rows written, dropped, queue depth), alarms and broker. Counters kept by the components are read at
/// scrape time; durations are observed as they happen.
/// </summary>
public sealed class SupervisorMetrics
{
    private static readonly TopicKind[] Kinds = Enum.GetValues<TopicKind>();
    private readonly Counter _received;
    private readonly Counter _accepted;
    private readonly Counter _rejected;
    private readonly Counter _droppedQueueFull;
    private readonly Counter _gpuSamples;
    private readonly Counter _requests;
    private readonly Counter _loopsPlanned;
    private readonly Counter _acknowledgements;
    private readonly Gauge _overdue;
    private readonly Histogram _roundDuration;
    private readonly Histogram _decisionLatency;
    private readonly Counter _rowsWritten;
    private readonly Counter _rowsDropped;
    private readonly Counter _storeFailures;
    private readonly Gauge _queueDepth;
    private readonly Gauge _alarmsOpen;
    private readonly Counter _alarmsRaised;
    private readonly Counter _alarmsCleared;
    private readonly Gauge _brokerConnected;
    private readonly Gauge _telemetryAge;
    private readonly Counter _rackImplausible;
    private readonly Counter _cduImplausible;
    private readonly Gauge _cdusNotPlannedOn;
    private readonly TimeProvider _time;
    private SupervisorService? _supervisor;
    private SqliteTelemetryStore? _store;

    public SupervisorMetrics(TimeProvider time)
    {
        _time = time;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _received = f.CreateCounter("cooling_ingestion_messages_received_total", "Messages received from the broker, per topic kind.", "kind");
        _accepted = f.CreateCounter("cooling_ingestion_messages_accepted_total", "Messages accepted, per topic kind.", "kind");
        _rejected = f.CreateCounter("cooling_ingestion_messages_rejected_total", "Messages refused by validation, per topic kind.", "kind");
        _droppedQueueFull = f.CreateCounter("cooling_ingestion_messages_dropped_total", "Messages dropped unread because their ingestion queue was full, per topic kind.", "kind");
        _gpuSamples = f.CreateCounter("cooling_ingestion_gpu_samples_total", "GPU readings in accepted rack telemetry.");
        _requests = f.CreateCounter("cooling_planner_setpoint_requests_sent_total", "Setpoint requests sent to CDUs.");
        _loopsPlanned = f.CreateCounter("cooling_planner_loops_planned_total", "Loops planned (planner calls): one per loop with new telemetry or a replan due, per round.");
        _acknowledgements = f.CreateCounter("cooling_planner_acknowledgements_total", "Setpoint acknowledgements received, per status.", "status");
        _overdue = f.CreateGauge("cooling_planner_acknowledgements_overdue", "CDUs whose last request is unacknowledged past the timeout.");
        _roundDuration = f.CreateHistogram("cooling_planner_round_duration_seconds", "Wall-clock duration of one planning round.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 4, 9) });
        _decisionLatency = f.CreateHistogram("cooling_planner_decision_latency_seconds",
            "From the arrival of a CDU's telemetry to the setpoint request decided on it.",
            new HistogramConfiguration { Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] });
        _rowsWritten = f.CreateCounter("cooling_store_rows_written_total", "Rows committed to the store.");
        _rowsDropped = f.CreateCounter("cooling_store_rows_dropped_total", "Records lost because a store queue was full or a batch failed.");
        _storeFailures = f.CreateCounter("cooling_store_write_failures_total", "Records whose write to the store threw.");
        _queueDepth = f.CreateGauge("cooling_store_queue_depth", "Records queued for the store and not yet committed.");
        _alarmsOpen = f.CreateGauge("cooling_alarms_open", "Open alarms (active or unacknowledged), per severity.", "severity");
        _alarmsRaised = f.CreateCounter("cooling_alarms_raised_total", "Alarms raised since start.");
        _alarmsCleared = f.CreateCounter("cooling_alarms_cleared_total", "Alarms cleared since start.");
        _brokerConnected = f.CreateGauge("cooling_broker_connected", "1 while the supervisor is connected to its broker.");
        _telemetryAge = f.CreateGauge("cooling_telemetry_age_seconds", "Age of the newest rack or CDU telemetry (NaN before any).");
        _rackImplausible = f.CreateCounter("cooling_plausibility_rack_messages_rejected_total", "Rack messages that contradicted physics and were left out of planning.");
        _cduImplausible = f.CreateCounter("cooling_plausibility_cdu_messages_implausible_total", "CDU messages that contradicted their loop's heat balance.");
        _cdusNotPlannedOn = f.CreateGauge("cooling_plausibility_cdus_implausible", "CDUs whose telemetry contradicts their heat balance (not planned on).");
        foreach (var kind in Kinds)
        {
            _received.WithLabels(kind.ToString()).IncTo(0);
            _accepted.WithLabels(kind.ToString()).IncTo(0);
            _rejected.WithLabels(kind.ToString()).IncTo(0);
            _droppedQueueFull.WithLabels(kind.ToString()).IncTo(0);
        }

        Registry.AddBeforeCollectCallback(Refresh);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Starts reading this supervisor's counters and observing its planning rounds.</summary>
    public void Attach(SupervisorService supervisor, SqliteTelemetryStore? store)
    {
        _supervisor = supervisor;
        _store = store;
        supervisor.PlanningRoundCompleted += round =>
        {
            _roundDuration.Observe(round.Duration.TotalSeconds);
            foreach (var latency in round.DecisionLatencies)
            {
                _decisionLatency.Observe(Math.Max(0, latency.TotalSeconds));
            }
        };
    }

    private void Refresh()
    {
        if (_supervisor is not { } s) return;
        var c = s.Counters;
        foreach (var kind in Kinds)
        {
            _received.WithLabels(kind.ToString()).IncTo(c.Received(kind));
            _accepted.WithLabels(kind.ToString()).IncTo(c.Accepted(kind));
            _rejected.WithLabels(kind.ToString()).IncTo(c.Rejected(kind));
            _droppedQueueFull.WithLabels(kind.ToString()).IncTo(c.DroppedQueueFull(kind));
        }

        _gpuSamples.IncTo(c.GpuSamplesAccepted);

        _requests.IncTo(s.Coordinator.RequestsSent);
        _loopsPlanned.IncTo(s.Coordinator.LoopsPlanned);
        _acknowledgements.WithLabels("accepted").IncTo(s.Acknowledgements.Accepted);
        _acknowledgements.WithLabels("clamped").IncTo(s.Acknowledgements.Clamped);
        _acknowledgements.WithLabels("rejected").IncTo(s.Acknowledgements.Rejected);
        _overdue.Set(s.Hall.Cdus.Count(c => CduStatus.Of(c).AcknowledgementOverdue));
        _storeFailures.IncTo(c.StoreRecordsFailed);
        if (_store is { } store)
        {
            _rowsWritten.IncTo(store.Written);
            _rowsDropped.IncTo(store.Dropped + c.StoreRecordsDropped);
            _queueDepth.Set(store.QueueDepth + s.StoreFeeder.Backlog);
        }

        var engine = s.Alarms.Engine;
        var open = engine.Open();
        foreach (var severity in Enum.GetValues<AlarmSeverity>())
        {
            _alarmsOpen.WithLabels(severity.ToString()).Set(open.Count(a => a.Severity == severity));
        }

        _alarmsRaised.IncTo(engine.RaisedCount);
        _alarmsCleared.IncTo(engine.ClearedCount);
        _brokerConnected.Set(s.IsConnected ? 1 : 0);
        _rackImplausible.IncTo(s.Coordinator.Trust.RackMessagesRejected);
        _cduImplausible.IncTo(s.Coordinator.Trust.CduMessagesImplausible);
        _cdusNotPlannedOn.Set(s.Hall.Cdus.Count(cdu => cdu.Snapshot().HeatBalance.Implausible));
        _telemetryAge.Set(CduStatus.NewestTelemetry(s.Hall) is { } newest ? (_time.GetUtcNow() - newest).TotalSeconds : double.NaN);
    }
}
