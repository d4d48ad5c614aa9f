using Cooling.Models.Components;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class HydraulicsTests
{
    private static SecondaryLoopPlant Settled(LoopDescription description, bool[] run, double[] speed, double seconds = 5)
    {
        var plant = new SecondaryLoopPlant(description);
        foreach (var rack in plant.Racks) rack.Utilization = 0;
        for (var i = 0; i < seconds * 10; i++) plant.Step(0, run, speed, true, 0.1);
        return plant;
    }

    [Fact]
    public void One_pump_on_the_system_curve_gives_the_hand_derived_operating_point()
    {
        var d = new LoopDescription();
        var plant = Settled(d, [true, false], [100, 0]);

        // Pump: H = 250 − b·Q², b = (250 − 150)/800²; system: H = K·Q²  ⇒  Q = √(250/(K + b)), P = V̇·H/η_bep at Q = 800 when K is the rated K.
        var b = (250.0 - 150) / (800 * 800);
        var k = plant.SystemCoefficientKpaPerLpmSquared;
        var flow = Math.Sqrt(250 / (k + b));
        Assert.Equal(150.0 / (800 * 800) * plant.ViscosityFactor, k, 12); // the rated K, scaled by (μ/μ₃₀)^0.25
        Assert.Equal(flow, plant.FlowLitersPerMinute, 6);
        Assert.Equal(k * flow * flow, plant.DeltaPressureKpa, 6);
        var x = flow / 800; // similar flow ratio at 100 % speed
        Assert.Equal(flow / 60_000 * k * flow * flow * 1000 / (0.7 * x * (2 - x)), plant.PumpPowerWatts, 6);
        Assert.InRange(plant.FlowLitersPerMinute, 780, 820); // at 27 °C PG25 is a little more viscous than at 30 °C
    }

    [Fact]
    public void Flow_head_and_power_follow_the_affinity_laws()
    {
        var d = new LoopDescription();
        var full = Settled(d, [true, false], [100, 0]);
        foreach (var speed in new[] { 75.0, 50.0, 30.0 })
        {
            var plant = Settled(d, [true, false], [speed, 0]);
            var s = speed / 100;
            var kRatio = plant.SystemCoefficientKpaPerLpmSquared / full.SystemCoefficientKpaPerLpmSquared; // the same loop, ≤ 0.01 % apart

            Assert.Equal(1, kRatio, 4);
            Assert.Equal(s, plant.FlowLitersPerMinute / full.FlowLitersPerMinute, 4);        // Q ∝ N
            Assert.Equal(s * s, plant.DeltaPressureKpa / full.DeltaPressureKpa, 4);         // H ∝ N²
            Assert.Equal(s * s * s, plant.PumpPowerWatts / full.PumpPowerWatts, 4);         // P ∝ N³
        }
    }

    [Fact]
    public void Two_pumps_in_parallel_meet_the_system_curve_at_a_common_head()
    {
        var plant = Settled(new LoopDescription(), [true, true], [100, 100]);

        // Each pump: H = 250 − b·(Q/2)², system: H = K·Q²  ⇒  Q = √(250/(K + b/4))
        var b = 100.0 / (800 * 800);
        Assert.Equal(Math.Sqrt(250 / (plant.SystemCoefficientKpaPerLpmSquared + b / 4)), plant.FlowLitersPerMinute, 6);
        Assert.Equal(plant.Pumps[0].FlowLitersPerMinute, plant.Pumps[1].FlowLitersPerMinute, 9);
    }

    [Fact]
    public void Pumps_at_different_speeds_share_the_head_and_the_slower_one_delivers_less()
    {
        var plant = Settled(new LoopDescription(), [true, true], [100, 80]);

        var b = 100.0 / (800 * 800);
        var head = plant.DeltaPressureKpa;
        Assert.Equal(Math.Sqrt((250 - head) / b), plant.Pumps[0].FlowLitersPerMinute, 6);
        Assert.Equal(Math.Sqrt((250 * 0.64 - head) / b), plant.Pumps[1].FlowLitersPerMinute, 6);
        Assert.Equal(plant.SystemCoefficientKpaPerLpmSquared * plant.FlowLitersPerMinute * plant.FlowLitersPerMinute, head, 6);
    }

    [Fact]
    public void A_pump_trip_drops_its_power_at_once_and_the_flow_as_it_coasts_down()
    {
        var plant = Settled(new LoopDescription(), [true, true], [80, 80]);
        var both = (plant.FlowLitersPerMinute, plant.DeltaPressureKpa, plant.PumpPowerWatts);

        plant.Pumps[0].Tripped = true;
        plant.Step(0, [true, true], [80, 80], true, 0.1);
        Assert.Equal(0, plant.Pumps[0].PowerWatts);
        for (var i = 0; i < 50; i++) plant.Step(0, [true, true], [80, 80], true, 0.1);

        // One pump left at 80 %: Q = √(250·0.64/(K + b)); the coasting pump's check valve is shut.
        var b = 100.0 / (800 * 800);
        Assert.Equal(0, plant.Pumps[0].FlowLitersPerMinute);
        Assert.Equal(Math.Sqrt(250 * 0.64 / (plant.SystemCoefficientKpaPerLpmSquared + b)), plant.FlowLitersPerMinute, 6);
        Assert.True(plant.FlowLitersPerMinute < 0.85 * both.FlowLitersPerMinute);
        Assert.True(plant.DeltaPressureKpa < 0.75 * both.DeltaPressureKpa);
        Assert.True(plant.PumpPowerWatts < both.PumpPowerWatts);
    }

    [Fact]
    public void A_lone_tripped_pump_coasts_down_and_a_closed_isolation_stops_the_flow()
    {
        var plant = Settled(new LoopDescription(), [true, false], [90, 0]);
        var running = plant.FlowLitersPerMinute;

        plant.Pumps[0].Tripped = true;
        for (var i = 0; i < 30; i++) plant.Step(0, [true, false], [90, 0], true, 0.1);
        Assert.True(plant.FlowLitersPerMinute < running * 0.2, $"flow {plant.FlowLitersPerMinute:F0} three seconds after the trip");
        Assert.Equal(0, plant.PumpPowerWatts);

        plant.Pumps[0].Tripped = false;
        for (var i = 0; i < 50; i++) plant.Step(0, [true, false], [90, 0], false, 0.1);
        Assert.True(plant.FlowLitersPerMinute < 1, $"flow {plant.FlowLitersPerMinute:F2} with the isolation closed");
    }

    [Fact]
    public void A_worn_pump_delivers_less_head_and_flow_at_the_same_speed_for_more_power_per_litre()
    {
        var fresh = Settled(new LoopDescription(), [true, false], [90, 0]);
        var worn = new SecondaryLoopPlant(new LoopDescription());
        worn.Pumps[0].WearFraction = 0.2;
        for (var i = 0; i < 50; i++) worn.Step(0, [true, false], [90, 0], true, 0.1);

        // H₀ falls by 20 %: Q = √(0.8·250·0.81/(K + b))
        var b = 100.0 / (800 * 800);
        Assert.Equal(Math.Sqrt(0.8 * 250 * 0.81 / (worn.SystemCoefficientKpaPerLpmSquared + b)), worn.FlowLitersPerMinute, 3);
        Assert.True(worn.DeltaPressureKpa < 0.85 * fresh.DeltaPressureKpa);
        Assert.True(worn.PumpPowerWatts / worn.FlowLitersPerMinute > fresh.PumpPowerWatts / fresh.FlowLitersPerMinute);
    }

    [Fact]
    public void Rack_branches_share_the_flow_by_their_resistance_and_a_clogged_branch_starves_its_rack()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        foreach (var rack in plant.Racks) rack.Utilization = 1;
        for (var i = 0; i < 50; i++) plant.Step(50, 90, true, 0.1);
        var even = plant.FlowLitersPerMinute;
        Assert.All(plant.Manifold.BranchFlowLitersPerMinute, q => Assert.Equal(even / 4, q, 9));

        plant.Manifold.SetBranchResistanceFactor(2, 4); // four times the resistance: half the conductance
        for (var i = 0; i < 600; i++) plant.Step(50, 90, true, 0.1);

        var q = plant.Manifold.BranchFlowLitersPerMinute;
        var total = plant.FlowLitersPerMinute;
        Assert.Equal(0.5, q[2] / q[0], 9);              // equal ΔP: Q ∝ 1/√K
        Assert.Equal(total / 3.5, q[0], 9);             // conductances 1 : 1 : 0.5 : 1
        Assert.True(total < even);                      // the loop as a whole is more resistant
        Assert.True(plant.Racks[2].HottestGpuCelsius > plant.Racks[0].HottestGpuCelsius + 3);
        Assert.Equal(plant.ManifoldDeltaPressureKpa, plant.Manifold.EquivalentResistanceKpaPerLpmSquared * plant.ViscosityFactor * total * total, 9);

        plant.Manifold.CloseBranch(2);
        for (var i = 0; i < 600; i++) plant.Step(50, 90, true, 0.1);
        Assert.Equal(0, plant.Manifold.BranchFlowLitersPerMinute[2]);
        Assert.True(plant.Racks[2].GpuThrottled(0)); // no coolant: the GPUs reach slowdown and throttle
    }

    [Fact]
    public void Cold_coolant_is_more_viscous_and_needs_more_pressure_for_the_same_flow()
    {
        var warm = Settled(new LoopDescription { InitialCelsius = 40 }, [true, false], [90, 0]);
        var cold = Settled(new LoopDescription { InitialCelsius = 15 }, [true, false], [90, 0]);

        var pg25 = Coolant.Coolant.PropyleneGlycol25;
        var expected = Math.Pow(pg25.DynamicViscosityPascalSeconds(15) / pg25.DynamicViscosityPascalSeconds(40), 0.25);
        Assert.Equal(expected, cold.SystemCoefficientKpaPerLpmSquared / warm.SystemCoefficientKpaPerLpmSquared, 2);
        Assert.True(cold.FlowLitersPerMinute < warm.FlowLitersPerMinute);
    }

    [Fact]
    public void A_fouled_filter_raises_its_pressure_drop_and_lowers_the_flow()
    {
        var clean = Settled(new LoopDescription(), [true, false], [90, 0]);
        var fouled = new SecondaryLoopPlant(new LoopDescription()) { FilterFouling = 4 };
        for (var i = 0; i < 50; i++) fouled.Step(0, [true, false], [90, 0], true, 0.1);

        Assert.True(fouled.FlowLitersPerMinute < clean.FlowLitersPerMinute);
        var ratio = fouled.FilterDeltaPressureKpa / clean.FilterDeltaPressureKpa;
        Assert.Equal(4 * Math.Pow(fouled.FlowLitersPerMinute / clean.FlowLitersPerMinute, 2), ratio, 3);
    }
}
