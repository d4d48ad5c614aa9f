using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Planning;

/// <summary>Chooses a CDU's supply-temperature setpoint, °C, from what the supervisor knows of the hall.</summary>
public interface ISetpointPlanner
{
    /// <summary>Short name for logs and the operator's view, e.g. "fixed".</summary>
    string Name { get; }

    double PlanSupplyTemperatureCelsius(CduView cdu, HallState hall);
}
