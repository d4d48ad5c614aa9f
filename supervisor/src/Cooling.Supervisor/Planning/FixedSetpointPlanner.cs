using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Planning;

/// <summary>The baseline every other planner is compared against: one fixed supply temperature for every CDU.</summary>
public sealed class FixedSetpointPlanner(double supplyTemperatureCelsius) : ISetpointPlanner
{
    public string Name => "fixed";

    public double SupplyTemperatureCelsius { get; } = supplyTemperatureCelsius;

    public double PlanSupplyTemperatureCelsius(CduView cdu, HallState hall) => SupplyTemperatureCelsius;
}
