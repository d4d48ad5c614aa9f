using Cooling.Models;
using Cooling.Twin;

namespace Cooling.Hall.Tests;

/// <summary>
/// The thin loop end to end over a real broker: rack agents and a virtual CDU running the firmware core on the
/// twin's plant publish telemetry; the supervisor sends a leased setpoint request; the firmware clamps, applies
/// and acknowledges it; the supply temperature settles to it.
/// </summary>
public sealed class ThinLoopTests
{
    [Theory]
    [InlineData("embedded")]
    [InlineData("mosquitto")]
    public async Task A_setpoint_request_is_acknowledged_and_the_supply_temperature_settles_to_it(string broker)
    {
        await using var harness = await HallHarness.StartAsync(broker, new HallOptions { SupplyTemperatureCelsius = 31, RacksPerCdu = 4 },
            Workloads.Constant(0.6));
        var supervisor = harness.Hall.Supervisor;
        var controller = harness.Hall.Twin.Loops[0].Cdu.Controller;
        var worstDeviationInLastTwoMinutes = 0.0;

        await harness.RunAsync(TimeSpan.FromMinutes(12), plantTime =>
        {
            var telemetry = supervisor.Hall.Cdus.Single().Telemetry!;
            if (plantTime > TimeSpan.FromMinutes(10))
            {
                worstDeviationInLastTwoMinutes = Math.Max(worstDeviationInLastTwoMinutes, Math.Abs(telemetry.SupplyTemperatureCelsius!.Value - 31));
            }
        });

        var cdu = supervisor.Hall.Cdus.Single().Snapshot();
        Assert.True(cdu.Online);
        Assert.NotNull(cdu.LastAcknowledgement);
        Assert.Equal("accepted", cdu.LastAcknowledgement!.Status);
        Assert.Equal(31, cdu.LastAcknowledgement.AppliedSupplyTemperatureCelsius);
        Assert.Equal(cdu.LastRequest!.Sequence, cdu.LastAcknowledgement.Sequence);
        Assert.InRange(cdu.RequestsSent, 12 * 60 / 10 - 1, 12 * 60 / 10 + 2); // renewed every 10 s
        Assert.Equal(cdu.RequestsSent, cdu.AcknowledgementsReceived);
        Assert.Equal("supervisor", cdu.Telemetry!.SetpointSource);
        Assert.Equal(31, controller.TargetSupplySetpointCelsius);
        Assert.True(worstDeviationInLastTwoMinutes <= 0.5, $"supply temperature strayed {worstDeviationInLastTwoMinutes:F2} K from 31 °C in the last two minutes");
        Assert.Equal(0, supervisor.Rejections.Total);
        Assert.Equal(0, controller.RejectedMessages);
        Assert.Equal(4, supervisor.Hall.Racks.Count);
        Assert.All(supervisor.Hall.Racks, r => Assert.Equal(72, r.Telemetry.GpuCount));

        await supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        await harness.Hall.Store.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.True((long)harness.Hall.Store.QueryScalar("SELECT COUNT(*) FROM setpoint_acknowledgements")! >= cdu.AcknowledgementsReceived);
        Assert.True((long)harness.Hall.Store.QueryScalar("SELECT COUNT(*) FROM rack_telemetry")! >= 4 * 700);
    }
}
