namespace Cooling.Supervisor.Planning;

/// <summary>The planners by name, for configuration: "fixed" (the baseline), "trim-and-respond", "model".</summary>
public static class SetpointPlanners
{
    public static readonly IReadOnlyList<string> Names = ["fixed", "trim-and-respond", "model"];

    /// <summary>The planner <see cref="SupervisorOptions.Planner"/> names, with the options' fixed setpoint and loop limits.</summary>
    /// <exception cref="ArgumentException">An unknown name; the message lists the known ones.</exception>
    public static ISetpointPlanner Create(SupervisorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Planner switch
        {
            "fixed" => new FixedSetpointPlanner(options.FixedSupplyTemperatureCelsius),
            "trim-and-respond" => new TrimAndRespondPlanner(options.LoopLimits),
            "model" => new ModelBasedPlanner(options.LoopLimits),
            _ => throw new ArgumentException($"Planner '{options.Planner}' is unknown: use one of {string.Join(", ", Names)}."),
        };
    }
}
