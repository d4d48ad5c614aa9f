namespace Cooling.Supervisor.State;

/// <summary>A setpoint request as sent: sequence number, supply temperature (°C), lease (s) and when.</summary>
public sealed record SetpointRequestRecord(long Sequence, double SupplyTemperatureCelsius, int LeaseSeconds, DateTimeOffset SentAt);
