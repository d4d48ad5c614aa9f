using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Models;
using Cooling.Models.Plant;

namespace Cooling.Hil.Rig;

/// <summary>What a scenario does to the plant from outside: the racks' utilization (its workload) and the facility water's supply temperature.</summary>
public sealed class ScenarioSurroundings
{
    private readonly RackUtilization _workload;
    private readonly Func<double, double> _facilityWater;

    public ScenarioSurroundings(Scenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _workload = WorkloadFactory.Create(scenario.Workload, Path.GetDirectoryName(scenario.Source) ?? ".", seed);
        _facilityWater = ScenarioEvents.FacilityWaterProfile(scenario);
    }

    /// <summary>Sets the racks' utilization and the facility supply of scenario time <paramref name="scenarioSeconds"/>.</summary>
    public void Apply(SecondaryLoopPlant plant, double scenarioSeconds)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var racks = plant.Racks;
        var time = TimeSpan.FromSeconds(scenarioSeconds);
        for (var r = 0; r < racks.Length; r++) racks[r].Utilization = _workload(time, 0, r);
        plant.FacilitySupplyCelsius = _facilityWater(time.TotalSeconds);
    }
}
