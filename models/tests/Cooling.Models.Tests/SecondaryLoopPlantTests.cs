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

    [Fact]
    public void Flow_follows_pump_speed_and_pressure_its_square()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());

        plant.Step(0, 50, true, 0.1);
        Assert.Equal(400, plant.FlowLitersPerMinute, 9);
        Assert.Equal(150 * 0.25, plant.DeltaPressureKpa, 9);
        plant.Step(0, 50, false, 0.1);
        Assert.Equal(0, plant.FlowLitersPerMinute);
    }
}
