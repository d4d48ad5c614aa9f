namespace Cooling.Supervisor.State;

/// <summary>
/// A setpoint request as sent: sequence number (within <see cref="Epoch"/>), supply temperature (°C), lease (s) and when; the ΔP (kPa) and the
/// announced IT load (kW) when the planner chose them, and the planner's reason.
/// </summary>
public sealed record SetpointRequestRecord(long Sequence, double SupplyTemperatureCelsius, int LeaseSeconds, DateTimeOffset SentAt,
    double? DeltaPressureKpa = null, double? ItLoadKilowatts = null, string? Reason = null)
{
    /// <summary>The request session (docs/mqtt.md): ≥ 1; 0 in records written before epochs existed.</summary>
    public long Epoch { get; init; }
}
