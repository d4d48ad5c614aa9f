using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class SecondaryLoopPlantTests
{
    [Fact]
    public void Heat_is_conserved_over_two_hours_of_varying_load()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        var stored0 = plant.StoredHeatJoules;
        double it = 0, rejected = 0;
        const double step = 0.1;
        for (var i = 0; i < 72_000; i++)
        {
            var t = i * step;
            foreach (var rack in plant.Racks) rack.Utilization = 0.3 + 0.7 * (0.5 + 0.5 * Math.Sin(t / 600));
            var valve = Math.Clamp(10 * (plant.SupplyCelsius - 30), 0, 100);
            plant.Step(valve, 90, true, step);
            it += plant.ItHeatWatts * step;
            rejected += plant.HeatExchangerWatts * step;
        }

        var stored = plant.StoredHeatJoules - stored0;
        Assert.Equal(it - stored, rejected, it * 0.005);
    }

    [Fact]
    public void Steady_state_matches_the_heat_balance()
    {
        var description = new LoopDescription { RackCount = 2 };
        var plant = new SecondaryLoopPlant(description);
        foreach (var rack in plant.Racks) rack.Utilization = 1;
        for (var i = 0; i < 36_000; i++) plant.Step(60, 90, true, 0.1); // one hour, fixed valve

        // Q_IT = Q_hx and T_return − T_supply = Q / (ṁ·cp)
        Assert.Equal(plant.ItHeatWatts, plant.HeatExchangerWatts, plant.ItHeatWatts * 1e-4);
        var rate = description.Coolant.HeatCapacityRateWattsPerKelvin(plant.FlowLitersPerMinute);
        Assert.Equal(plant.ItHeatWatts / rate, plant.ReturnCelsius - plant.SupplyCelsius, 3);
        var facilityRate = Coolant.Coolant.Water.HeatCapacityRateWattsPerKelvin(plant.FacilityFlowLitersPerMinute);
        Assert.Equal(plant.ItHeatWatts / facilityRate, plant.FacilityReturnCelsius - plant.FacilitySupplyCelsius, 3);
    }

    [Theory]
    [InlineData(100, 800, 150)]
    [InlineData(50, 400, 37.5)]
    [InlineData(75, 600, 84.375)]
    public void One_pump_follows_the_affinity_laws_flow_with_speed_pressure_with_its_square(double speed, double flow, double deltaPressure)
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());

        for (var i = 0; i < 50; i++) plant.Step(0, speed, true, 0.1); // the drive ramps at 50 %/s
        Assert.Equal(flow, plant.FlowLitersPerMinute, 3);
        Assert.Equal(deltaPressure, plant.DeltaPressureKpa, 3);
        var expectedPower = flow / 60000 * deltaPressure * 1000 / 0.7; // P = V̇·Δp/η
        Assert.Equal(expectedPower, plant.PumpPowerWatts, 3);
    }

    [Fact]
    public void Two_pumps_in_parallel_meet_the_system_curve_at_a_common_head()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        for (var i = 0; i < 50; i++) plant.Step(0, [true, true], [100, 100], true, 0.1);

        // Each pump: H = 250 − b·(Q/2)², system: H = K·Q², K = 150/800², b = 100/800² → Q = √(250/(K + b/4))
        var k = 150.0 / (800 * 800);
        var b = 100.0 / (800 * 800);
        Assert.Equal(Math.Sqrt(250 / (k + b / 4)), plant.FlowLitersPerMinute, 2);
        Assert.Equal(plant.Pumps[0].FlowLitersPerMinute, plant.Pumps[1].FlowLitersPerMinute, 6);
    }

    [Fact]
    public void A_tripped_pump_coasts_down_and_a_closed_isolation_stops_the_flow()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        for (var i = 0; i < 50; i++) plant.Step(0, [true, false], [90, 0], true, 0.1);
        var running = plant.FlowLitersPerMinute;

        plant.Pumps[0].Tripped = true;
        for (var i = 0; i < 30; i++) plant.Step(0, [true, false], [90, 0], true, 0.1);
        Assert.True(plant.FlowLitersPerMinute < running * 0.2, $"flow {plant.FlowLitersPerMinute:F0} three seconds after the trip");

        plant.Pumps[0].Tripped = false;
        for (var i = 0; i < 50; i++) plant.Step(0, [true, false], [90, 0], false, 0.1);
        Assert.True(plant.FlowLitersPerMinute < 1, $"flow {plant.FlowLitersPerMinute:F2} with the isolation closed");
    }
}
