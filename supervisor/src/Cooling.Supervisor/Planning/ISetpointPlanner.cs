namespace Cooling.Supervisor.Planning;

/// <summary>
/// Chooses a cooling loop's setpoints from an observation of the loop. Implementations are plain classes: the
/// supervisor's <see cref="SetpointCoordinator"/> calls them once per planning round and CDU, and a test rig may call
/// them directly. One instance may plan several loops (state is kept per <see cref="LoopObservation.CduId"/>); calls
/// for one loop come in time order. Not thread-safe.
/// </summary>
public interface ISetpointPlanner
{
    /// <summary>Short name for logs and the operator's view, e.g. "fixed".</summary>
    string Name { get; }

    LoopDecision Plan(LoopObservation observation);
}
