using System.Text;
using Cooling.Supervisor.Dcgm;
using Cooling.Supervisor.Ingestion;
using Cooling.Supervisor.Planning;
using Cooling.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;
using Cooling.Mqtt.Connection;

namespace Cooling.Supervisor.Tests;

/// <summary>Ingestion over a real mosquitto: a stuck store, TLS with a CA file, and the dcgm-exporter bridge.</summary>
public sealed class BrokerIngestionTests
{
    private static SupervisorService Supervisor(Storage.ITelemetryStore store, int storeQueue = 100_000) =>
        new(new SupervisorOptions { Ingestion = new IngestionOptions { StoreQueueCapacity = storeQueue } }, new FixedSetpointPlanner(30), store, TimeProvider.System);

    private static MqttConnection Publisher(BrokerConnectionOptions broker) => new(broker, new MqttSessionOptions { ClientId = "test-publisher" }, NullLogger.Instance);

    [Fact]
    public async Task A_store_that_blocks_stops_neither_the_hall_state_nor_the_keep_alive_nor_planning()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        using var gate = new ManualResetEventSlim(false);
        await using var supervisor = Supervisor(new BlockingStore(gate), storeQueue: 5);
        var broker = new BrokerConnectionOptions { Url = mosquitto.Url, KeepAliveSeconds = 1, TimeoutSeconds = 1 };
        await supervisor.StartAsync(broker, TimeSpan.FromSeconds(10));
        await using var publisher = Publisher(new BrokerConnectionOptions { Url = mosquitto.Url });
        await publisher.StartAsync(TimeSpan.FromSeconds(10));

        try
        {
            // 4 s of traffic: four keep-alive periods, each ping answered within 1 s or the client drops the connection.
            var connectedThroughout = true;
            for (var seq = 1; seq <= 40; seq++)
            {
                await publisher.PublishAsync("cooling/v1/hall1/rack/r01/telemetry", Messages.Rack(gpus: 72, seq: seq), MqttQualityOfServiceLevel.AtMostOnce);
                await publisher.PublishAsync("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry(seq: seq), MqttQualityOfServiceLevel.AtMostOnce);
                await publisher.PublishAsync("cooling/v1/hall1/cdu/cdu1/setpoint/ack", Messages.Ack(seq), MqttQualityOfServiceLevel.AtLeastOnce);
                await Task.Delay(100);
                connectedThroughout &= supervisor.IsConnected;
            }

            await IngestionPipelineTests.WaitForAsync(() => supervisor.Hall.Racks.FirstOrDefault()?.Telemetry.Sequence == 40);
            await IngestionPipelineTests.WaitForAsync(() => supervisor.Hall.Cdus.FirstOrDefault()?.Telemetry?.Sequence == 40);
            Assert.True(connectedThroughout, "the supervisor lost its broker connection while the store was stuck");
            Assert.Equal(0, supervisor.Reconnects);
            Assert.Equal(40, supervisor.Hall.Cdus.Single().Snapshot().LastAcknowledgement!.Sequence);
            Assert.Equal(40 * 72, supervisor.Counters.GpuSamplesAccepted);
            Assert.True(supervisor.Counters.StoreRecordsDropped >= 100, $"only {supervisor.Counters.StoreRecordsDropped} store records dropped");
            // Planning goes on (rounds every 0.2 s on new telemetry), though the store has not taken the first request.
            Assert.True(supervisor.Coordinator.RequestsSent >= 1, "no setpoint request sent");
            Assert.True(supervisor.Coordinator.LoopsPlanned >= 10, $"only {supervisor.Coordinator.LoopsPlanned} loops planned in 4 s");
        }
        finally
        {
            gate.Set(); // the store's writes go on, so that everything stops cleanly even when an assertion failed
        }
    }

    [Fact]
    public async Task Connects_over_TLS_with_the_broker_CA_and_refuses_an_unknown_CA()
    {
        await using var mosquitto = await TlsMosquitto.StartAsync(tls: true);
        var url = $"mqtts://127.0.0.1:{mosquitto.TlsPort}";

        await using (var untrusted = Publisher(new BrokerConnectionOptions { Url = url, CaCertificatePath = mosquitto.OtherCaPath }))
        {
            await Assert.ThrowsAsync<TimeoutException>(() => untrusted.StartAsync(TimeSpan.FromSeconds(2)));
        }

        await using var allowed = Publisher(new BrokerConnectionOptions { Url = url, AllowUntrustedCertificates = true });
        await allowed.StartAsync(TimeSpan.FromSeconds(10));
        Assert.True(allowed.IsConnected);

        await using var supervisor = Supervisor(new BlockingStore(null));
        await supervisor.StartAsync(new BrokerConnectionOptions { Url = url, CaCertificatePath = mosquitto.CaPath }, TimeSpan.FromSeconds(10));
        await allowed.PublishAsync("cooling/v1/hall1/rack/r07/telemetry", Messages.Rack(gpus: 4, hottest: 77, hottestIndex: 2), MqttQualityOfServiceLevel.AtMostOnce);
        await IngestionPipelineTests.WaitForAsync(() => supervisor.Hall.Racks.Count == 1);
        Assert.Equal(77, supervisor.Hall.Racks.Single().Telemetry.HottestGpuTemperatureCelsius);
    }

    [Fact]
    public async Task The_dcgm_bridge_publishes_rack_telemetry_that_reaches_the_supervisor()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"dcgm-{Guid.NewGuid():N}.prom");
        await File.WriteAllTextAsync(file, DcgmExpositions.Both);
        try
        {
            await using var supervisor = Supervisor(new BlockingStore(null));
            await supervisor.StartAsync(new BrokerConnectionOptions { Url = mosquitto.Url }, TimeSpan.FromSeconds(10));
            var runner = new DcgmBridgeRunner(
                new DcgmBridgeOptions { Source = file, SiteId = "hall1", Hosts = [DcgmHostMapping.Parse("node-a=r01"), DcgmHostMapping.Parse("node-b=r02")], PeriodSeconds = 0.2 },
                new BrokerConnectionOptions { Url = mosquitto.Url }, TimeProvider.System, NullLoggerFactory.Instance);
            using var stop = new CancellationTokenSource();
            var running = runner.RunAsync(stop.Token);

            await IngestionPipelineTests.WaitForAsync(() => supervisor.Hall.Racks.Count == 2 || running.IsCompleted);
            Assert.False(running.IsCompleted, running.Exception?.ToString());
            await stop.CancelAsync();
            await running;

            var r01 = supervisor.Hall.Racks.Single(r => r.RackId == "r01").Telemetry;
            var r02 = supervisor.Hall.Racks.Single(r => r.RackId == "r02").Telemetry;
            Assert.Equal((3, 67.0, 1), (r01.GpuCount, r01.HottestGpuTemperatureCelsius, r01.ThrottledGpuCount));
            Assert.Equal((1, 62.0, 0), (r02.GpuCount, r02.HottestGpuTemperatureCelsius, r02.ThrottledGpuCount));
            Assert.Equal(0, supervisor.Rejections.Total);
            Assert.True(runner.Counters!.MessagesPublished >= 2);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
