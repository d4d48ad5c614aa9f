using Cooling.Models.Descriptions;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class ShippedPlantTests
{
    [Theory]
    [InlineData(BuiltInDescriptions.ReferencePlantFile, 4)]
    [InlineData(BuiltInDescriptions.LargePlantFile, 8)]
    public void A_shipped_plant_carries_its_full_load_at_its_design_point(string file, int racks)
    {
        var description = DescriptionLoader.ParsePlant(BuiltInDescriptions.Text(file), file);
        var plant = new SecondaryLoopPlant(description);
        foreach (var rack in plant.Racks) rack.Utilization = 1;
        for (var i = 0; i < 18_000; i++) plant.Step(100, 100, true, 0.1); // 30 min, one pump at full speed, valve open

        var kilowatts = plant.ItHeatWatts / 1000;
        Assert.Equal(racks, plant.Racks.Length);
        Assert.InRange(kilowatts / racks, 120, 130);                                          // GB300-class racks, ≈ 126 kW
        Assert.InRange(plant.FlowLitersPerMinute / kilowatts, 1.35, 1.75);                    // 1.25 … 2.0 L/min/kW, typically 1.5 (OCP)
        Assert.InRange(plant.SupplyCelsius - plant.FacilitySupplyCelsius, 2.5, 4.5);          // ≈ 3 K approach (Deschutes: 3 °C)
        Assert.InRange(plant.ReturnCelsius - plant.SupplyCelsius, 8, 12);                    // ΔT ≈ 10 K
        Assert.InRange(plant.Racks.Max(r => r.HottestGpuCelsius), 50, 75);                    // well below the 87 °C operating limit
        Assert.InRange(plant.PumpPowerWatts / 1000, 1, 0.01 * kilowatts);                     // pumps take about 0.5 % of the load
    }
}
