using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>
/// The latest that the supervisor knows of one CDU: telemetry, retained state, the last setpoint request sent
/// and the last acknowledgement received. Updated under its own lock by ingestion and by the planner.
/// </summary>
public sealed class CduView(string siteId, string cduId)
{
    internal object Gate { get; } = new();

    public string SiteId { get; } = siteId;

    public string CduId { get; } = cduId;

    public CduTelemetry? Telemetry { get; internal set; }

    public DateTimeOffset TelemetryReceivedAt { get; internal set; }

    public CduState? State { get; internal set; }

    public SetpointRequestRecord? LastRequest { get; internal set; }

    /// <summary>The request epoch the supervisor uses with this CDU (0 before the first request).</summary>
    public long RequestEpoch { get; internal set; }

    /// <summary>The last sequence number sent in <see cref="RequestEpoch"/>.</summary>
    public long RequestSequence { get; internal set; }

    /// <summary>True after the CDU refused a request for its session: the next round opens a new epoch and sends at once.</summary>
    public bool RequestSessionRestartPending { get; internal set; }

    public SetpointAcknowledgement? LastAcknowledgement { get; internal set; }

    public DateTimeOffset AcknowledgementReceivedAt { get; internal set; }

    /// <summary>True when the last request got no acknowledgement within the timeout.</summary>
    public bool AcknowledgementOverdue { get; internal set; }

    public long RequestsSent { get; internal set; }

    public long AcknowledgementsReceived { get; internal set; }

    /// <summary>Requests the CDU refused (status "rejected").</summary>
    public long Refusals { get; internal set; }

    /// <summary>How the CDU answers requests now: ok, refused, lagging or silent.</summary>
    public CduLinkStatus LinkStatus { get; internal set; }

    /// <summary>Since when <see cref="LinkStatus"/> holds.</summary>
    public DateTimeOffset LinkStatusSince { get; internal set; }

    /// <summary>Why the link has its status, e.g. the CDU's rejection reason.</summary>
    public string LinkStatusReason { get; internal set; } = "no request sent yet";

    /// <summary>Time from the latest acknowledged request to its acknowledgement.</summary>
    public TimeSpan? AcknowledgementLatency { get; internal set; }

    /// <summary>The planner's latest decision for this CDU's loop.</summary>
    public Planning.LoopDecision? LastDecision { get; internal set; }

    /// <summary>Whether the CDU's telemetry agrees with its heat balance: while it does not, the planner does not plan on it.</summary>
    public Plausibility.CduHeatBalanceStatus HeatBalance { get; internal set; } = Plausibility.CduHeatBalanceStatus.Unjudged;

    /// <summary>A consistent copy of the view for display and reports.</summary>
    public CduSnapshot Snapshot()
    {
        lock (Gate)
        {
            return new CduSnapshot(SiteId, CduId, Online, Telemetry, LastRequest, LastAcknowledgement, AcknowledgementOverdue,
                RequestsSent, AcknowledgementsReceived, Refusals)
            {
                LinkStatus = LinkStatus,
                LinkStatusSince = LinkStatusSince,
                LinkStatusReason = LinkStatusReason,
                AcknowledgementReceivedAt = AcknowledgementReceivedAt,
                AcknowledgementLatency = AcknowledgementLatency,
                LastDecision = LastDecision,
                HeatBalance = HeatBalance,
            };
        }
    }

    /// <summary>Online per the retained state (birth) and last will; true until told otherwise once telemetry flows.</summary>
    public bool Online => State?.Online ?? Telemetry is not null;
}
