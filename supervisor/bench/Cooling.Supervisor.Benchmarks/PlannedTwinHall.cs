using Cdu.Firmware.Platform;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Twin;
using Cooling.Twin.Benchmarks;
using Cooling.Twin.Hall;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// The shipped large hall of the twin (50 CDUs × 8 racks × 72 GPUs, the real firmware core on each loop, rack
/// telemetry every second) under the supervisor in one process, on simulated time and with no broker: what the CDUs
/// and rack agents publish goes straight into the supervisor's ingestion, its setpoint requests straight into the
/// CDUs' inboxes, their acknowledgements back to the coordinator. Planning rounds run every planning period of the
/// simulated clock between the hall's one-second steps. <see cref="Plan"/> hands the loops to a new coordinator with
/// other settings; the planner (and what it has learned), the hall and the supervisor's state carry on.
/// </summary>
public sealed class PlannedTwinHall : IAsyncDisposable
{
    private readonly TwinHall _hall;
    private readonly FakeTimeProvider _time;
    private readonly SupervisorService _supervisor;
    private readonly CountingStore _store = new();
    private readonly ISetpointPlanner _planner;
    private readonly Dictionary<string, int> _cduIndex = new(StringComparer.Ordinal);
    private TimeSpan _period;

    public PlannedTwinHall(int cdus, SupervisorOptions options, ISetpointPlanner planner)
    {
        var description = TwinBenchmark.Hall(cdus);
        Site = description.SiteId;
        _planner = planner;
        _hall = new TwinHall(description, i => new ToSupervisor(this), (rackId, payload) => Ingest($"{TopicAddress.Root}{Site}/rack/{rackId}/telemetry", payload.Span));
        _time = new FakeTimeProvider(_hall.Epoch);
        _supervisor = new SupervisorService(options, planner, _store, _time);
        for (var i = 0; i < cdus; i++) _cduIndex[HallDescription.CduId(i)] = i;
        Plan(options);
    }

    public string Site { get; }

    public SetpointCoordinator Coordinator { get; private set; } = null!;

    /// <summary>From now on a new coordinator with these settings plans the loops (its counters start at zero).</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Coordinator))]
    public void Plan(SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _period = TimeSpan.FromSeconds(options.PlanningPeriodSeconds);
        Coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, options, _time, _store, Deliver, NullLogger.Instance);
    }

    /// <summary>Requests the CDUs took into their inboxes.</summary>
    public long RequestsDelivered { get; private set; }

    /// <summary>
    /// Runs the hall for <paramref name="seconds"/> simulated seconds: each second the plant and the CDUs step and
    /// publish, then the planning rounds of that second run; <paramref name="round"/> wraps each round (to time it).
    /// </summary>
    public void Run(int seconds, Action<Action> round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var rounds = (int)Math.Round(TimeSpan.FromSeconds(1) / _period);
        for (var s = 0; s < seconds; s++)
        {
            _hall.Run(TimeSpan.FromSeconds(1));
            for (var r = 0; r < rounds; r++)
            {
                round(Coordinator.Tick);
                _time.Advance(_period);
            }
        }
    }

    private void Ingest(string topic, ReadOnlySpan<byte> payload) => _supervisor.Ingestor.Ingest(topic, payload);

    private bool Deliver(string topic, byte[] payload)
    {
        if (!_cduIndex.TryGetValue(TopicAddress.Parse(topic).DeviceId, out var index)) return false;
        if (!_hall.Loops[index].Controller.Inbox.TryEnqueue(topic, payload, 0, payload.Length)) return false;
        RequestsDelivered++;
        return true;
    }

    // What a CDU publishes: into the supervisor's ingestion; acknowledgements also to this hall's coordinator.
    private sealed class ToSupervisor(PlannedTwinHall owner) : IMessageBus
    {
        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
            var message = payload.AsSpan(0, length);
            owner.Ingest(topic, message);
            var address = TopicAddress.Parse(topic);
            if (address.Kind != TopicKind.SetpointAcknowledgement) return;
            if (CduMessageReader.ReadAcknowledgement(message).Value is { } acknowledgement)
            {
                owner.Coordinator.OnAcknowledgement(owner._supervisor.Hall.Cdu(address.SiteId, address.DeviceId), acknowledgement);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _hall.Dispose();
        await _supervisor.DisposeAsync();
    }
}
