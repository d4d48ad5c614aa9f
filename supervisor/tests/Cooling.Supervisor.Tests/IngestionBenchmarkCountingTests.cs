using Cooling.Supervisor.Benchmarks;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests;

/// <summary>The ingestion benchmark counts right: a short run to each consumer counts exactly the messages sent (no timing asserted).</summary>
public sealed class IngestionBenchmarkCountingTests
{
    [Fact]
    public async Task A_short_run_counts_exactly_the_messages_sent_to_the_bare_subscriber_and_to_the_supervisor()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync();
        var benchmark = new IngestionBenchmark("127.0.0.1", mosquitto.Port, new BenchmarkSettings { Racks = 30, Connections = 3, Window = 100 });

        var counts = await benchmark.CountAsync(1234);

        Assert.Equal(new CountCheck(Sent: 2 * 1234, BareReceived: 1234, SupervisorRackMessages: 1234, SupervisorGpuSamples: 1234 * 72), counts);
    }

    [Fact]
    public void The_rack_messages_are_72_GPU_contract_messages_the_supervisor_accepts()
    {
        var telemetry = Contract.RackTelemetryReader.Read(RackPayloads.Build(17, 5));

        Assert.True(telemetry.IsSuccess, telemetry.Error);
        Assert.Equal(72, telemetry.Value!.GpuCount);
        Assert.True(Contract.RackTelemetryReader.FastPathAccepts(RackPayloads.Build(17, 5)));
    }

    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var values = Enumerable.Range(1, 200).Select(i => (double)i).Reverse().ToList();

        Assert.Equal(198, DecisionLatencyProbe.Percentile(values, 99));
        Assert.Equal(100, DecisionLatencyProbe.Percentile(values, 50));
        Assert.Equal(200, DecisionLatencyProbe.Percentile(values, 100));
        Assert.True(double.IsNaN(DecisionLatencyProbe.Percentile([], 99)));
    }
}
