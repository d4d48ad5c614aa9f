namespace Cooling.Supervisor.Contract;

/// <summary>The contract-v1 topics the supervisor reads.</summary>
public enum TopicKind
{
    Unknown,
    RackTelemetry,
    CduTelemetry,
    CduState,
    CduEvent,
    SetpointAcknowledgement,
    SetpointRequest,
}
