using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Storage;

/// <summary>
/// Where the supervisor keeps its time series and records. Calls come from ingestion and planning and must not
/// block: an implementation queues and writes in the background.
/// </summary>
public interface ITelemetryStore
{
    void AddRackTelemetry(string siteId, string rackId, RackTelemetry telemetry, DateTimeOffset receivedAt);

    void AddCduTelemetry(string siteId, string cduId, CduTelemetry telemetry, DateTimeOffset receivedAt);

    void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord request);

    void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement acknowledgement, DateTimeOffset receivedAt);

    void AddEvent(string siteId, string cduId, CduEvent cduEvent, DateTimeOffset receivedAt);
}
