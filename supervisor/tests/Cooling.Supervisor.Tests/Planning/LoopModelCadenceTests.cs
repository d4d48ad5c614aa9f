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
