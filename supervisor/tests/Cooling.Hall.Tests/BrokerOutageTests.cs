using Cooling.Hall.Tests.Brokers;
using Cooling.Models;
using Cooling.Twin;

namespace Cooling.Hall.Tests;

/// <summary>COM-2 over a real broker: mosquitto killed mid-run and started again.</summary>
public sealed class BrokerOutageTests
{
    [Fact]
    public async Task COM_2_a_broker_outage_leaves_control_unaffected_and_every_client_reconnects_when_it_returns()
    {
        await using var harness = await HallHarness.StartAsync("mosquitto", new HallOptions { SupplyTemperatureCelsius = 31, RacksPerCdu = 2 },
            Workloads.Constant(0.6));
        var mosquitto = ((MosquittoBrokerUnderTest)harness.Broker).Mosquitto;
        var loop = harness.Hall.Twin.Loops[0];
        var supervisor = harness.Hall.Supervisor;
        await harness.RunAsync(TimeSpan.FromMinutes(10));
        var requestsBefore = supervisor.Coordinator.RequestsSent;

        await mosquitto.StopAsync();
        var worst = 0.0;
        await harness.RunAsync(TimeSpan.FromSeconds(20), _ =>
            worst = Math.Max(worst, Math.Abs(loop.Plant.SupplyCelsius - loop.Cdu.Controller.EffectiveSupplySetpointCelsius)), settle: false);
        Assert.False(loop.Cdu.Connection.IsConnected);
        Assert.Equal(Cdu.Firmware.CduMode.Automatic, loop.Cdu.Controller.Mode); // the 30 s lease outlives a 20 s outage

        await mosquitto.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // The CDU counts a reconnection once its subscriptions are back, a moment after the client reports connected.
        while ((!loop.Cdu.Connection.IsConnected || loop.Cdu.Connection.Reconnects < 1 || !supervisor.IsConnected) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(loop.Cdu.Connection.IsConnected, "the virtual CDU did not reconnect");
        Assert.True(supervisor.IsConnected, "the supervisor did not reconnect");
        Assert.True(loop.Cdu.Connection.Reconnects >= 1);
        await harness.RunAsync(TimeSpan.FromSeconds(30));

        Assert.True(worst <= 0.5, $"supply strayed {worst:F2} K from its setpoint during the outage");
        Assert.True(supervisor.Coordinator.RequestsSent > requestsBefore);
        var cdu = supervisor.Hall.Cdus.Single().Snapshot();
        Assert.Equal(cdu.LastRequest!.Sequence, cdu.LastAcknowledgement!.Sequence);
        Assert.Equal("supervisor", cdu.Telemetry!.SetpointSource);
        Assert.True(cdu.Online);
    }
}
