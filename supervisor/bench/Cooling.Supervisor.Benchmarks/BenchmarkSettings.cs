using Cooling.Supervisor.Ingestion;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>How the ingestion benchmark runs.</summary>
public sealed record BenchmarkSettings
{
    /// <summary>Racks publishing (72 GPUs each); 1,389 racks ≈ 100,000 GPUs.</summary>
    public int Racks { get; init; } = 1389;

    /// <summary>Publishing MQTT connections.</summary>
    public int Connections { get; init; } = 4;

    /// <summary>Rounds of (bare subscriber, supervisor) throughput phases.</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Measured seconds of each throughput phase (after its warm-up).</summary>
    public double PhaseSeconds { get; init; } = 6;

    public double WarmUpSeconds { get; init; } = 2;

    /// <summary>Messages the publishers may be ahead of the consumer in the throughput phases (no queue overflows).</summary>
    public int Window { get; init; } = 1500;

    /// <summary>Offered load of the latency phase, GPU samples/s (100,000 GPUs at 10 Hz).</summary>
    public double LatencyLoadGpuSamplesPerSecond { get; init; } = 1_000_000;

    public double LatencySeconds { get; init; } = 10;

    /// <summary>A probe message every this long in the latency phase.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>The supervisor's planning period in the latency phase, s (the service's default).</summary>
    public double PlanningPeriodSeconds { get; init; } = new SupervisorOptions().PlanningPeriodSeconds;

    /// <summary>The supervisor's rack ingestion workers.</summary>
    public int Workers { get; init; } = new IngestionOptions().Workers;

    /// <summary>Also measure a raw-socket subscriber that parses no payload (the broker's own ceiling, for information).</summary>
    public bool RawBaseline { get; init; }

    /// <summary>Also measure a subscriber that parses each message into a JSON DOM on the receive path (for comparison).</summary>
    public bool DomBaseline { get; init; }

    /// <summary>Store behind the supervisor: "none" (counts records only) or "sqlite" (the embedded store in a temporary file).</summary>
    public string Store { get; init; } = "none";
}
