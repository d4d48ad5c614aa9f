using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.Service;
using Cooling.Testing;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Tests;

public sealed class DcgmBridgeCommandTests
{
    [Fact]
    public async Task The_command_bridges_a_file_to_the_broker_for_the_given_seconds_and_reports_its_counts()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"dcgm-{Guid.NewGuid():N}.prom");
        await File.WriteAllTextAsync(file, DcgmExpositions.Both);
        try
        {
            await using var supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), new BlockingStore(null), TimeProvider.System);
            await supervisor.StartAsync(new BrokerConnectionOptions { Url = mosquitto.Url }, TimeSpan.FromSeconds(10));
            var output = new StringWriter();

            var exit = await DcgmBridgeCommand.RunAsync(
                ["--source", file, "--broker", mosquitto.Url, "--site", "hall1", "--hosts", "node-a=r01, node-b=r01:4", "--period", "0.2", "--seconds", "1.5"], output);

            Assert.Equal(0, exit);
            await IngestionPipelineTests.WaitForAsync(() => supervisor.Hall.Racks.Count == 1);
            Assert.Equal(4, supervisor.Hall.Racks.Single().Telemetry.GpuCount);
            var gpus = supervisor.Hall.Racks.Single().Gpus.Snapshot(); // each GPU kept under its rack index: node-b's GPU 0 is the rack's GPU 4
            Assert.Equal([(0, 41.0), (1, 67.0), (2, 58.0), (4, 62.0)], gpus.Select(g => (g.Reading.Index, g.Reading.TemperatureCelsius)));
            Assert.True(double.IsNaN(gpus[2].Reading.MemoryTemperatureCelsius)); // DCGM's "not supported": left out, unknown
            Assert.Equal([false, true], gpus.Take(2).Select(g => g.Reading.Throttled!.Value));
            var summary = System.Text.RegularExpressions.Regex.Match(output.ToString(),
                @"scrapes (\d+) \(failed 0\), messages (\d+), GPUs (\d+); dropped values: not supported (\d+), out of range 0; GPUs left out: incomplete (\d+), unmapped (\d+), duplicate 0");
            Assert.True(summary.Success, output.ToString());
            var scrapes = int.Parse(summary.Groups[1].Value);
            Assert.InRange(scrapes, 1, 20); // every 0.2 s for 1.5 s of wall time: at least the first, at once; fewer on a held-up machine
            Assert.Equal([scrapes, 4 * scrapes, 2 * scrapes, 2 * scrapes, scrapes], Enumerable.Range(2, 5).Select(g => int.Parse(summary.Groups[g].Value)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(new[] { "--broker", "mqtt://127.0.0.1:1", "--site", "hall1", "--hosts", "n=r1" }, "--source is required")]
    [InlineData(new[] { "--source", "x.prom", "--site", "hall1", "--hosts", "n" }, "is not a host mapping")]
    [InlineData(new[] { "--source", "x.prom", "--site", "hall1", "--hosts", "n=r1", "--broker", "http://b" }, "Broker URL")]
    [InlineData(new[] { "--source", "x.prom", "--site", "hall1", "--hosts", "n=r1", "--period", "fast" }, "--period must be a number")]
    public async Task Bad_arguments_exit_2_and_say_what_is_wrong(string[] args, string message)
    {
        var output = new StringWriter();

        Assert.Equal(2, await DcgmBridgeCommand.RunAsync(args, output));
        Assert.Contains(message, output.ToString(), StringComparison.Ordinal);
    }
}
