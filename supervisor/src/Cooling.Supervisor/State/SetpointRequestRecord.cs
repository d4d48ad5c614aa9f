namespace Cooling.Supervisor.State;

/// <summary>
/// A setpoint request as sent: sequence number, supply temperature (°C), lease (s) and when; the ΔP (kPa) and the
/// announced IT load (kW) when the planner chose them, and the planner's reason.
/// </summary>
public sealed record SetpointRequestRecord(long Sequence, double SupplyTemperatureCelsius, int LeaseSeconds, DateTimeOffset SentAt,
    double? DeltaPressureKpa = null, double? ItLoadKilowatts = null, string? Reason = null);
