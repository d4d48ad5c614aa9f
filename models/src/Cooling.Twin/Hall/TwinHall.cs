using Cdu.Firmware;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Cooling.Models;
using Cooling.Models.Plant;

namespace Cooling.Twin.Hall;

/// <summary>A rack agent's telemetry message (contract v1) for rack <paramref name="rackId"/>; valid only during the call.</summary>
public delegate void RackTelemetrySink(string rackId, ReadOnlyMemory<byte> payload);

/// <summary>
/// A hall stepped directly in this process, on simulated time, with no broker: N CDU loops, each the real firmware
/// core on <see cref="SimulatedCduIo"/> bound to its own plant. Everything a CDU publishes goes to its bus (counted,
/// and handed on when the caller gives one per CDU); rack agents compose their telemetry only when a
/// <see cref="RackTelemetrySink"/> is given. Loops are independent, so <see cref="Run"/> steps them on up to
/// <see cref="Threads"/> threads between synchronization points (every rack telemetry period of plant time, or every
/// plant minute without rack telemetry) and
/// every figure is the same for any thread count: each loop has its own seeds, clock and statistics, and the
/// workload is a pure function of time, loop and rack.
/// </summary>
public sealed class TwinHall : IDisposable
{
    private readonly HallDescription _description;
    private readonly CountingBus[] _buses;
    private readonly RackTelemetrySink? _rackSink;
    private readonly RackTelemetryComposer[] _composers;
    private readonly long[] _rackSequence;
    private readonly string[][] _rackIds;
    private readonly long _syncMilliseconds;

    /// <param name="description">The hall (validated here).</param>
    /// <param name="messages">Optional: where CDU i's messages go after counting (called on the thread stepping that CDU).</param>
    /// <param name="rackTelemetry">Optional: receives every rack's telemetry each rack period (called on the thread stepping its loop).</param>
    public TwinHall(HallDescription description, Func<int, IMessageBus?>? messages = null, RackTelemetrySink? rackTelemetry = null)
    {
        var problem = description.Validate();
        if (problem is not null) throw new ArgumentException($"The hall description is not usable: {problem}.", nameof(description));
        _description = description;
        _rackSink = rackTelemetry;
        // Loops meet only to publish rack telemetry; without it they meet once a plant minute (for progress and cancellation).
        _syncMilliseconds = rackTelemetry is null ? 60_000 : (long)Math.Round(description.RackTelemetryPeriodSeconds * 1000);
        var loops = new TwinLoop[description.CduCount];
        _buses = new CountingBus[loops.Length];
        _composers = new RackTelemetryComposer[rackTelemetry is null ? 0 : loops.Length];
        _rackSequence = new long[loops.Length];
        _rackIds = new string[loops.Length][];
        for (var i = 0; i < loops.Length; i++)
        {
            var cduId = HallDescription.CduId(i);
            var settings = new CduSettings();
            settings.CopyFrom(description.FirmwareSettings);
            var plant = new SecondaryLoopPlant(description.Loop, description.PlantSeed(i));
            var io = new SimulatedCduIo(plant, settings, description.SensorSeed(i));
            var clock = new SimulationClock();
            _buses[i] = new CountingBus(messages?.Invoke(i));
            var controller = new CduController(settings, clock, io, _buses[i], new CduTopics(description.SiteId, cduId));
            loops[i] = new TwinLoop(i, cduId, plant, io, clock, controller, settleSeconds: description.SettleSeconds);
            _rackIds[i] = [.. plant.Racks.Select(r => $"{cduId}-{r.RackId}")];
            if (rackTelemetry is not null) _composers[i] = new RackTelemetryComposer();
        }

        Loops = loops;
    }

    public IReadOnlyList<TwinLoop> Loops { get; }

    public string SiteId => _description.SiteId;

    /// <summary>Most threads <see cref="Run"/> uses (1: the calling thread only). Results do not depend on it.</summary>
    public int Threads { get; set; } = 1;

    /// <summary>Wall-clock-free timestamps of rack telemetry start here (plant time is added).</summary>
    public DateTimeOffset Epoch { get; init; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Plant time simulated so far (every loop is at it between runs).</summary>
    public TimeSpan PlantTime => Loops[0].PlantTime;

    /// <summary>Runs every loop for <paramref name="duration"/> more plant time; <paramref name="progress"/> gets the plant time at each synchronization point.</summary>
    public void Run(TimeSpan duration, Action<TimeSpan>? progress = null, CancellationToken cancellationToken = default)
    {
        var end = Loops[0].Clock.ElapsedMilliseconds + (long)duration.TotalMilliseconds;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Threads), CancellationToken = cancellationToken };
        while (Loops[0].Clock.ElapsedMilliseconds + Loops[0].StepMilliseconds <= end)
        {
            var target = Math.Min(end, Loops[0].Clock.ElapsedMilliseconds + _syncMilliseconds);
            if (options.MaxDegreeOfParallelism == 1 || Loops.Count == 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < Loops.Count; i++) Advance(i, target);
            }
            else
            {
                Parallel.For(0, Loops.Count, options, i => Advance(i, target));
            }

            progress?.Invoke(PlantTime);
        }
    }

    /// <summary>Every CDU's figures now.</summary>
    public IReadOnlyList<CduSummary> Summarize() => [.. Loops.Select(l => CduSummary.Of(l, _buses[l.Index].Messages))];

    /// <summary>Messages published by CDU <paramref name="index"/>.</summary>
    public long MessagesPublished(int index) => _buses[index].Messages;

    public void Dispose()
    {
        foreach (var composer in _composers) composer.Dispose();
    }

    private void Advance(int index, long target)
    {
        var loop = Loops[index];
        loop.StepUntil(target, _description.Workload);
        if (_rackSink is null) return;
        _rackSequence[index]++;
        var plant = loop.Plant;
        var now = Epoch + loop.PlantTime;
        for (var r = 0; r < plant.Racks.Length; r++)
        {
            var rack = plant.Racks[r];
            _rackSink(_rackIds[index][r], _composers[index].Compose(rack, _rackSequence[index], now));
        }
    }
}
