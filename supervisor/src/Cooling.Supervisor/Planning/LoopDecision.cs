namespace Cooling.Supervisor.Planning;

/// <summary>
/// A planner's choice for one loop: the supply temperature and (optionally) the secondary ΔP to request, the IT
/// load to announce for the CDU's feedforward, and why — in words an operator can read.
/// </summary>
/// <param name="SupplyTemperatureCelsius">Supply-temperature setpoint to request, °C.</param>
/// <param name="DeltaPressureKpa">ΔP setpoint to request, kPa; null leaves the CDU's local ΔP setpoint.</param>
/// <param name="ItLoadKilowatts">IT load to announce (itLoadKilowatts), kW; null announces none.</param>
/// <param name="Planner">Which planner decided (e.g. "model", "trim-and-respond", "fixed").</param>
/// <param name="Reason">Why, e.g. "model: rack cdu1-r03 limits the supply to 44.2 °C at design power".</param>
public sealed record LoopDecision(double SupplyTemperatureCelsius, double? DeltaPressureKpa, double? ItLoadKilowatts, string Planner, string Reason);
