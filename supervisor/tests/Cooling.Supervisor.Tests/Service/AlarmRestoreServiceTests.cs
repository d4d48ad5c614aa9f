using System.Text.Json;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// The service stopped and started again on the same SQLite file: the alarms open when it stopped are listed again by
/// the API with their ids, raise times and acknowledgements, and clear as usual.
/// </summary>
public sealed class AlarmRestoreServiceTests : IDisposable
{
    private const string Rack = "cooling/v1/hall1/rack/r01/telemetry";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-service-restart-");

    public void Dispose() => _folder.Delete(recursive: true);

    private Task<RunningService> StartAsync(params string[] settings) =>
        RunningService.StartAsync([$"--Cooling:Store:SqlitePath={Path.Combine(_folder.FullName, "supervisor.db")}", "--Cooling:Alarms:GpuTemperatureCelsius:DwellSeconds=2",
            "--Cooling:Alarms:GpuTemperatureCelsius:ClearDwellSeconds=1", .. settings]);

    // Publishes rack telemetry, waits until the API shows it, then lets one simulated second pass (one alarm pass).
    private static async Task RackSecondAsync(RunningService service, long seq, double hottest)
    {
        await service.PublishAsync(Rack, Messages.Rack(hottest: hottest, seq: seq));
        await RunningService.EventuallyAsync(async () =>
            (await service.Http.GetAsync(new Uri("/api/halls/hall1/racks/r01", UriKind.Relative))) is { IsSuccessStatusCode: true } r
            && JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64() == seq, $"rack seq {seq}");
        service.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private static async Task<List<JsonElement>> AlarmsAsync(RunningService service) => [.. (await service.GetJsonAsync("/api/alarms")).EnumerateArray()];

    private static JsonElement Critical(List<JsonElement> alarms) => alarms.Single(a => a.GetProperty("code").GetString() == "TemperatureAboveUpperCriticalThreshold");

    [Fact]
    public async Task Open_alarms_and_their_acknowledgement_survive_a_restart_of_the_service()
    {
        long criticalId;
        DateTimeOffset raisedAt;
        await using (var first = await StartAsync("--Cooling:Alarms:StartupSuppressionSeconds=0"))
        {
            for (var seq = 1; seq <= 3; seq++) await RackSecondAsync(first, seq, 88.5);
            var critical = Critical(await AlarmsAsync(first));
            criticalId = critical.GetProperty("id").GetInt64();
            raisedAt = critical.GetProperty("raisedAt").GetDateTimeOffset();
            var anna = first.ClientAs("operator-anna", Cooling.Supervisor.Service.Security.Role.Operator);
            Assert.Equal(200, (await RunningService.PostJsonAsync(anna, $"/api/alarms/{criticalId}/acknowledge", new { })).Status);
        }

        await using var second = await StartAsync();
        second.Time.Advance(TimeSpan.FromMinutes(10)); // both start their clocks at the same simulated time: this one runs later
        var restored = await AlarmsAsync(second);
        Assert.Equal(2, restored.Count); // GPU 7's caution and critical
        var again = Critical(restored);
        Assert.Equal(criticalId, again.GetProperty("id").GetInt64());
        Assert.Equal(raisedAt, again.GetProperty("raisedAt").GetDateTimeOffset());
        Assert.Equal("hall1/rack/r01/gpu/7", again.GetProperty("source").GetString());
        Assert.Equal("acknowledged", again.GetProperty("state").GetString());
        Assert.Equal("operator-anna", again.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(409, (await second.PostJsonAsync($"/api/alarms/{criticalId}/acknowledge", new { })).Status);

        for (var seq = 4; seq <= 6; seq++) await RackSecondAsync(second, seq, 60);
        second.Time.Advance(TimeSpan.FromSeconds(1));

        var after = await AlarmsAsync(second);
        var caution = Assert.Single(after); // the critical cleared and was acknowledged: closed
        Assert.Equal("clearedUnacknowledged", caution.GetProperty("state").GetString());
        var history = (await second.GetJsonAsync("/api/alarms/history?source=hall1/rack/r01/gpu/7")).EnumerateArray()
            .Where(e => e.GetProperty("alarmId").GetInt64() == criticalId).Select(e => e.GetProperty("transition").GetString()).ToList();
        Assert.Equal(["Raised", "Acknowledged", "Cleared"], history);
    }
}
