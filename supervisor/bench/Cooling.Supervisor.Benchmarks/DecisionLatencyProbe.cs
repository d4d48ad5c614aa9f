using System.Collections.Concurrent;
using System.Diagnostics;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.State;
using MQTTnet;
using MQTTnet.Protocol;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// Telemetry-to-decision latency: a probe rack on CDU <see cref="CduId"/>'s loop publishes a fresh 72-GPU message
/// (rising sequence number, carried in its timestamp) every <c>interval</c> through the same broker and ingestion path
/// as the load, and records when it sent each. The probe is also the planner (it wraps the real one): at every
/// planning decision it looks for the probe rack in the loop observation the planner is given; each probe message that
/// the decision is the first to see (its own or a later sequence number) gets the latency from its sending to this
/// decision. Both times are read from the same <see cref="Stopwatch"/>.
/// </summary>
public sealed class DecisionLatencyProbe(ISetpointPlanner inner) : ISetpointPlanner
{
    public const string SiteId = "bench";
    public const string CduId = "probe";
    public const string RackId = "probe-r01";

    private readonly ConcurrentDictionary<long, long> _sentAt = new();
    private readonly ConcurrentQueue<double> _latenciesMilliseconds = new();
    private long _lastSeen;
    private volatile bool _recording;

    public string Name => inner.Name;

    /// <summary>Latencies recorded so far, ms.</summary>
    public IReadOnlyList<double> LatenciesMilliseconds => [.. _latenciesMilliseconds];

    public LoopDecision Plan(LoopObservation observation)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var rack in observation.Racks)
        {
            if (rack.RackId != RackId) continue;
            var sequence = RackPayloads.SequenceOf(rack.SampledAt.ToUnixTimeMilliseconds());
            for (var seq = Math.Max(_lastSeen + 1, sequence - 100_000); seq <= sequence; seq++)
            {
                if (_sentAt.TryRemove(seq, out var sent) && _recording)
                {
                    _latenciesMilliseconds.Enqueue(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                }
            }

            _lastSeen = Math.Max(_lastSeen, sequence);
        }

        return inner.Plan(observation);
    }

    /// <summary>Publishes a probe message every <paramref name="interval"/> until cancelled; latencies are kept while it runs.</summary>
    public async Task RunAsync(string host, int port, TimeSpan interval, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("bench-probe").WithCleanSession().Build(),
            CancellationToken.None);
        var topic = $"cooling/v1/{SiteId}/rack/{RackId}/telemetry";
        var cduTopic = $"cooling/v1/{SiteId}/cdu/{CduId}/telemetry";
        var sequence = Interlocked.Read(ref _lastSeen) + 1000;
        var lastCduTelemetry = 0L;
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
                if (Stopwatch.GetElapsedTime(lastCduTelemetry) > TimeSpan.FromSeconds(1))
                {
                    // The CDU's own 1 Hz telemetry: the coordinator plans only for a CDU it hears from.
                    lastCduTelemetry = Stopwatch.GetTimestamp();
                    await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(cduTopic).WithPayload(CduTelemetry)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build(), CancellationToken.None);
                }
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

    /// <summary>A CDU telemetry message of contract v1.</summary>
    public static readonly byte[] CduTelemetry = """
        {"v":1,"seq":1,"uptimeMilliseconds":1000,"mode":"automatic","setpointSource":"local","supplyTemperatureCelsius":30.0,
         "returnTemperatureCelsius":40.0,"supplyTemperatureSetpointCelsius":30.0,"supplyTemperatureTargetCelsius":30.0,
         "facilitySupplyTemperatureCelsius":24.0,"facilityReturnTemperatureCelsius":33.0,"flowLitersPerMinute":720.0,"deltaPressureKpa":120.0,
         "valvePositionPercent":50.0,"valveCommandPercent":50.0,"pumpSpeedPercent":80.0,"dewPointCelsius":11.0,"lastRequestSeq":0,
         "leaseRemainingSeconds":0,"rejectedMessages":0,"firmwareVersion":"bench"}
        """u8.ToArray();

    /// <summary>The <paramref name="percentile"/> (0 … 100) of the recorded latencies, ms (nearest rank).</summary>
    public static double Percentile(IReadOnlyList<double> values, double percentile)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
