using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning;

public sealed class FixedSetpointPlannerTests
{
    [Fact]
    public void The_baseline_asks_for_the_same_setpoints_whatever_it_sees()
    {
        var planner = new FixedSetpointPlanner(30, 120);

        var cool = planner.Plan(Observations.Loop(0, Observations.Cdu(), 50));
        var hot = planner.Plan(Observations.Loop(60, Observations.Cdu(supplyTarget: 40), 84));

        Assert.Equal(cool, hot);
        Assert.Equal(30, cool.SupplyTemperatureCelsius);
        Assert.Equal(120, cool.DeltaPressureKpa);
        Assert.Null(cool.ItLoadKilowatts);
        Assert.Null(new FixedSetpointPlanner(30).Plan(Observations.Loop(0, Observations.Cdu(), 50)).DeltaPressureKpa);
    }
}
