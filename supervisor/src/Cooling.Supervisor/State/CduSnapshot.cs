using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.State;

/// <summary>A consistent copy of a <see cref="CduView"/> at one moment.</summary>
public sealed record CduSnapshot(
    string SiteId,
    string CduId,
    bool Online,
    CduTelemetry? Telemetry,
    SetpointRequestRecord? LastRequest,
    SetpointAcknowledgement? LastAcknowledgement,
    bool AcknowledgementOverdue,
    long RequestsSent,
    long AcknowledgementsReceived,
    long Refusals)
{
    public CduLinkStatus LinkStatus { get; init; }

    public DateTimeOffset LinkStatusSince { get; init; }

    public string LinkStatusReason { get; init; } = "";

    public DateTimeOffset AcknowledgementReceivedAt { get; init; }

    public TimeSpan? AcknowledgementLatency { get; init; }

    public Planning.LoopDecision? LastDecision { get; init; }

    public Plausibility.CduHeatBalanceStatus HeatBalance { get; init; } = Plausibility.CduHeatBalanceStatus.Unjudged;
}
