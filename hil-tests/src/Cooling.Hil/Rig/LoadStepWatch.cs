using Cooling.Hil.Kpis;
using Cooling.Hil.Supervision;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Rig;

/// <summary>
/// Watches the IT load the supervisor sees for a step (more than 10 % and 20 kW up between two planning rounds) and,
/// for a planner that moves setpoints, starts one <see cref="KpiCatalog.SupervisorReactionSeconds"/> watch: done when
/// the supervisor has changed a setpoint since the step (at most 30 s).
/// </summary>
public sealed class LoadStepWatch(SupervisorEmulator supervisor, List<ReactionWatch> watches)
{
    private double _lastItPowerKilowatts = double.NaN;

    public void Observe(LoopObservation observation, double seconds)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var power = observation.RackPowerWatts / 1000;
        var last = _lastItPowerKilowatts;
        if (supervisor.PlannerName is not (PlannerNames.None or PlannerNames.Fixed) && !double.IsNaN(last) && power > 1.1 * last && power - last > 20
            && !watches.Any(w => w.Kpi == KpiCatalog.SupervisorReactionSeconds))
        {
            watches.Add(new ReactionWatch(KpiCatalog.SupervisorReactionSeconds, seconds, $"IT load {last:F0} → {power:F0} kW",
                () => supervisor.LastChangeSeconds >= seconds, 30));
        }

        _lastItPowerKilowatts = power;
    }
}
