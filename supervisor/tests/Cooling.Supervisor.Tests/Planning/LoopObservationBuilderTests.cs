using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning;

public sealed class LoopObservationBuilderTests : IAsyncLifetime
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
    public void A_loop_is_its_CDUs_telemetry_and_the_fresh_telemetry_of_its_own_racks()
    {
        var hall = _supervisor.Hall;
        var cdu = hall.Cdu("hall1", "cdu1");
        Assert.Null(LoopObservationBuilder.Build(cdu, hall.Racks, new RackLoopMap(), _time.GetUtcNow(), TimeSpan.FromSeconds(10)));

        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/cdu1-r01/telemetry", Messages.Rack(hottest: 70));
        _time.Advance(TimeSpan.FromSeconds(11));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry());
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/cdu1-r02/telemetry", Messages.Rack(hottest: 65));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/rack/cdu2-r01/telemetry", Messages.Rack());
        _supervisor.Ingestor.Ingest("cooling/v1/hall2/rack/cdu1-r03/telemetry", Messages.Rack());

        var observation = LoopObservationBuilder.Build(cdu, hall.Racks, new RackLoopMap(), _time.GetUtcNow(), TimeSpan.FromSeconds(10))!;

        var rack = Assert.Single(observation.Racks); // r01 is stale, cdu2-r01 on another loop, hall2 another site
        Assert.Equal("cdu1-r02", rack.RackId);
        Assert.Equal(65, rack.HottestGpuTemperatureCelsius);
        Assert.Equal(126_000, observation.RackPowerWatts);
        Assert.Equal(30.02, observation.Cdu.SupplyTemperatureCelsius);
        Assert.Equal(720, observation.Cdu.FlowLitersPerMinute);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000000), rack.SampledAt);
    }
}
