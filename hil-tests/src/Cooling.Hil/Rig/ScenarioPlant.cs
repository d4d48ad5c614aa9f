using Cooling.Hil.Scenarios;
using Cooling.Models.Coolant;
using Cooling.Models.Plant;

namespace Cooling.Hil.Rig;

/// <summary>The loop a scenario describes, as the twin's plant takes it: the same for the SIL target and the rigs.</summary>
public static class ScenarioPlant
{
    public static LoopDescription Loop(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new LoopDescription
        {
            RackCount = scenario.Plant.Racks,
            Coolant = scenario.Plant.Coolant == "water" ? Coolant.Water : Coolant.PropyleneGlycol25,
            PumpCount = scenario.Plant.Pumps,
            FacilitySupplyCelsius = scenario.Plant.FacilitySupplyCelsius,
            InitialCelsius = scenario.Initial.CoolantCelsius,
        };
    }
}
