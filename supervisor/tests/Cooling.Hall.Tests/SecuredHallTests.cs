using Cdu.Firmware;
using Cooling.Models;
using Cooling.Testing;

namespace Cooling.Hall.Tests;

/// <summary>
/// The one-command hall on its embedded broker, which lets in only the hall's identities: the supervisor, each CDU and
/// the rack agent sign in with their own and the loop runs; a person with the technician's credentials reaches a CDU;
/// a rack agent's command and an anonymous client are refused.
/// </summary>
public sealed class SecuredHallTests
{
    private const string Shutdown = """{"v":1,"seq":1,"command":"shutdown"}""";

    [Fact]
    public async Task The_hall_runs_on_its_identities_and_a_rack_agent_cannot_command_a_cdu()
    {
        await using var harness = await HallHarness.StartAsync("embedded", new HallOptions { CduCount = 2, RacksPerCdu = 2, SupplyTemperatureCelsius = 31 },
            Workloads.Constant(0.6));
        var hall = harness.Hall;
        var credentials = hall.Credentials!;
        await harness.RunAsync(TimeSpan.FromSeconds(30));

        // Planning, leases and acknowledgements run with every client on its own identity.
        Assert.Equal(2, hall.Supervisor.Hall.Cdus.Count);
        Assert.True(hall.Supervisor.Coordinator.AcknowledgementsReceived >= 2);
        Assert.Equal(hall.Supervisor.Coordinator.RequestsSent, hall.Supervisor.Coordinator.AcknowledgementsReceived);
        Assert.All(hall.Supervisor.Hall.Cdus, c => Assert.Equal("accepted", c.Snapshot().LastAcknowledgement!.Status));
        Assert.Equal(4, hall.Supervisor.Hall.Racks.Count);
        Assert.Equal(0, hall.Broker!.Access.RefusedConnections);

        var cdu = hall.Twin.Loops[0];
        var topic = $"cooling/v1/{hall.Twin.SiteId}/cdu/{cdu.CduId}/command";
        string[] broker = ["-h", "127.0.0.1", "-p", hall.BrokerAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-q", "1"];

        // Anonymous: refused at the door.
        var anonymous = await MosquittoClients.PublishAsync([.. broker, "-t", topic, "-m", Shutdown]);
        Assert.NotEqual(0, anonymous.ExitCode);

        // The rack agent's identity may publish only its racks' telemetry: its shutdown never reaches the CDU.
        await MosquittoClients.PublishAsync([.. broker, "-u", HallCredentials.RackAgentName, "-P", credentials.Password(HallCredentials.RackAgentName),
            "-t", topic, "-m", Shutdown]);
        await MosquittoClients.PublishAsync([.. broker, "-u", HallCredentials.RackAgentName, "-P", credentials.Password(HallCredentials.RackAgentName),
            "-t", $"cooling/v1/{hall.Twin.SiteId}/cdu/{cdu.CduId}/config/set", "-m", """{"v":1,"seq":1,"settings":{}}"""]);
        await harness.RunAsync(TimeSpan.FromSeconds(3));
        Assert.NotEqual(CduMode.Shutdown, cdu.Cdu.Controller.Mode);
        Assert.True(hall.Broker.Access.RefusedPublishes >= 2);
        Assert.True(hall.Broker.Access.RefusedConnections >= 1);

        // The same message from the technician's tool is applied: the refusal above was the identity's, not the message's.
        var technician = await MosquittoClients.PublishAsync([.. broker, "-u", HallCredentials.TechnicianName, "-P", credentials.Password(HallCredentials.TechnicianName),
            "-t", topic, "-m", Shutdown]);
        Assert.Equal(0, technician.ExitCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (cdu.Cdu.Controller.Mode != CduMode.Shutdown && DateTime.UtcNow < deadline)
        {
            // Not settled: a CDU in shutdown no longer acknowledges the supervisor's requests.
            await harness.RunAsync(TimeSpan.FromSeconds(1), settle: false);
            await Task.Delay(20);
        }

        Assert.Equal(CduMode.Shutdown, cdu.Cdu.Controller.Mode);
        Assert.NotEqual(CduMode.Shutdown, hall.Twin.Loops[1].Cdu.Controller.Mode);
    }

    [Fact]
    public async Task The_hall_writes_each_identity_a_password_only_its_owner_can_read()
    {
        await using var harness = await HallHarness.StartAsync("embedded", new HallOptions { CduCount = 1, RacksPerCdu = 1 }, Workloads.Constant(0.5));
        var credentials = harness.Hall.Credentials!;
        var names = credentials.Policy.Identities.Select(i => i.Name).ToArray();
        Assert.Equal(["cdu1", "operator", "rack-agent", "supervisor", "technician"], names);
        foreach (var name in names)
        {
            var path = HallCredentials.PasswordPath(credentials.Folder, name);
            Assert.Equal(credentials.Password(name), File.ReadAllText(path).Trim());
            Assert.True(credentials.Password(name).Length >= 24);
            if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(names.Length, names.Select(credentials.Password).Distinct().Count());
    }
}
