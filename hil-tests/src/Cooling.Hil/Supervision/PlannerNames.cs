using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Supervision;

/// <summary>The planners a scenario may name, and the ones this build can run.</summary>
public static class PlannerNames
{
    public const string None = "none";
    public const string Fixed = "fixed";
    public const string TrimAndRespond = "trim-and-respond";
    public const string ModelBased = "model-based";

    public static readonly string[] All = [None, Fixed, TrimAndRespond, ModelBased];

    /// <summary>Planners this build can run (the others are refused on load with a reason).</summary>
    public static readonly string[] Available = [None, Fixed];

    /// <summary>The planners a supervised scenario runs as its baselines, the declared one first.</summary>
    public static IReadOnlyList<string> Baselines(SupervisorSpec supervisor) =>
        supervisor.Baselines
            ? [supervisor.Planner, .. Available.Where(p => p != None && p != supervisor.Planner)]
            : [supervisor.Planner];

    public static ILoopPlanner Create(string name, SupervisorSpec spec) => name switch
    {
        Fixed => new FixedLoopPlanner(spec.SupplyTemperatureCelsius),
        _ => throw new ArgumentException($"planner '{name}' is not available in this build (available: {string.Join(", ", Available)})"),
    };
}
