using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Storage;

/// <summary>
/// Hands every record to each of several stores (the embedded SQLite store and InfluxDB, for example). Each store
/// queues on its own, so one that is slow or down never holds up another. Does not own the stores.
/// </summary>
public sealed class FanOutTelemetryStore(params ITelemetryStore[] stores) : ITelemetryStore
{
    public IReadOnlyList<ITelemetryStore> Stores { get; } = stores;

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry telemetry, DateTimeOffset receivedAt)
    {
        foreach (var store in stores) store.AddRackTelemetry(siteId, rackId, telemetry, receivedAt);
    }

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry telemetry, DateTimeOffset receivedAt)
    {
        foreach (var store in stores) store.AddCduTelemetry(siteId, cduId, telemetry, receivedAt);
    }

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request)
    {
        foreach (var store in stores) store.AddSetpointRequest(siteId, cduId, request);
    }

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt)
    {
        foreach (var store in stores) store.AddAcknowledgement(siteId, cduId, acknowledgement, receivedAt);
    }

    public void AddEvent(string siteId, string cduId, CduEvent cduEvent, DateTimeOffset receivedAt)
    {
        foreach (var store in stores) store.AddEvent(siteId, cduId, cduEvent, receivedAt);
    }
}
