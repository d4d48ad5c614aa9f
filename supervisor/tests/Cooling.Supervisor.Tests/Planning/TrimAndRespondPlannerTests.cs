using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning;

public sealed class TrimAndRespondPlannerTests
{
    [Fact]
    public void It_starts_from_the_CDUs_current_targets_so_taking_over_moves_nothing()
    {
        var planner = new TrimAndRespondPlanner();

        var decision = planner.Plan(Observations.Loop(0, Observations.Cdu(supplyTarget: 31.5), 60, 60));

        Assert.Equal(31.5, decision.SupplyTemperatureCelsius, 9);
        Assert.Equal(150, decision.DeltaPressureKpa);
        Assert.Contains("initial delay", decision.Reason, StringComparison.Ordinal);

        var warm = new TrimAndRespondPlanner().Plan(Observations.Loop(0, Observations.Cdu(supplyTarget: 45, deltaPressureTarget: 90), 60));
        Assert.Equal(45, warm.SupplyTemperatureCelsius, 9);
        Assert.Equal(90, warm.DeltaPressureKpa!.Value, 9);
    }

    [Fact]
    public void Without_requests_it_trims_first_the_supply_warmer_then_the_pressure_lower()
    {
        var planner = new TrimAndRespondPlanner(options: new TrimAndRespondOptions { TrimPercent = -5 });
        var cdu = Observations.Cdu(supplyTarget: 42.3);
        var supplies = new List<double>();
        var pressures = new List<double>();
        for (var s = 0; s <= 600; s += 30)
        {
            var d = planner.Plan(Observations.Loop(s, cdu, 60, 61));
            supplies.Add(d.SupplyTemperatureCelsius);
            pressures.Add(d.DeltaPressureKpa!.Value);
        }

        Assert.Equal(42.3, supplies[0], 6);
        Assert.Equal(45, supplies[^1], 6);
        Assert.True(pressures[^1] < 150, "once the supply is at its maximum the ΔP is trimmed");
        // Trimming 5 % of 27 K per 30 s would warm 2.7 K/min; the requests keep the loop's 2 K/min.
        Assert.All(supplies.Zip(supplies.Skip(1)), p => Assert.InRange(p.Second - p.First, -1e-9, 1.0 + 1e-9));
        Assert.Contains(supplies.Zip(supplies.Skip(1)), p => p.Second - p.First > 0.99);
    }

    [Fact]
    public void Hot_racks_make_requests_and_the_response_is_capped()
    {
        var planner = new TrimAndRespondPlanner();
        var cdu = Observations.Cdu(supplyTarget: 40);
        planner.Plan(Observations.Loop(0, cdu, 60));
        var start = planner.ResetPercent("cdu1");

        var decision = planner.Plan(Observations.Loop(90, cdu, 86, 83, 80.5, 60)); // 3 + 2 + 1 requests

        Assert.Equal(start + 12, planner.ResetPercent("cdu1"), 9); // 6 × 4 % capped at 12 %
        Assert.True(decision.SupplyTemperatureCelsius < 40);
        Assert.Contains("6 request(s)", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("cdu1-r01 at 86.0 °C", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_supply_never_goes_below_dew_point_plus_margin()
    {
        var planner = new TrimAndRespondPlanner();

        var (supply, _) = planner.Setpoints(100, dewPointCelsius: 22);

        Assert.Equal(24, supply, 9);
        Assert.Equal(18, planner.Setpoints(100, 11).SupplyTemperatureCelsius, 9);
    }

    [Fact]
    public void Options_that_would_cool_on_a_trim_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new TrimAndRespondPlanner(options: new TrimAndRespondOptions { TrimPercent = 1 }));
        Assert.Throws<ArgumentException>(() => new TrimAndRespondPlanner(new LoopLimits { DewPointMarginKelvin = 1 }));
    }
}
