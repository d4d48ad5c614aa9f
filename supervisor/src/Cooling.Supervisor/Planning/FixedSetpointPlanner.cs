namespace Cooling.Supervisor.Planning;

/// <summary>
/// The baseline every other planner is compared against: one fixed supply temperature for every loop, and either a
/// fixed ΔP or (null) the CDU's own local ΔP setpoint.
/// </summary>
public sealed class FixedSetpointPlanner(double supplyTemperatureCelsius, double? deltaPressureKpa = null) : ISetpointPlanner
{
    public string Name => "fixed";

    public double SupplyTemperatureCelsius { get; } = supplyTemperatureCelsius;

    public double? DeltaPressureKpa { get; } = deltaPressureKpa;

    public LoopDecision Plan(LoopObservation observation) =>
        new(SupplyTemperatureCelsius, DeltaPressureKpa, null, Name, "fixed setpoints");
}
