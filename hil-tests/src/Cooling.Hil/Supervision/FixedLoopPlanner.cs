namespace Cooling.Hil.Supervision;

/// <summary>The fixed-setpoint baseline: the same supply temperature whatever the load.</summary>
public sealed class FixedLoopPlanner(double supplyTemperatureCelsius) : ILoopPlanner
{
    public string Name => PlannerNames.Fixed;

    public double PlanSupplyTemperatureCelsius(LoopObservation observation) => supplyTemperatureCelsius;
}
