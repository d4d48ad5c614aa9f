using System.Text;
using Cooling.Hall.Tests.Brokers;
using Cooling.Models;
using Cooling.Testing;
using Cooling.Twin;
using MQTTnet;
using MQTTnet.Protocol;
using Cooling.Mqtt.Connection;

namespace Cooling.Hall.Tests;

/// <summary>
/// The hall on real servers: twin telemetry through a real mosquitto into the supervisor, stored in SQLite and in a
/// real InfluxDB 1.x, on simulated time. Each record type is compared store against store by count and by the sum of
/// its sequence numbers, so a lost, doubled or foreign record in either shows.
/// </summary>
public sealed class StorageEndToEndTests
{
    private static readonly (string Sqlite, string Influx)[] Tables =
    [
        ("rack_telemetry", "rack_telemetry"),
        ("cdu_telemetry", "cdu_telemetry"),
        ("setpoint_requests", "setpoint_request"),
        ("setpoint_acknowledgements", "setpoint_acknowledgement"),
    ];

    private static HallOptions Hall => new() { CduCount = 2, RacksPerCdu = 2, SupplyTemperatureCelsius = 31 };

    [Fact]
    public async Task Telemetry_lands_in_SQLite_and_InfluxDB_and_an_InfluxDB_outage_loses_no_point()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await using var harness = await HallHarness.StartAsync("mosquitto", Hall, Workloads.Constant(0.6), influx);
        var writer = harness.Hall.Influx!.Writer;
        await harness.RunAsync(TimeSpan.FromSeconds(60));
        var before = await CompareStoresAsync(harness, influx);
        Assert.InRange(before["cdu_telemetry"].Count, 2 * 58, 2 * 61); // two CDUs at 1 Hz
        Assert.InRange(before["rack_telemetry"].Count, 4 * 58, 4 * 61);

        await influx.StopAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(90));
        Assert.False(writer.IsAvailable);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (writer.Pending < 90 * 6 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50); // the writer batches in the background
        }

        // Everything of the outage is kept: on disk, except what the sender holds in memory for its next retry.
        Assert.True(writer.Pending >= 90 * 6, $"{writer.Pending} points kept during the outage");
        Assert.True(writer.Buffered.Points >= 90 * 6 / 2, $"{writer.Buffered.Points} points buffered on disk during the outage");

        await influx.RestartAsync();
        await harness.RunAsync(TimeSpan.FromSeconds(40)); // the next retry comes within the 30 s backoff cap

        var after = await CompareStoresAsync(harness, influx);
        Assert.InRange(after["cdu_telemetry"].Count - before["cdu_telemetry"].Count, 2 * 128, 2 * 131);
        Assert.Equal(0, writer.Dropped.Total);
        Assert.True(writer.Retries >= 2);
        Assert.True(writer.IsAvailable);
        Assert.Equal(0, writer.Buffered.Points);
        Assert.Equal(0, harness.Hall.Store.Dropped);
    }

    [Fact]
    public async Task A_mosquitto_restart_mid_run_is_survived_by_the_supervisor_the_virtual_CDUs_and_both_stores()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await using var harness = await HallHarness.StartAsync("mosquitto", Hall, Workloads.Constant(0.6), influx);
        var mosquitto = ((MosquittoBrokerUnderTest)harness.Broker).Mosquitto;
        var supervisor = harness.Hall.Supervisor;
        await harness.RunAsync(TimeSpan.FromSeconds(30));
        var before = await CompareStoresAsync(harness, influx);

        await mosquitto.RestartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        bool Reconnected(MqttConnection c) => c.IsConnected && c.Reconnects >= 1;
        while ((!supervisor.IsConnected || supervisor.Reconnects < 1 || !harness.Hall.Twin.Loops.All(l => Reconnected(l.Cdu.Connection)))
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(supervisor.IsConnected && supervisor.Reconnects >= 1, "the supervisor did not reconnect");
        Assert.All(harness.Hall.Twin.Loops, l => Assert.True(Reconnected(l.Cdu.Connection), $"{l.CduId} did not reconnect"));
        await harness.RunAsync(TimeSpan.FromSeconds(30)); // settles each second: telemetry and acknowledgements flow again

        var after = await CompareStoresAsync(harness, influx);
        Assert.InRange(after["cdu_telemetry"].Count - before["cdu_telemetry"].Count, 2 * 28, 2 * 31);
        Assert.InRange(after["rack_telemetry"].Count - before["rack_telemetry"].Count, 4 * 28, 4 * 31);
        Assert.True(after["setpoint_acknowledgements"].Count > before["setpoint_acknowledgements"].Count);
        Assert.All(supervisor.Hall.Cdus, c => Assert.Equal("supervisor", c.Telemetry!.SetpointSource));
    }

    [Fact]
    public async Task Malformed_telemetry_is_rejected_counted_and_stored_nowhere_while_the_rest_flows_into_both_stores()
    {
        await using var influx = await InfluxDbServer.StartAsync();
        await using var harness = await HallHarness.StartAsync("mosquitto", Hall, Workloads.Constant(0.5), influx);
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        using var intruder = new MqttClientFactory().CreateMqttClient();
        await intruder.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", harness.Broker.Port).WithClientId("intruder").Build());
        var site = harness.Hall.Twin.SiteId;
        string[] bad =
        [
            """{"v":1,"seq":5,"gpus":[{"index":0,"temperatureCelsius":"very hot"}]}""",
            """{"v":1,"seq":6,"inletTemperatureCelsius":1e999}""",
            "not json at all",
        ];
        foreach (var payload in bad)
        {
            await intruder.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(SimulatedHall.RackTelemetryTopic(site, "r99"))
                .WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }

        await intruder.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"cooling/v1/{site}/cdu/cdu9/telemetry")
            .WithPayload(Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":")).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await harness.RunAsync(TimeSpan.FromSeconds(20));
        var stored = await CompareStoresAsync(harness, influx);

        var supervisor = harness.Hall.Supervisor;
        Assert.Equal(4, supervisor.Rejections.Total);
        Assert.Equal(3, supervisor.Rejections.Count(Supervisor.Contract.TopicKind.RackTelemetry));
        Assert.All(supervisor.Rejections.Recent, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.InRange(stored["rack_telemetry"].Count, 4 * 38, 4 * 41);
        Assert.Equal(0L, harness.Hall.Store.QueryScalar("SELECT COUNT(*) FROM rack_telemetry WHERE rack = 'r99'"));
        Assert.Equal(0L, harness.Hall.Store.QueryScalar("SELECT COUNT(*) FROM cdu_telemetry WHERE cdu = 'cdu9'"));
        Assert.Empty(await influx.QueryAsync("hall", "SELECT COUNT(seq) FROM rack_telemetry WHERE rack = 'r99'"));
        Assert.Empty(await influx.QueryAsync("hall", "SELECT COUNT(seq) FROM cdu_telemetry WHERE cdu = 'cdu9'"));
        Assert.Equal(0, harness.Hall.Influx!.Writer.Dropped.Total);
    }

    // Count and sum of sequence numbers per record type, asserted equal in SQLite and InfluxDB; returned by SQLite table name.
    // A message still on its way when the stores are read shows in one store before the other: the comparison is
    // repeated (after draining again) until both agree or 20 s have passed.
    private static async Task<Dictionary<string, (long Count, long SequenceSum)>> CompareStoresAsync(HallHarness harness, InfluxDbServer influx)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await harness.DrainStoresAsync(TimeSpan.FromSeconds(20));
            var result = new Dictionary<string, (long Count, long SequenceSum)>();
            var differences = new List<string>();
            foreach (var (sqlite, measurement) in Tables)
            {
                var count = (long)harness.Hall.Store.QueryScalar($"SELECT COUNT(*) FROM {sqlite}")!;
                var sum = (long)(harness.Hall.Store.QueryScalar($"SELECT COALESCE(SUM(seq), 0) FROM {sqlite}") ?? 0L);
                var series = await influx.QueryAsync("hall", $"SELECT COUNT(seq), SUM(seq) FROM {measurement}");
                var influxCount = series.Count == 0 ? 0 : series[0].Column("count")[0].GetInt64();
                var influxSum = series.Count == 0 ? 0 : series[0].Column("sum")[0].GetInt64();
                if (count != influxCount || sum != influxSum)
                {
                    differences.Add($"{sqlite}: SQLite has {count} rows (seq sum {sum}), InfluxDB {measurement} has {influxCount} points (seq sum {influxSum})");
                }

                result[sqlite] = (count, sum);
            }

            if (differences.Count == 0) return result;
            Assert.True(DateTime.UtcNow < deadline, string.Join("; ", differences));
            await Task.Delay(200);
        }
    }
}
