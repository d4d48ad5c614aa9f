using System.Runtime.InteropServices;
using Cdu.Firmware;
using Cdu.Firmware.Mqtt;
using Cooling.Mqtt.Connection;
using Cooling.Mqtt.Topics;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;
using Microsoft.Extensions.Logging;

namespace Cooling.Twin;

/// <summary>
/// A hall of CDU loops on a broker, like real devices: each loop's plant is stepped at the firmware's control period
/// with the real firmware core in the loop, each core is a <see cref="VirtualCdu"/> with its own connection
/// (telemetry, birth, last will, setpoint requests, commands), and each rack publishes its telemetry over the broker
/// like a real rack agent. Time comes from a <see cref="TimeProvider"/>: <see cref="CatchUp"/> advances the plant in
/// fixed steps until it reaches the provider's elapsed time — a fake provider in tests (far faster than real time),
/// the system clock when a person watches, a scaled one for an accelerated hall. Between rack telemetry periods the
/// loops may be stepped on several threads (<see cref="Threads"/>) with the same results.
/// </summary>
public sealed class SimulatedHall : IAsyncDisposable
{
    private readonly HallDescription _description;
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly MqttConnection _rackConnection;
    private readonly RackTelemetryComposer _rackComposer = new();
    private readonly long _rackPeriodMilliseconds;
    private long _nextRackTelemetryMilliseconds;
    private long _rackMessages;

    /// <summary>Name of the rack agents' connection in <see cref="SimulatedHall(HallDescription, Func{string, BrokerConnectionOptions}, TimeProvider, ILoggerFactory?)"/>.</summary>
    public const string RackAgentConnection = "racks";

    /// <summary>A hall whose connections all use <paramref name="broker"/> (one identity for the whole twin, or none).</summary>
    public SimulatedHall(HallDescription description, BrokerConnectionOptions broker, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
        : this(description, _ => broker, timeProvider, loggerFactory)
    {
    }

    /// <summary>
    /// A hall whose connections each carry their own identity, as a real hall's would: <paramref name="brokerFor"/> gives
    /// the connection settings of each CDU by its id (<see cref="HallDescription.CduId"/>) and of the rack agents by
    /// <see cref="RackAgentConnection"/>.
    /// </summary>
    public SimulatedHall(HallDescription description, Func<string, BrokerConnectionOptions> brokerFor, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        var problem = description.Validate();
        if (problem is not null) throw new ArgumentException($"The hall description is not usable: {problem}.", nameof(description));
        _description = description;
        _timeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _rackPeriodMilliseconds = (long)Math.Round(description.RackTelemetryPeriodSeconds * 1000);
        var loops = new SimulatedLoop[description.CduCount];
        for (var i = 0; i < loops.Length; i++)
        {
            // Each CDU keeps its own settings: a configuration update to one must not reach the others.
            var settings = new CduSettings();
            settings.CopyFrom(description.FirmwareSettings);
            var plant = new SecondaryLoopPlant(description.Loop, description.PlantSeed(i));
            var io = new SimulatedCduIo(plant, settings, description.SensorSeed(i));
            var clock = new SimulationClock();
            var cduId = HallDescription.CduId(i);
            var cdu = new VirtualCdu(settings, clock, io, brokerFor(cduId), description.SiteId, cduId, loggerFactory?.CreateLogger($"cdu.{cduId}"));
            loops[i] = new SimulatedLoop(new TwinLoop(i, cduId, plant, io, clock, cdu.Controller, cdu.RunCycle, description.SettleSeconds), cdu);
        }

        Loops = loops;
        _rackConnection = new MqttConnection(brokerFor(RackAgentConnection), new MqttSessionOptions { ClientId = $"racks-{description.SiteId}" }, loggerFactory?.CreateLogger("racks"));
    }

    public IReadOnlyList<SimulatedLoop> Loops { get; }

    public string SiteId => _description.SiteId;

    /// <summary>Most threads <see cref="CatchUp"/> steps the loops on (1: the calling thread). Results do not depend on it.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Plant time simulated so far.</summary>
    public TimeSpan PlantTime => Loops[0].Loop.PlantTime;

    /// <summary>Rack telemetry messages handed to the broker connection.</summary>
    public long RackMessagesPublished => Interlocked.Read(ref _rackMessages);

    public static string RackTelemetryTopic(string siteId, string rackId) => ContractTopics.RackTelemetry(siteId, rackId);

    /// <summary>A rack's id in topics: the CDU id and the rack's position on its loop, e.g. "cdu1-r01".</summary>
    public static string RackId(SimulatedLoop loop, string rackOnLoop) => $"{loop.CduId}-{rackOnLoop}";

    /// <summary>The topic ids of every rack of a hall so described, as its rack agents publish them.</summary>
    public static IReadOnlyList<string> RackIds(HallDescription description) =>
        [.. Enumerable.Range(0, description.CduCount).SelectMany(c => Enumerable.Range(0, description.Loop.RackCount)
            .Select(r => $"{HallDescription.CduId(c)}-{SecondaryLoopPlant.RackId(r)}"))];

    /// <summary>Connects every CDU and the rack agents to the broker.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _rackConnection.StartAsync(timeout, cancellationToken);
        foreach (var loop in Loops)
        {
            await loop.Cdu.StartAsync(timeout, cancellationToken);
        }
    }

    /// <summary>
    /// Advances plant and firmware in fixed steps up to the time provider's elapsed time, but not beyond
    /// <paramref name="until"/> of plant time (a run of a given length ends on it, however late the call comes);
    /// returns the steps taken.
    /// </summary>
    public int CatchUp(TimeSpan? until = null)
    {
        var target = (long)_timeProvider.GetElapsedTime(_origin).TotalMilliseconds;
        var first = Loops[0].Loop;
        if (until is { } end)
        {
            // The end rounded up to whole steps, so that a run reaches it.
            target = Math.Min(target, (long)Math.Ceiling(end.TotalMilliseconds / first.StepMilliseconds) * first.StepMilliseconds);
        }

        var start = first.Clock.ElapsedMilliseconds;
        while (first.Clock.ElapsedMilliseconds + first.StepMilliseconds <= target)
        {
            // Up to the next rack telemetry (at least one step), then the racks publish.
            var chunk = Math.Min(target, Math.Max(_nextRackTelemetryMilliseconds, first.Clock.ElapsedMilliseconds + first.StepMilliseconds));
            if (Threads <= 1 || Loops.Count == 1)
            {
                foreach (var loop in Loops) loop.Loop.StepUntil(chunk, _description.Workload);
            }
            else
            {
                Parallel.For(0, Loops.Count, new ParallelOptions { MaxDegreeOfParallelism = Threads }, i => Loops[i].Loop.StepUntil(chunk, _description.Workload));
            }

            if (first.Clock.ElapsedMilliseconds >= _nextRackTelemetryMilliseconds)
            {
                _nextRackTelemetryMilliseconds = first.Clock.ElapsedMilliseconds + _rackPeriodMilliseconds;
                PublishRackTelemetry();
            }
        }

        return (int)((first.Clock.ElapsedMilliseconds - start) / first.StepMilliseconds);
    }

    /// <summary>Every CDU's figures now.</summary>
    public IReadOnlyList<CduSummary> Summarize() => [.. Loops.Select(l => CduSummary.Of(l.Loop, l.Cdu.Connection.PublishedMessages))];

    private void PublishRackTelemetry()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var loop in Loops)
        {
            loop.RackSequence++;
            foreach (var rack in loop.Plant.Racks)
            {
                var payload = _rackComposer.Compose(rack, loop.RackSequence, now);
                var bytes = MemoryMarshal.TryGetArray(payload, out var segment) && segment.Offset == 0 ? segment.Array! : payload.ToArray();
                _rackConnection.Publish(RackTelemetryTopic(SiteId, RackId(loop, rack.RackId)), bytes, payload.Length, 0, false);
                Interlocked.Increment(ref _rackMessages);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var loop in Loops)
        {
            await loop.Cdu.DisposeAsync();
        }

        await _rackConnection.DisposeAsync();
        _rackComposer.Dispose();
    }
}
