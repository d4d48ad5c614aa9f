namespace Cooling.Supervisor.Storage.Influx;

/// <summary>A write that failed or lost points: when (the writer's clock) and InfluxDB's or the network's reason.</summary>
public sealed record InfluxDbWriteError(DateTimeOffset At, string Reason);
