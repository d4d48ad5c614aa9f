using Cooling.Models.Components;
using Cooling.Models.Plant;

namespace Cooling.Models.Tests;

public sealed class TransportDelayTests
{
    [Theory]
    [InlineData(120, 800, 0.1)]
    [InlineData(120, 800, 1.0)]
    [InlineData(300, 450, 0.1)]
    public void A_step_at_the_inlet_reaches_the_outlet_after_volume_over_flow_within_one_step(double volumeLiters, double flowLitersPerMinute, double step)
    {
        var pipe = new PlugFlowPipe(volumeLiters, 30);
        var delaySeconds = volumeLiters / (flowLitersPerMinute / 60);
        var perStep = flowLitersPerMinute / 60 * step;
        double? arrival = null;
        for (var i = 0; i < (int)(3 * delaySeconds / step); i++)
        {
            var outlet = pipe.Step(40, perStep); // the inlet steps from 30 to 40 °C at t = 0
            if (arrival is null && outlet > 35) arrival = (i + 1) * step;
        }

        Assert.NotNull(arrival);
        Assert.InRange(arrival.Value, delaySeconds - step, delaySeconds + step);
        Assert.Equal(40, pipe.OutletCelsius, 9);
    }

    [Fact]
    public void At_a_very_slow_flow_the_delay_holds_within_the_pipes_resolution()
    {
        var pipe = new PlugFlowPipe(50, 30); // 1024 parcels: inflows below 50 L / 512 join the newest parcel
        const double step = 0.1, flow = 12;  // 0.02 L per step
        var delaySeconds = 50 / (flow / 60);
        var resolutionSeconds = 2 * 50.0 / 512 / (flow / 60);
        double? arrival = null;
        for (var i = 0; i < (int)(1.5 * delaySeconds / step) && arrival is null; i++)
        {
            if (pipe.Step(40, flow / 60 * step) > 35) arrival = (i + 1) * step;
        }

        Assert.NotNull(arrival);
        Assert.InRange(arrival.Value, delaySeconds - resolutionSeconds - step, delaySeconds + resolutionSeconds + step);
    }

    [Fact]
    public void The_pipe_keeps_exactly_the_heat_that_entered_minus_what_left()
    {
        var pipe = new PlugFlowPipe(100, 30, capacity: 16); // few parcels: merging at work
        var random = new Random(5);
        var net = 0.0;
        var before = pipe.VolumeTemperatureSumLiterKelvin;
        for (var i = 0; i < 5000; i++)
        {
            var inlet = 20 + 20 * random.NextDouble();
            var liters = 3 * random.NextDouble();
            var outlet = pipe.Step(inlet, liters);
            net += liters * (inlet - outlet);
        }

        Assert.Equal(before + net, pipe.VolumeTemperatureSumLiterKelvin, 6);
    }

    [Fact]
    public void In_the_loop_the_racks_see_the_supply_one_pipe_delay_later()
    {
        var description = new LoopDescription { SupplyPipeVolumeLiters = 200 };
        var plant = new SecondaryLoopPlant(description);
        for (var i = 0; i < 3000; i++) plant.Step(40, 90, true, 0.1);
        var supply = new List<double>();
        var rackInlet = new List<double>();
        var flows = new List<double>();
        for (var i = 0; i < 1200; i++)
        {
            plant.Step(i < 10 ? 40 : 100, 90, true, 0.1); // opening the valve cools the supply
            supply.Add(plant.SupplyCelsius);
            rackInlet.Add(plant.RackInletCelsius);
            flows.Add(plant.FlowLitersPerMinute);
        }

        var flow = flows.Skip(400).Average();
        Assert.InRange(flows.Max() / flows.Min(), 1, 1.02); // the same speed: only the viscosity moved the flow
        var expectedSteps = 200 / (flow / 60) / 0.1;
        var best = Enumerable.Range(0, 400).MinBy(lag =>
            Enumerable.Range(400, 700).Sum(k => Math.Abs(rackInlet[k] - supply[k - lag])));
        Assert.InRange(best, expectedSteps - 1, expectedSteps + 1);
        Assert.True(supply[^1] < supply[0] - 1, "the supply did cool");
    }
}
