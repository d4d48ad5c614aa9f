using Cooling.Hil.Scenarios;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Supervision;

/// <summary>The planners a scenario may name — the supervisor's own planner classes — and the ones this build can run.</summary>
public static class PlannerNames
{
    public const string None = "none";
    public const string Fixed = "fixed";
    public const string TrimAndRespond = "trim-and-respond";
    public const string ModelBased = "model-based";

    public static readonly string[] All = [None, Fixed, TrimAndRespond, ModelBased];

    /// <summary>Planners this build can run (the others are refused on load with a reason).</summary>
    public static readonly string[] Available = [None, Fixed, TrimAndRespond, ModelBased];

    /// <summary>The planners a supervised scenario runs, the declared one first, then the other baselines.</summary>
    public static IReadOnlyList<string> Baselines(SupervisorSpec supervisor) =>
        supervisor.Baselines && supervisor.Planner != None
            ? [supervisor.Planner, .. Available.Where(p => p != None && p != supervisor.Planner)]
            : [supervisor.Planner];

    /// <summary>A fresh planner (a supervisor restart makes a new one: nothing remembered).</summary>
    public static ISetpointPlanner Create(string name, SupervisorSpec spec) => name switch
    {
        Fixed => new FixedSetpointPlanner(spec.SupplyTemperatureCelsius),
        TrimAndRespond => new TrimAndRespondPlanner(),
        ModelBased => new ModelBasedPlanner(),
        _ => throw new ArgumentException($"planner '{name}' is not available in this build (available: {string.Join(", ", Available)})"),
    };
}
