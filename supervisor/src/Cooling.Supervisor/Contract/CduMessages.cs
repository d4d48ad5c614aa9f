namespace Cooling.Supervisor.Contract;

/// <summary>A CDU's 1 Hz telemetry (contract v1). Null sensor values mean the CDU reported the sensor invalid.</summary>
public sealed record CduTelemetry(
    long Sequence,
    long UptimeMilliseconds,
    string Mode,
    string SetpointSource,
    double? SupplyTemperatureCelsius,
    double? ReturnTemperatureCelsius,
    double SupplyTemperatureSetpointCelsius,
    double SupplyTemperatureTargetCelsius,
    double? FacilitySupplyTemperatureCelsius,
    double? FacilityReturnTemperatureCelsius,
    double? FlowLitersPerMinute,
    double? DeltaPressureKpa,
    double? ValvePositionPercent,
    double ValveCommandPercent,
    double PumpSpeedPercent,
    double DewPointCelsius,
    long LastRequestSequence,
    double LeaseRemainingSeconds,
    long RejectedMessages,
    string FirmwareVersion)
{
    /// <summary>The CDU's active alarms as "code@source" (e.g. "LeakDetectedCritical@zone2"); empty when none or not reported.</summary>
    public IReadOnlyList<string> ActiveAlarms { get; init; } = [];

    /// <summary>Critical alarms among <see cref="ActiveAlarms"/>.</summary>
    public int CriticalAlarmCount { get; init; }

    /// <summary>The ΔP setpoint the pump loop works on now, kPa (null when the pumps hold flow or the CDU does not report it).</summary>
    public double? DeltaPressureSetpointKpa { get; init; }

    /// <summary>The ΔP target in force (leased or local), kPa (null when the pumps hold flow or the CDU does not report it).</summary>
    public double? DeltaPressureTargetKpa { get; init; }
}

/// <summary>A CDU's acknowledgement of a setpoint request: status accepted, clamped or rejected, and why.</summary>
public sealed record SetpointAcknowledgement(
    long Sequence,
    string Status,
    string Reason,
    double? RequestedSupplyTemperatureCelsius,
    double AppliedSupplyTemperatureCelsius,
    int LeaseSeconds)
{
    /// <summary>ΔP the request asked for, kPa (null: none, or a CDU that predates the field).</summary>
    public double? RequestedDeltaPressureKpa { get; init; }

    /// <summary>ΔP target now in force, kPa (null: the pumps hold flow, or a CDU that predates the field).</summary>
    public double? AppliedDeltaPressureKpa { get; init; }

    /// <summary>What became of the ΔP part, e.g. "as requested" or "deltaPressureKpa clamped to the envelope maximum".</summary>
    public string? DeltaPressureReason { get; init; }

    /// <summary>The CDU's request epoch after this decision (null: a CDU that predates the field).</summary>
    public long? Epoch { get; init; }

    /// <summary>The last sequence number the CDU accepted in <see cref="Epoch"/> (null: a CDU that predates the field).</summary>
    public long? LastSequence { get; init; }

    /// <summary>
    /// True when the CDU refused the request because of its session — a stale or too-high epoch or sequence number
    /// (docs/mqtt.md) — rather than its content: the sender must open a new epoch above <see cref="Epoch"/>.
    /// </summary>
    public bool RefusedForSession => Status == "rejected" && SessionRefusals.Any(r => Reason.StartsWith(r, StringComparison.Ordinal));

    private static readonly string[] SessionRefusals = ["stale epoch", "epoch jump too large", "stale seq", "replayed seq", "seq jump too large"];
}

/// <summary>A CDU's retained state: birth (online) or last will (offline).</summary>
public sealed record CduState(bool Online, string? FirmwareVersion, string? Mode);

/// <summary>An event a CDU published (mode change, lease expiry, rejected message).</summary>
public sealed record CduEvent(long Sequence, string Name, string Severity, string Reason);
