using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>
/// The latest that the supervisor knows of one rack: the summary of its latest message and, in <see cref="Gpus"/>, the
/// latest value of each of its GPUs (one table per rack, kept across messages).
/// </summary>
public sealed record RackView(string SiteId, string RackId, RackTelemetry Telemetry, DateTimeOffset ReceivedAt)
{
    public RackGpuTable Gpus { get; init; } = RackGpuTable.Empty;

    /// <summary>The number of the rack's latest message (1 for its first): a view with a higher number has news.</summary>
    public long Message { get; init; }
}
