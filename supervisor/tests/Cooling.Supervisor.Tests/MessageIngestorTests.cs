using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests;

public sealed class MessageIngestorTests : IAsyncLifetime
{
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private SupervisorService _supervisor = null!;

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(new SupervisorOptions(), new FixedSetpointPlanner(30), _store.Store, _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    [Fact]
    public async Task Valid_rack_and_CDU_telemetry_update_the_hall_and_land_in_the_store()
    {
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/r01/telemetry", Messages.Rack(hottest: 66.5));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry());

        var rack = Assert.Single(_supervisor.Hall.Racks);
        Assert.Equal(66.5, rack.Telemetry.HottestGpuTemperatureCelsius);
        var cdu = Assert.Single(_supervisor.Hall.Cdus);
        Assert.Equal(30.02, cdu.Telemetry!.SupplyTemperatureCelsius);
        Assert.Equal(2, _supervisor.Ingestor.Accepted);
        await _supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await _store.CountAsync("rack_telemetry"));
        Assert.Equal(1, await _store.CountAsync("cdu_telemetry"));
        Assert.Equal(66.5, (double)_store.Store.QueryScalar("SELECT hottest_gpu_c FROM rack_telemetry")!);
    }

    [Fact]
    public async Task A_malformed_message_is_rejected_with_its_reason_counted_and_changes_nothing()
    {
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/r01/telemetry", Messages.Rack(hottest: 60));

        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/r01/telemetry", Messages.Text("""{"v":1,"seq":2,"gpus":[{"index":0,"temperatureCelsius":"x"}]}"""));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.Text("{not json"));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/fan/f1/telemetry", Messages.Text("{}"));

        Assert.Equal(3, _supervisor.Rejections.Total);
        Assert.Equal(1, _supervisor.Rejections.Count(TopicKind.RackTelemetry));
        Assert.Equal(1, _supervisor.Rejections.Count(TopicKind.CduTelemetry));
        Assert.Equal(1, _supervisor.Rejections.Count(TopicKind.Unknown));
        var reasons = _supervisor.Rejections.Recent.Select(r => r.Reason).ToList();
        Assert.Contains(reasons, r => r.StartsWith("gpus[0].temperatureCelsius", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("malformed JSON", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.StartsWith("unknown topic", StringComparison.Ordinal));
        Assert.Equal(60, Assert.Single(_supervisor.Hall.Racks).Telemetry.HottestGpuTemperatureCelsius);
        Assert.Empty(_supervisor.Hall.Cdus);
        await _supervisor.FlushAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, await _store.CountAsync("rack_telemetry"));
    }
}
