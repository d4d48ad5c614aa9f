using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>How often a loop is planned does not change what its model learns: each CDU message and rack sample counts once.</summary>
public sealed class LoopModelCadenceTests
{
    [Fact]
    public void Planning_twice_on_the_same_telemetry_learns_from_it_once()
    {
        var model = new LoopModel(new ModelBasedPlannerOptions());
        var first = Observations.Loop(0, Observations.Cdu(), 70);
        model.Observe(first);
        model.Observe(first with { Time = first.Time.AddSeconds(0.2) }); // a second planning round, nothing new
        Assert.Equal(1, model.HydraulicSamples);
        Assert.Equal(first.Racks[0].SampledAt, model.Racks["cdu1-r01"].LastSampledAt);

        model.Observe(first with { Cdu = first.Cdu with { ReceivedAt = first.Cdu.ReceivedAt.AddSeconds(1), DeltaPressureKpa = 150 } });
        Assert.Equal(2, model.HydraulicSamples);
        Assert.True(model.SystemCoefficient > 120.0 / (700 * 700));
    }
}

/// <summary>Racks that publish faster than the model's sample period are learned from once per period.</summary>
public sealed class RackSampleRateTests
{
    [Theory]
    [InlineData(0.1)] // 10 Hz agents
    [InlineData(0.2)] // every planning round sees a newer sample
    [InlineData(0.5)]
    [InlineData(1.0)] // the model's period
    public void A_rack_publishing_faster_than_the_model_s_period_is_sampled_once_per_period(double rackPeriodSeconds)
    {
        var model = new LoopModel(new ModelBasedPlannerOptions());
        for (var t = 0.0; t <= 60.0 + 1e-9; t += 0.2) // planning rounds every 0.2 s, each on the rack's latest sample
        {
            var sampled = Math.Floor(t / rackPeriodSeconds + 1e-9) * rackPeriodSeconds;
            var hottest = 70 + 5 * Math.Sin(sampled / 7);
            var observation = Observations.Loop(t, Observations.Cdu() with { ReceivedAt = Observations.Start.AddSeconds(t) }, hottest);
            model.Observe(observation with { Racks = [observation.Racks[0] with { SampledAt = Observations.Start.AddSeconds(sampled) }] });
        }

        var rack = model.Racks["cdu1-r01"];
        Assert.InRange(rack.Identifier.Confidence.Samples, 55, 61); // about one paired sample a second
    }
}
