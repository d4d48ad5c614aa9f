using System.Collections.Concurrent;
using System.Diagnostics;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// Telemetry-to-decision latency: a probe rack publishes a fresh 72-GPU message (rising sequence number) every
/// <c>interval</c> through the same broker and ingestion path as the load, and records when it sent each. The probe
/// is also the planner (it wraps the real one): at every planning decision it looks at the probe rack's view in the
/// hall state; each probe message that the decision is the first to see (its own or a later sequence number) gets the
/// latency from its sending to this decision. Both times are read from the same <see cref="Stopwatch"/>.
/// </summary>
public sealed class DecisionLatencyProbe(ISetpointPlanner inner) : ISetpointPlanner
{
    public const string SiteId = "bench";
    public const string RackId = "probe";

    private readonly ConcurrentDictionary<long, long> _sentAt = new();
    private readonly ConcurrentQueue<double> _latenciesMilliseconds = new();
    private long _lastSeen;
    private volatile bool _recording;

    public string Name => inner.Name;

    /// <summary>Latencies recorded so far, ms.</summary>
    public IReadOnlyList<double> LatenciesMilliseconds => [.. _latenciesMilliseconds];

    public double PlanSupplyTemperatureCelsius(CduView cdu, HallState hall)
    {
        if (hall.TryGetRack(SiteId, RackId, out var rack) && rack!.Telemetry.Sequence > _lastSeen)
        {
            var now = Stopwatch.GetTimestamp();
            for (var seq = _lastSeen + 1; seq <= rack.Telemetry.Sequence; seq++)
            {
                if (_sentAt.TryRemove(seq, out var sent) && _recording)
                {
                    _latenciesMilliseconds.Enqueue(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                }
            }

            _lastSeen = rack.Telemetry.Sequence;
        }

        return inner.PlanSupplyTemperatureCelsius(cdu, hall);
    }

    /// <summary>Publishes a probe message every <paramref name="interval"/> until cancelled; latencies are kept while it runs.</summary>
    public async Task RunAsync(string host, int port, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("bench-probe").WithCleanSession().Build(),
            CancellationToken.None);
        var topic = $"cooling/v1/{SiteId}/rack/{RackId}/telemetry";
        var sequence = Interlocked.Read(ref _lastSeen) + 1000;
        _recording = true;
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                sequence++;
                var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(RackPayloads.Build(9999, sequence))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();
                _sentAt[sequence] = Stopwatch.GetTimestamp();
                await client.PublishAsync(message, CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }

        // Give the last probes a planning round to land, then stop recording.
        await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
        _recording = false;
        await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
    }

    /// <summary>The <paramref name="percentile"/> (0 … 100) of the recorded latencies, ms (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
