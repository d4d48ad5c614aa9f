using System.Buffers;
using System.Runtime.InteropServices;
using Cooling.Mqtt.Connection;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Messages;
using Cooling.Models;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;
using Microsoft.Extensions.Logging;

namespace Cooling.Twin.Rig;

/// <summary>
/// Rig mode: the twin plays the plant for external CDUs — real controllers on a HIL bench or virtual CDUs started
/// with <c>--io hil</c> — over the HIL I/O topics (docs/hil-io.md). For each CDU it subscribes to
/// <c>…/hil/actuators</c> (and the CDU's telemetry, for its setpoint and mode), steps that CDU's plant one control
/// period at a time under the latest commands, and publishes the sensor scan on <c>…/hil/sensors</c>.
/// <see cref="Step"/> is one period for every CDU (a caller on its own clock drives it); <see cref="RunAsync"/> paces
/// the steps on a <see cref="TimeProvider"/>: at <c>speed</c> 1 plant time follows wall time (what a CDU on a real
/// clock needs), faster for CDUs whose own clock is accelerated as much.
/// </summary>
public sealed class TwinRig : IAsyncDisposable
{
    private readonly HallDescription _description;
    private readonly MqttConnection _connection;
    private readonly Dictionary<string, RigLoop> _byActuatorTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RigLoop> _byTelemetryTopic = new(StringComparer.Ordinal);
    private const int ResendMilliseconds = 100;
    private readonly SemaphoreSlim _answer = new(0);
    private long _lateSteps;

    /// <param name="description">The plant of every CDU (its loop, workload, seeds); its CDU count is not used.</param>
    /// <param name="cduIds">The external CDUs, in the site of <paramref name="description"/>.</param>
    /// <param name="broker">Where the CDUs are.</param>
    public TwinRig(HallDescription description, IReadOnlyList<string> cduIds, BrokerConnectionOptions broker, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(cduIds);
        var problem = (description with { CduCount = Math.Max(1, cduIds.Count) }).Validate();
        if (problem is not null) throw new ArgumentException($"The rig's plant description is not usable: {problem}.", nameof(description));
        if (cduIds.Count is < 1 or > 64) throw new ArgumentException("A rig plays the plant for 1 … 64 CDUs.", nameof(cduIds));
        if (cduIds.Distinct(StringComparer.Ordinal).Count() != cduIds.Count) throw new ArgumentException("Each CDU id may be given once.", nameof(cduIds));
        _description = description;
        StepMilliseconds = description.FirmwareSettings.Timing.ControlPeriodMilliseconds;
        var loops = new RigLoop[cduIds.Count];
        var subscriptions = new List<string>();
        for (var i = 0; i < loops.Length; i++)
        {
            if (!CduTopics.IsValidId(cduIds[i])) throw new ArgumentException($"'{cduIds[i]}' is not a CDU id (1-32 characters of a-z, 0-9, - or _).", nameof(cduIds));
            var plant = new SecondaryLoopPlant(description.Loop, description.PlantSeed(i));
            var io = new SimulatedCduIo(plant, description.FirmwareSettings, description.SensorSeed(i));
            var hil = new HilTopics(description.SiteId, cduIds[i]);
            loops[i] = new RigLoop(i, cduIds[i], hil, plant, io, StepMilliseconds, description.SettleSeconds);
            var telemetry = new CduTopics(description.SiteId, cduIds[i]).Telemetry;
            _byActuatorTopic[hil.Actuators] = loops[i];
            _byTelemetryTopic[telemetry] = loops[i];
            subscriptions.Add(hil.Actuators);
            subscriptions.Add(telemetry);
        }

        Loops = loops;
        _connection = new MqttConnection(broker, new MqttSessionOptions { ClientId = $"twin-rig-{description.SiteId}", Subscriptions = subscriptions },
            loggerFactory?.CreateLogger("rig"));
        _connection.MessageReceived += Route;
    }

    public IReadOnlyList<RigLoop> Loops { get; }

    /// <summary>Plant time per step (the CDUs' control period), ms.</summary>
    public long StepMilliseconds { get; }

    /// <summary>Plant time played so far.</summary>
    public TimeSpan PlantTime => Loops[0].PlantTime;

    /// <summary>Steps <see cref="RunAsync"/> had to take late, more than one period behind its clock (a rig too slow for its speed).</summary>
    public long LateSteps => Interlocked.Read(ref _lateSteps);

    public MqttConnection Connection => _connection;

    public Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => _connection.StartAsync(timeout, cancellationToken);

    /// <summary>One control period of plant time for every CDU, each followed by its sensor scan.</summary>
    public void Step()
    {
        foreach (var loop in Loops)
        {
            var scan = loop.Step(_description.Workload);
            var bytes = MemoryMarshal.TryGetArray(scan, out var segment) && segment.Offset == 0 ? segment.Array! : scan.ToArray();
            _connection.Publish(loop.Topics.Sensors, bytes, scan.Length, 0, false);
        }
    }

    /// <summary>
    /// One control period for every CDU in lockstep with CDUs on <c>--clock hil</c> (docs/hil-io.md): each scan carries
    /// the plant's time, and the step returns once every CDU's cycle at that time answered with its actuator message, so
    /// the next period runs under those commands. A scan without an answer within 100 ms of wall time is sent again,
    /// the same message. Throws <see cref="TimeoutException"/> when a CDU sends nothing for <paramref name="silence"/>
    /// (a CDU that stopped; the machine's load changes only how long a step takes).
    /// </summary>
    public void StepInLockstep(TimeSpan silence, CancellationToken cancellationToken = default)
    {
        var scans = new byte[Loops.Count][];
        for (var i = 0; i < scans.Length; i++) scans[i] = Loops[i].Step(_description.Workload, withPlantTime: true).ToArray();
        var time = (long)PlantTime.TotalMilliseconds;
        var sentAt = new long?[scans.Length];
        var answered = Loops.Sum(l => l.AcceptedActuatorMessages);
        var lastAnswer = Environment.TickCount64;
        while (true)
        {
            var now = Environment.TickCount64;
            var waiting = false;
            for (var i = 0; i < scans.Length; i++)
            {
                if (Loops[i].LastUptimeMilliseconds >= time) continue;
                waiting = true;
                if (sentAt[i] is { } sent && now - sent < ResendMilliseconds) continue;
                _connection.Publish(Loops[i].Topics.Sensors, scans[i], scans[i].Length, 0, false);
                sentAt[i] = now;
            }

            if (!waiting) return;
            _answer.Wait(ResendMilliseconds / 4, cancellationToken);
            var taken = Loops.Sum(l => l.AcceptedActuatorMessages);
            if (taken != answered)
            {
                answered = taken;
                lastAnswer = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - lastAnswer > silence.TotalMilliseconds)
            {
                throw new TimeoutException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"no actuator message from {string.Join(", ", Loops.Where(l => l.LastUptimeMilliseconds < time).Select(l => l.CduId))} for {silence.TotalSeconds:G4} s (plant time {time} ms)"));
            }
        }
    }

    /// <summary>
    /// Plays the plant until <paramref name="duration"/> of plant time (null: until cancelled), one step every control
    /// period / <paramref name="speed"/> of <paramref name="time"/>; a step that falls behind is caught up at once.
    /// </summary>
    public async Task RunAsync(TimeProvider time, double speed, TimeSpan? duration, Action<TimeSpan>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (!(speed > 0 && double.IsFinite(speed))) throw new ArgumentOutOfRangeException(nameof(speed), "The speed must be a positive number.");
        var period = TimeSpan.FromMilliseconds(StepMilliseconds / speed);
        var start = time.GetTimestamp();
        var startPlant = PlantTime;
        var end = duration is { } d ? startPlant + d : TimeSpan.MaxValue;
        using var timer = new PeriodicTimer(period, time);
        var nextProgress = TimeSpan.Zero;
        try
        {
            Step();
            while (PlantTime < end && await timer.WaitForNextTickAsync(cancellationToken))
            {
                var due = startPlant + time.GetElapsedTime(start) * speed;
                var taken = 0;
                do
                {
                    Step();
                    taken++;
                }
                while (PlantTime + TimeSpan.FromMilliseconds(StepMilliseconds) <= due && PlantTime < end);

                if (taken > 1) Interlocked.Add(ref _lateSteps, taken - 1);
                if (progress is not null && PlantTime >= nextProgress)
                {
                    nextProgress = PlantTime + TimeSpan.FromSeconds(1);
                    progress(PlantTime);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Every CDU's figures now, taken on the plant's side; the mode is the one the CDU reported last, messages are the sensor scans sent.</summary>
    public IReadOnlyList<CduSummary> Summarize() => [.. Loops.Select(l => CduSummary.Of(l.CduId, l.Mode, l.Statistics, l.SensorMessages))];

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        foreach (var loop in Loops) loop.Dispose();
        _answer.Dispose();
    }

    private void Route(string topic, ReadOnlySequence<byte> received)
    {
        var payload = received.ToArray();
        if (_byActuatorTopic.TryGetValue(topic, out var loop))
        {
            if (loop.AcceptActuators(payload)) _answer.Release();
        }
        else if (_byTelemetryTopic.TryGetValue(topic, out var cdu)) cdu.AcceptTelemetry(payload);
    }
}
