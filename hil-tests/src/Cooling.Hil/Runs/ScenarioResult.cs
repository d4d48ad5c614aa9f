using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Runs;

/// <summary>A scenario's outcome on a target: the verdicts of its declared planner's run, and every baseline run.</summary>
public sealed record ScenarioResult(Scenario Scenario, string Target, int Seed, IReadOnlyList<Verdict> Verdicts, IReadOnlyList<PlannerRun> Runs, TimeSpan WallTime)
{
    public bool Passed => Verdicts.All(v => v.Passed);

    /// <summary>The run whose verdicts count (the scenario's declared planner).</summary>
    public PlannerRun Primary => Runs[0];

    public IReadOnlyList<TracePoint> Trace => Primary.Trace;
}
