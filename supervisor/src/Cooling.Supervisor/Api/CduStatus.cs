using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Api;

/// <summary>
/// All the supervisor knows of one CDU at one moment, read under the view's lock: online state, latest telemetry and
/// when it arrived, the last setpoint request and its acknowledgement.
/// </summary>
public sealed record CduStatus(
    string SiteId,
    string CduId,
    bool Online,
    string? FirmwareVersion,
    string? Mode,
    CduTelemetry? Telemetry,
    DateTimeOffset? TelemetryReceivedAt,
    SetpointRequestRecord? LastRequest,
    SetpointAcknowledgement? LastAcknowledgement,
    DateTimeOffset? AcknowledgementReceivedAt,
    bool AcknowledgementOverdue,
    long RequestsSent,
    long AcknowledgementsReceived,
    long Refusals)
{
    public static CduStatus Of(CduView cdu)
    {
        lock (cdu.Gate)
        {
            var telemetry = cdu.Telemetry;
            return new CduStatus(cdu.SiteId, cdu.CduId, cdu.Online, telemetry?.FirmwareVersion ?? cdu.State?.FirmwareVersion,
                cdu.State is { Online: false } ? "offline" : telemetry?.Mode ?? cdu.State?.Mode,
                telemetry, telemetry is null ? null : cdu.TelemetryReceivedAt,
                cdu.LastRequest, cdu.LastAcknowledgement, cdu.LastAcknowledgement is null ? null : cdu.AcknowledgementReceivedAt,
                cdu.AcknowledgementOverdue, cdu.RequestsSent, cdu.AcknowledgementsReceived, cdu.Refusals);
        }
    }

    /// <summary>When the newest rack or CDU telemetry of the hall arrived; null before any.</summary>
    public static DateTimeOffset? NewestTelemetry(HallState hall)
    {
        DateTimeOffset? newest = null;
        foreach (var rack in hall.Racks)
        {
            if (newest is null || rack.ReceivedAt > newest) newest = rack.ReceivedAt;
        }

        foreach (var cdu in hall.Cdus)
        {
            if (Of(cdu).TelemetryReceivedAt is { } at && (newest is null || at > newest)) newest = at;
        }

        return newest;
    }
}
