using Cooling.Models.Components;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class PlantStateTests
{
    [Fact]
    public void Facility_water_follows_a_ramp_and_a_daily_profile()
    {
        var ramp = new FacilityWaterRamp(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(20), 30);
        Assert.Equal((24.0, 24.0, 27.0, 30.0, 30.0), (
            ramp.TemperatureCelsius(24, TimeSpan.Zero), ramp.TemperatureCelsius(24, TimeSpan.FromMinutes(10)),
            ramp.TemperatureCelsius(24, TimeSpan.FromMinutes(20)), ramp.TemperatureCelsius(24, TimeSpan.FromMinutes(30)),
            ramp.TemperatureCelsius(24, TimeSpan.FromHours(5))));

        var daily = new FacilityWaterDaily(AmplitudeKelvin: 3, PeakHour: 15);
        Assert.Equal(27, daily.TemperatureCelsius(24, TimeSpan.FromHours(15)), 9);
        Assert.Equal(21, daily.TemperatureCelsius(24, TimeSpan.FromHours(3)), 9);

        var plant = new SecondaryLoopPlant(new LoopDescription { FacilitySupplyProfile = ramp });
        for (var i = 0; i < 12_000; i++) plant.Step(50, 80, true, 0.1); // 20 min
        Assert.Equal(27, plant.FacilitySupplyCelsius, 2);
        Assert.Equal(1200, plant.ElapsedSeconds, 6);
    }

    [Fact]
    public void Warming_coolant_expands_into_the_reservoir()
    {
        var description = new LoopDescription { InitialCelsius = 25, ReservoirInitialLevelPercent = 50 };
        var plant = new SecondaryLoopPlant(description);
        var level = plant.ReservoirLevelPercent;
        plant.FacilitySupplyCelsius = 40;
        foreach (var rack in plant.Racks) rack.Utilization = 1;
        for (var i = 0; i < 6000; i++) plant.Step(100, 80, true, 0.1);

        // V_tank rises by V_loop·(ρ(T_fill)/ρ(T) − 1)
        var pg25 = description.Coolant;
        var mean = (plant.SupplyCelsius + plant.ReturnCelsius) / 2;
        var loopLiters = 300 + 120 + 120 + 300;
        var expansion = loopLiters * (pg25.DensityKilogramsPerCubicMeter(25) / pg25.DensityKilogramsPerCubicMeter(mean) - 1);
        Assert.True(mean > 40, $"mean {mean:F1} °C");
        Assert.Equal(50, level, 9);
        Assert.Equal(level + expansion / 60 * 100, plant.ReservoirLevelPercent, 1);
        Assert.True(plant.ReservoirLevelPercent > 60);
    }

    [Fact]
    public void A_leak_wets_its_zone_and_drains_the_reservoir()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        var dry = new SecondaryLoopPlant(new LoopDescription());

        plant.Leaks.SetLeak(2, 3); // 3 L/min under rack 3
        for (var i = 0; i < 200; i++) // 20 s: 1 L
        {
            plant.Step(50, 80, true, 0.1);
            dry.Step(50, 80, true, 0.1);
        }

        Assert.Equal(1, plant.Reservoir.LeakedLiters, 6);
        Assert.Equal(50, plant.LeakZoneLevelPercent[2], 6);
        Assert.Equal(0, plant.LeakZoneLevelPercent[1]);
        Assert.Equal(dry.ReservoirLevelPercent - 1.0 / 60 * 100, plant.ReservoirLevelPercent, 9); // the same warming, 1 L less

        plant.Leaks.SetLeak(2, 0);
        for (var i = 0; i < 200; i++) plant.Step(50, 80, true, 0.1);
        Assert.Equal(50, plant.LeakZoneLevelPercent[2], 6); // spilled coolant stays until dried
        plant.ReservoirLevelPercent = 5;                   // a scenario may set the level outright
        plant.Step(50, 80, true, 0.1);
        Assert.Equal(5, plant.ReservoirLevelPercent, 2);
    }

    [Fact]
    public void Memory_runs_cooler_than_the_die_and_plates_share_the_rack_flow()
    {
        var rack = new GpuRack("r", new GpuRackDescription(), seed: 4, initialCelsius: 30) { Utilization = 1 };
        for (var i = 0; i < 600; i++) rack.Step(30, 144, 0.1);

        var plateFlows = Enumerable.Range(0, rack.GpuCount).Select(rack.GpuPlateFlowLitersPerMinute).ToArray();
        Assert.Equal(144, plateFlows.Sum(), 9);
        Assert.InRange(plateFlows.Min(), 2 * 0.94, 2);
        Assert.InRange(plateFlows.Max(), 2, 2 * 1.06);
        for (var i = 0; i < rack.GpuCount; i++)
        {
            var die = rack.GpuTemperatureCelsius(i);
            Assert.Equal(30 + 0.6 * (die - 30) + 2, rack.GpuMemoryTemperatureCelsius(i), 9);
            Assert.True(rack.GpuMemoryTemperatureCelsius(i) < die);
            var steady = 30 + rack.GpuPowerWatts(i) * ColdPlate.ResistanceKelvinPerWatt(2) * rack.GpuResistanceFactor(i);
            Assert.Equal(steady, die, 6); // 30 s ≫ τ = 2 s: T = T_in + P·R(q/N)·rᵢwᵢ^(−n)
            Assert.Equal(ColdPlate.ResistanceKelvinPerWatt(plateFlows[i]), ColdPlate.ResistanceKelvinPerWatt(2) * Math.Pow(plateFlows[i] / 2, -ColdPlate.FlowExponent), 12);
        }

        Assert.Equal(Enumerable.Range(0, rack.GpuCount).Max(rack.GpuTemperatureCelsius), rack.HottestGpuCelsius);
    }

    [Fact]
    public void The_loop_step_with_eight_racks_of_72_GPUs_allocates_nothing()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription { RackCount = 8, PumpRatedFlowLitersPerMinute = 1600 });
        bool[] run = [true, true];
        double[] speed = [80, 80];
        for (var i = 0; i < 2000; i++) plant.Step(50, run, speed, true, 0.1); // warm up (JIT tiers)

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            plant.Racks[i % 8].Utilization = i % 60 < 30 ? 0.4 : 1.0;
            plant.Step(50, run, speed, true, 0.1);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
