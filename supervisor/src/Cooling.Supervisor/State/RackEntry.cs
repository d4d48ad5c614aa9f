using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>
/// One rack's place in the hall state, made at its first accepted message and kept: each later message overwrites its
/// summary and time in place and writes its GPUs into the rack's <see cref="RackGpuTable"/>, so that ingestion allocates
/// nothing per message. One writer (ingestion: the receive path, or the rack's worker); readers take a
/// <see cref="RackView"/> copied under the same short lock.
/// </summary>
internal sealed class RackEntry(string siteId, string rackId)
{
    private readonly object _gate = new();
    private RackTelemetry _telemetry;
    private DateTimeOffset _receivedAt;
    private long _message;

    public string SiteId { get; } = siteId;

    public string RackId { get; } = rackId;

    public RackGpuTable Gpus { get; } = new();

    /// <summary>One accepted message: its GPUs into the table, then its summary as the rack's latest.</summary>
    public void Update(in RackTelemetry telemetry, ReadOnlySpan<GpuReading> gpus, DateTimeOffset receivedAt)
    {
        Gpus.Commit(gpus, telemetry, receivedAt);
        lock (_gate)
        {
            _telemetry = telemetry;
            _receivedAt = receivedAt;
            _message++;
        }
    }

    /// <summary>The rack's latest, as one consistent view.</summary>
    public RackView View()
    {
        lock (_gate)
        {
            return new RackView(SiteId, RackId, _telemetry, _receivedAt) { Gpus = Gpus, Message = _message };
        }
    }
}
