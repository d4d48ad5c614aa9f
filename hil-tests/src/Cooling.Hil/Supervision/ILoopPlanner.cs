namespace Cooling.Hil.Supervision;

/// <summary>A supervisor planner as a scenario runs it: one loop's observation in, a supply-temperature setpoint out, °C.</summary>
public interface ILoopPlanner
{
    /// <summary>The planner's name as scenarios spell it: fixed, trim-and-respond, model-based.</summary>
    string Name { get; }

    double PlanSupplyTemperatureCelsius(LoopObservation observation);
}
