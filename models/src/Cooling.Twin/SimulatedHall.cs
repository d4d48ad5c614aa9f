using Cdu.Firmware.Host;
using Cooling.Models.Plant;
using Microsoft.Extensions.Logging;

namespace Cooling.Twin;

/// <summary>
/// A hall of CDU loops on simulated time: each loop's plant is stepped at the firmware's control period with the
/// real firmware core in the loop, and each rack publishes its telemetry over the broker like a real rack agent.
/// Time comes from a <see cref="TimeProvider"/>: <see cref="CatchUp"/> advances the plant in fixed steps until it
/// reaches the provider's elapsed time — a fake provider in tests (far faster than real time), the system clock
/// when a person watches.
/// </summary>
public sealed class SimulatedHall : IAsyncDisposable
{
    private readonly HallDescription _description;
    private readonly TimeProvider _timeProvider;
    private readonly long _origin;
    private readonly SimulationClock _clock = new();
    private readonly MqttConnection _rackConnection;
    private readonly RackTelemetryComposer _rackComposer = new();
    private readonly long _stepMilliseconds;
    private readonly long _rackPeriodMilliseconds;
    private long _nextRackTelemetryMilliseconds;
    private long _rackMessages;

    public SimulatedHall(HallDescription description, BrokerAddress broker, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        _description = description;
        _timeProvider = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _stepMilliseconds = description.FirmwareSettings.ControlPeriodMilliseconds;
        _rackPeriodMilliseconds = (long)(description.RackTelemetryPeriodSeconds * 1000);
        var loops = new SimulatedLoop[description.CduCount];
        for (var i = 0; i < loops.Length; i++)
        {
            var plant = new SecondaryLoopPlant(description.Loop, seed: i + 1);
            var io = new SimulatedCduIo(plant, description.FirmwareSettings, seed: 100 + i);
            var cduId = HallDescription.CduId(i);
            var cdu = new VirtualCdu(description.FirmwareSettings, _clock, io, broker, description.SiteId, cduId,
                loggerFactory?.CreateLogger($"cdu.{cduId}"));
            loops[i] = new SimulatedLoop(cduId, plant, io, cdu);
        }

        Loops = loops;
        _rackConnection = new MqttConnection(broker, $"racks-{description.SiteId}", null, null, [], loggerFactory?.CreateLogger("racks"));
    }

    public IReadOnlyList<SimulatedLoop> Loops { get; }

    public string SiteId => _description.SiteId;

    /// <summary>Plant time simulated so far.</summary>
    public TimeSpan PlantTime => TimeSpan.FromMilliseconds(_clock.ElapsedMilliseconds);

    /// <summary>Rack telemetry messages handed to the broker connection.</summary>
    public long RackMessagesPublished => Interlocked.Read(ref _rackMessages);

    public static string RackTelemetryTopic(string siteId, string rackId) => $"cooling/v1/{siteId}/rack/{rackId}/telemetry";

    /// <summary>Connects every CDU and the rack agents to the broker.</summary>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        await _rackConnection.StartAsync(timeout, cancellationToken);
        foreach (var loop in Loops)
        {
            await loop.Cdu.StartAsync(timeout, cancellationToken);
        }
    }

    /// <summary>Advances plant and firmware in fixed steps up to the time provider's elapsed time; returns the steps taken.</summary>
    public int CatchUp()
    {
        var target = (long)_timeProvider.GetElapsedTime(_origin).TotalMilliseconds;
        var steps = 0;
        while (_clock.ElapsedMilliseconds + _stepMilliseconds <= target)
        {
            Step();
            steps++;
        }

        return steps;
    }

    private void Step()
    {
        var stepSeconds = _stepMilliseconds / 1000.0;
        var plantTime = PlantTime;
        for (var l = 0; l < Loops.Count; l++)
        {
            var loop = Loops[l];
            for (var r = 0; r < loop.Plant.Racks.Length; r++)
            {
                loop.Plant.Racks[r].Utilization = _description.Workload(plantTime, l, r);
            }

            loop.Cdu.RunCycle();
            loop.Io.StepPlant(stepSeconds);
        }

        _clock.Advance(_stepMilliseconds);
        if (_clock.ElapsedMilliseconds >= _nextRackTelemetryMilliseconds)
        {
            _nextRackTelemetryMilliseconds = _clock.ElapsedMilliseconds + _rackPeriodMilliseconds;
            PublishRackTelemetry();
        }
    }

    private void PublishRackTelemetry()
    {
        var now = _timeProvider.GetUtcNow();
        foreach (var loop in Loops)
        {
            loop.RackSequence++;
            var rate = loop.Plant.Description.Coolant.HeatCapacityRateWattsPerKelvin(loop.Plant.FlowLitersPerMinute / loop.Plant.Racks.Length);
            foreach (var rack in loop.Plant.Racks)
            {
                var outlet = rate > 0 ? rack.InletCelsius + rack.HeatWatts / rate : rack.InletCelsius;
                var payload = _rackComposer.Compose(rack, outlet, loop.RackSequence, now);
                var bytes = payload.ToArray();
                _rackConnection.Publish(RackTelemetryTopic(SiteId, RackId(loop, rack.RackId)), bytes, bytes.Length, 0, false);
                Interlocked.Increment(ref _rackMessages);
            }
        }
    }

    /// <summary>A rack's id in topics: the CDU id and the rack's position on its loop, e.g. "cdu1-r01".</summary>
    public static string RackId(SimulatedLoop loop, string rackOnLoop) => $"{loop.CduId}-{rackOnLoop}";

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
