using Cooling.Models.Components;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class SecondaryLoopPlantTests
{
    // A varying load: synchronized training swings, a checkpoint, a ramp down to idle and back; a proportional valve
    // holds the supply near 30 °C and the facility water warms by 3 K over the run.
    private static (double It, double Pump, double Rejected, double Stored, double MinimumEffectiveness, double MaximumEffectiveness) RunTwoHours(double step)
    {
        var description = new LoopDescription { FacilitySupplyProfile = new FacilityWaterRamp(TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), 27) };
        var plant = new SecondaryLoopPlant(description);
        var training = Workloads.SynchronizedTraining(new SynchronizedTrainingWorkload { CheckpointInterval = TimeSpan.FromMinutes(20) });
        var ramp = Workloads.Ramp(TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(20), 1, 0);
        var stored0 = plant.StoredHeatJoules;
        double it = 0, pump = 0, rejected = 0, minimum = 1, maximum = 0;
        var steps = (int)Math.Round(7200 / step);
        for (var i = 0; i < steps; i++)
        {
            var t = TimeSpan.FromSeconds(i * step);
            for (var r = 0; r < plant.Racks.Length; r++)
            {
                plant.Racks[r].Utilization = t < TimeSpan.FromMinutes(60) ? training(t, 0, r) : t < TimeSpan.FromMinutes(100) ? ramp(t, 0, r) : 0.7;
            }

            var valve = Math.Clamp(20 * (plant.SupplyCelsius - 30) + 40, 0, 100);
            plant.Step(valve, i * step < 3600 ? 90 : 70, true, step);
            it += plant.ItHeatWatts * step;
            pump += plant.PumpHeatWatts * step;
            rejected += plant.HeatExchangerWatts * step;
            if (plant.FacilityFlowLitersPerMinute > 0 && plant.FlowLitersPerMinute > 0)
            {
                minimum = Math.Min(minimum, plant.HeatExchangerEffectiveness);
                maximum = Math.Max(maximum, plant.HeatExchangerEffectiveness);
            }
        }

        return (it, pump, rejected, plant.StoredHeatJoules - stored0, minimum, maximum);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void Heat_rejected_equals_GPU_heat_plus_pump_work_minus_stored_heat_over_two_hours_of_varying_load(double step)
    {
        var (it, pump, rejected, stored, minimum, maximum) = RunTwoHours(step);

        Assert.InRange(it, 2.0e9, 4.0e9); // 300 … 550 kW for 2 h: the load really moved heat
        Assert.InRange(Math.Abs(stored), 1e6, 1e9); // and the loop's temperature really changed
        Assert.Equal(it + pump - stored, rejected, 0.005 * it);
        Assert.Equal(it + pump - stored, rejected, 1e-4 * it); // far tighter in fact: what is left is ρ·cp's drift with temperature
        Assert.InRange(minimum, 1e-6, 1); // ε ∈ (0, 1] whenever both sides flow
        Assert.InRange(maximum, minimum + 0.05, 1);
    }

    [Fact]
    public void Steady_state_matches_the_hand_derived_heat_balance_and_the_effectiveness_of_the_heat_exchanger()
    {
        var description = new LoopDescription { RackCount = 2 };
        var plant = new SecondaryLoopPlant(description);
        foreach (var rack in plant.Racks) rack.Utilization = 1;
        for (var i = 0; i < 36_000; i++) plant.Step(60, 90, true, 0.1); // one hour, fixed valve

        var load = plant.ItHeatWatts + plant.PumpHeatWatts;
        var c = description.Coolant.VolumetricHeatCapacityJoulesPerLiterKelvin((plant.SupplyCelsius + plant.ReturnCelsius) / 2);
        var secondary = plant.FlowLitersPerMinute / 60 * c; // ṁ·cp, W/K
        var facility = Coolant.Coolant.Water.HeatCapacityRateWattsPerKelvin(plant.FacilityFlowLitersPerMinute, plant.FacilitySupplyCelsius);
        var (cMin, cMax) = (Math.Min(secondary, facility), Math.Max(secondary, facility));
        var ntu = description.HeatExchangerConductanceWattsPerKelvin / cMin;
        var ratio = cMin / cMax;
        var effectiveness = (1 - Math.Exp(-ntu * (1 - ratio))) / (1 - ratio * Math.Exp(-ntu * (1 - ratio)));

        Assert.Equal(load, plant.HeatExchangerWatts, load * 1e-4);                                    // Q_hx = Q_IT + P_pump
        Assert.Equal(effectiveness, plant.HeatExchangerEffectiveness, 9);                              // ε-NTU, counterflow
        Assert.Equal(plant.FacilitySupplyCelsius + load / (effectiveness * cMin), plant.ReturnCelsius, 2); // T_r = T_fws + Q/(ε·C_min)
        Assert.Equal(load / secondary, plant.ReturnCelsius - plant.SupplyCelsius, 2);                  // ΔT = Q/(ṁ·cp) across the CDU
        Assert.Equal(plant.ItHeatWatts / secondary, plant.RackReturnCelsius - plant.RackInletCelsius, 2); // … and across the racks
        Assert.Equal(plant.SupplyCelsius, plant.RackInletCelsius, 3);                                  // the supply pipe loses nothing
        Assert.Equal(load / facility, plant.FacilityReturnCelsius - plant.FacilitySupplyCelsius, 2);
    }

    [Fact]
    public void The_plant_is_deterministic_and_a_one_second_step_follows_the_100_ms_step()
    {
        SecondaryLoopPlant Run(double step, int seed)
        {
            var plant = new SecondaryLoopPlant(new LoopDescription(), seed);
            var steps = Workloads.Step(TimeSpan.FromMinutes(5), 0.3, 1.0);
            var samples = (int)Math.Round(900 / step);
            for (var i = 0; i < samples; i++)
            {
                foreach (var rack in plant.Racks) rack.Utilization = steps(TimeSpan.FromSeconds(i * step), 0, 0);
                plant.Step(Math.Clamp(20 * (plant.SupplyCelsius - 30) + 40, 0, 100), 85, true, step);
            }

            return plant;
        }

        var a = Run(0.1, 3);
        var b = Run(0.1, 3);
        var coarse = Run(1.0, 3);

        Assert.Equal(a.SupplyCelsius, b.SupplyCelsius);
        Assert.Equal(a.Racks[2].GpuTemperatureCelsius(17), b.Racks[2].GpuTemperatureCelsius(17));
        Assert.Equal(a.StoredHeatJoules, b.StoredHeatJoules);
        Assert.Equal(a.SupplyCelsius, coarse.SupplyCelsius, 0.1);
        Assert.Equal(a.ReturnCelsius, coarse.ReturnCelsius, 0.1);
        Assert.Equal(a.Racks[0].HottestGpuCelsius, coarse.Racks[0].HottestGpuCelsius, 0.3);
        Assert.Equal(a.FlowLitersPerMinute, coarse.FlowLitersPerMinute, 0.5);
    }

    [Fact]
    public void A_small_return_volume_at_a_one_second_step_is_split_into_sub_steps_that_follow_the_fine_step()
    {
        // 20 L at ≈ 800 L/min: ṁc·Δt/C ≈ 0.67 per second, past the explicit limit of 0.5 for a smooth answer.
        var description = new LoopDescription { ReturnVolumeLiters = 20, SupplyVolumeLiters = 20 };
        var coarse = new SecondaryLoopPlant(description);
        var fine = new SecondaryLoopPlant(description);
        foreach (var rack in coarse.Racks.Concat(fine.Racks)) rack.Utilization = 1;
        var stored0 = coarse.StoredHeatJoules;
        double it = 0, pump = 0, rejected = 0, worst = 0;
        for (var i = 0; i < 1800; i++)
        {
            coarse.Step(60, 100, true, 1.0);
            for (var k = 0; k < 10; k++) fine.Step(60, 100, true, 0.1);
            it += coarse.ItHeatWatts;
            pump += coarse.PumpHeatWatts;
            rejected += coarse.HeatExchangerWatts;
            if (i > 30) worst = Math.Max(worst, Math.Abs(coarse.ReturnCelsius - fine.ReturnCelsius));
        }

        Assert.True(double.IsFinite(coarse.ReturnCelsius));
        Assert.True(worst < 0.3, $"the 1 s step strays {worst:F2} K from the 100 ms step");
        Assert.Equal(it + pump - (coarse.StoredHeatJoules - stored0), rejected, 1e-4 * it);
    }

    [Fact]
    public void Each_rack_reports_its_outlet_from_its_own_branch_flow()
    {
        var plant = new SecondaryLoopPlant(new LoopDescription());
        plant.Racks[1].Utilization = 1;
        for (var i = 0; i < 600; i++) plant.Step(50, 90, true, 0.1);

        var c = plant.VolumetricHeatCapacityJoulesPerLiterKelvin;
        for (var r = 0; r < plant.Racks.Length; r++)
        {
            var rack = plant.Racks[r];
            Assert.Equal(plant.Manifold.BranchFlowLitersPerMinute[r], rack.FlowLitersPerMinute, 9);
            Assert.Equal(rack.InletCelsius + rack.HeatWatts / (rack.FlowLitersPerMinute / 60 * c), rack.OutletCelsius, 9);
        }

        Assert.True(plant.Racks[1].OutletCelsius > plant.Racks[0].OutletCelsius + 5);
    }
}
