namespace Cooling.Supervisor.State;

/// <summary>How a CDU answers the supervisor's setpoint requests (shown per CDU; an alarm when not <see cref="Ok"/>).</summary>
public enum CduLinkStatus
{
    /// <summary>No request sent yet.</summary>
    Unknown = 0,

    /// <summary>The latest request was acknowledged (accepted or clamped) within the acknowledgement timeout.</summary>
    Ok = 1,

    /// <summary>The CDU rejected the latest request it answered (CduRefusedSetpoint).</summary>
    Refused = 2,

    /// <summary>The CDU still sends telemetry but has not acknowledged the latest request within the timeout (CduLaggingAcknowledgement).</summary>
    Lagging = 3,

    /// <summary>No telemetry from the CDU for the silence time, or its last will says offline (CduSilent; offline: CduOffline).</summary>
    Silent = 4,
}
