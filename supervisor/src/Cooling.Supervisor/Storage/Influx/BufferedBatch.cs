namespace Cooling.Supervisor.Storage.Influx;

/// <summary>A batch of points as line protocol (UTF-8, one point per line) and how many points it holds.</summary>
public sealed record BufferedBatch(byte[] Lines, int PointCount);
