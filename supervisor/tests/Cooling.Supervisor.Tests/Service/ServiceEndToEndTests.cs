using System.Buffers;
using System.Text;
using System.Text.Json;
using MQTTnet;

namespace Cooling.Supervisor.Tests.Service;

/// <summary>
/// The service over real HTTP with real MQTT traffic through its embedded broker: telemetry in, read back through
/// the API, an alarm raised and acknowledged, setpoints requested and acknowledged, history from the store,
/// /metrics and /health moving with it.
/// </summary>
public sealed class ServiceEndToEndTests : IAsyncLifetime
{
    private const string Rack = "cooling/v1/hall1/rack/r01/telemetry";
    private const string Cdu = "cooling/v1/hall1/cdu/cdu1";
    private RunningService _service = null!;

    public async Task InitializeAsync() => _service = await RunningService.StartAsync(
        "--Cooling:Alarms:StartupSuppressionSeconds=0",
        "--Cooling:Alarms:GpuTemperatureCelsius:DwellSeconds=2");

    public async Task DisposeAsync() => await _service.DisposeAsync();

    // Publishes rack telemetry and waits until the API shows it, then lets one simulated second pass (alarm pass, planning round).
    private async Task RackSecondAsync(long seq, double hottest)
    {
        await _service.PublishAsync(Rack, Messages.Rack(hottest: hottest, seq: seq));
        await RunningService.EventuallyAsync(async () =>
            (await _service.Http.GetAsync(new Uri("/api/halls/hall1/racks/r01", UriKind.Relative))) is { IsSuccessStatusCode: true } r
            && JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("sequence").GetInt64() == seq, $"rack seq {seq}");
        _service.Time.Advance(TimeSpan.FromSeconds(1));
    }

    private async Task<int> StatusAsync(string path)
    {
        using var response = await _service.Http.GetAsync(new Uri(path, UriKind.Relative));
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task Rack_telemetry_is_read_back_raises_an_alarm_that_an_operator_acknowledges()
    {
        await RackSecondAsync(1, 88.5);

        var rack = await _service.GetJsonAsync("/api/halls/hall1/racks/r01");
        Assert.Equal(30.1, rack.GetProperty("inletTemperatureCelsius").GetDouble());
        Assert.Equal(126000, rack.GetProperty("powerWatts").GetDouble());
        var gpus = rack.GetProperty("gpus");
        Assert.Equal(72, gpus.GetProperty("count").GetInt32());
        Assert.Equal(88.5, gpus.GetProperty("hottestTemperatureCelsius").GetDouble());
        Assert.Equal(7, gpus.GetProperty("hottestIndex").GetInt32());
        Assert.Equal(1, gpus.GetProperty("throttled").GetInt32());
        Assert.Empty((await _service.GetJsonAsync("/api/alarms")).EnumerateArray());

        var each = await _service.GetJsonAsync("/api/halls/hall1/racks/r01/gpus");
        Assert.Equal(72, each.GetProperty("summary").GetProperty("count").GetInt32());
        var list = each.GetProperty("gpus").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 72), list.Select(g => g.GetProperty("index").GetInt32()));
        Assert.Equal(88.5, list[7].GetProperty("temperatureCelsius").GetDouble());
        Assert.Equal(83.5, list[7].GetProperty("memoryTemperatureCelsius").GetDouble());
        Assert.Equal(52, list[2].GetProperty("temperatureCelsius").GetDouble());
        Assert.Equal(1300.5, list[2].GetProperty("powerWatts").GetDouble());
        Assert.Equal([3], list.Where(g => g.GetProperty("throttled").GetBoolean()).Select(g => g.GetProperty("index").GetInt32()));
        Assert.All(list, g => Assert.Equal(1, g.GetProperty("ageSeconds").GetDouble())); // received one simulated second ago
        var one = await _service.GetJsonAsync("/api/halls/hall1/racks/r01/gpus/7");
        Assert.Equal(88.5, one.GetProperty("temperatureCelsius").GetDouble());
        Assert.True(one.GetProperty("inLatestMessage").GetBoolean());
        Assert.Equal(404, await StatusAsync("/api/halls/hall1/racks/r01/gpus/72"));
        Assert.Equal(404, await StatusAsync("/api/halls/hall1/racks/r09/gpus/1"));
        Assert.Equal(400, await StatusAsync("/api/halls/hall1/racks/r01/gpus/seven"));
        var hottest = (await _service.GetJsonAsync("/api/halls/hall1/gpus/hottest?count=3")).EnumerateArray().ToList();
        Assert.Equal([88.5, 54.0, 54.0], hottest.Select(h => h.GetProperty("gpu").GetProperty("temperatureCelsius").GetDouble()));
        Assert.Equal(7, hottest[0].GetProperty("gpu").GetProperty("index").GetInt32());
        Assert.All(hottest, h => Assert.Equal("r01", h.GetProperty("rackId").GetString()));
        Assert.Equal(400, await StatusAsync("/api/halls/hall1/gpus/hottest?count=0"));

        await RackSecondAsync(2, 88.5);
        await RackSecondAsync(3, 88.5);

        var alarms = (await _service.GetJsonAsync("/api/alarms")).EnumerateArray().ToList();
        var critical = alarms.Single(a => a.GetProperty("code").GetString() == "TemperatureAboveUpperCriticalThreshold");
        Assert.Equal("Critical", critical.GetProperty("severity").GetString());
        Assert.Equal("hall1/rack/r01/gpu/7", critical.GetProperty("source").GetString());
        Assert.Equal("unacknowledged", critical.GetProperty("state").GetString());
        Assert.Equal(88.5, critical.GetProperty("value").GetDouble());
        Assert.Contains(alarms, a => a.GetProperty("code").GetString() == "TemperatureAboveUpperCautionThreshold");
        Assert.Equal("Critical", alarms[0].GetProperty("severity").GetString());
        var hall = (await _service.GetJsonAsync("/api/halls")).EnumerateArray().Single();
        Assert.Equal(2, hall.GetProperty("openAlarms").GetInt32());
        Assert.Equal(1, hall.GetProperty("criticalAlarms").GetInt32());
        Assert.Equal(1, await _service.MetricAsync("cooling_alarms_open{severity=\"Critical\"}"));

        var id = critical.GetProperty("id").GetInt64();
        var anna = _service.ClientAs("operator-anna", Cooling.Supervisor.Service.Security.Role.Operator);
        var ben = _service.ClientAs("operator-ben", Cooling.Supervisor.Service.Security.Role.Operator);
        Assert.Equal(400, (await RunningService.PostJsonAsync(anna, $"/api/alarms/{id}/acknowledge", new { by = "operator-ben" })).Status); // not in another's name
        var (status, body) = await RunningService.PostJsonAsync(anna, $"/api/alarms/{id}/acknowledge", new { });
        Assert.Equal(200, status);
        Assert.Equal("acknowledged", body.GetProperty("state").GetString());
        Assert.Equal("operator-anna", body.GetProperty("acknowledgedBy").GetString());
        Assert.Contains(_service.Audit.Query(RunningService.Start.AddDays(-1), RunningService.Start.AddDays(1), 100),
            e => e is { User: "operator-anna", Role: "operator", Action: "alarm.acknowledge", Outcome: "200 OK" } && e.Target == $"alarm {id}");
        Assert.Equal(409, (await RunningService.PostJsonAsync(ben, $"/api/alarms/{id}/acknowledge", new { })).Status);
        Assert.Equal(404, (await RunningService.PostJsonAsync(anna, $"/api/alarms/{id + 100}/acknowledge", null)).Status);

        var history = (await _service.GetJsonAsync("/api/alarms/history?source=hall1/rack/r01/gpu")).EnumerateArray()
            .Where(e => e.GetProperty("alarmId").GetInt64() == id).Select(e => e.GetProperty("transition").GetString()).ToList();
        Assert.Equal(["Raised", "Acknowledged"], history);
    }

    [Fact]
    public async Task A_CDU_is_shown_with_its_telemetry_and_its_setpoint_request_and_acknowledgement()
    {
        var requests = new List<JsonElement>();
        _service.Devices.ApplicationMessageReceivedAsync += async e =>
        {
            var request = JsonDocument.Parse(e.ApplicationMessage.Payload.ToArray()).RootElement.Clone();
            lock (requests) requests.Add(request);
            var ack = $$"""{"v":1,"seq":{{request.GetProperty("seq").GetInt64()}},"status":"clamped","reason":"clamped to dew point + margin","requestedSupplyTemperatureCelsius":30,"appliedSupplyTemperatureCelsius":30.5,"leaseSeconds":30,"uptimeMilliseconds":5}""";
            await _service.PublishAsync($"{Cdu}/setpoint/ack", Encoding.UTF8.GetBytes(ack));
        };
        await _service.Devices.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"{Cdu}/setpoint/request").Build());
        await _service.PublishAsync($"{Cdu}/state", Encoding.UTF8.GetBytes("""{"v":1,"online":true,"firmwareVersion":"0.2.0","mode":"automatic"}"""), retain: true);
        await _service.PublishAsync($"{Cdu}/telemetry", Messages.CduTelemetry(seq: 1, supply: "30.4"));
        await RunningService.EventuallyAsync(async () =>
            (await _service.Http.GetAsync(new Uri("/api/halls/hall1/cdus/cdu1", UriKind.Relative))).IsSuccessStatusCode, "the CDU in the API");

        var cdu = await _service.GetJsonAsync("/api/halls/hall1/cdus/cdu1");
        Assert.True(cdu.GetProperty("online").GetBoolean());
        Assert.Equal("automatic", cdu.GetProperty("mode").GetString());
        Assert.Equal(30.4, cdu.GetProperty("telemetry").GetProperty("supplyTemperatureCelsius").GetDouble());
        Assert.Equal(720, cdu.GetProperty("telemetry").GetProperty("flowLitersPerMinute").GetDouble());
        Assert.Equal("none", cdu.GetProperty("setpoint").GetProperty("acknowledgementStatus").GetString());

        _service.Time.Advance(TimeSpan.FromSeconds(1)); // planning round: the fixed planner requests 30 °C
        await RunningService.EventuallyAsync(async () =>
            (await _service.GetJsonAsync("/api/setpoints")).GetProperty("cdus")[0].GetProperty("acknowledgementStatus").GetString() == "clamped",
            "the clamped acknowledgement");

        var setpoints = await _service.GetJsonAsync("/api/setpoints");
        Assert.Equal("fixed", setpoints.GetProperty("planner").GetString());
        Assert.Equal(1, setpoints.GetProperty("requestsSent").GetInt64());
        Assert.Equal(1, setpoints.GetProperty("acknowledgements").GetProperty("clamped").GetInt64());
        var link = setpoints.GetProperty("cdus")[0];
        Assert.Equal(30, link.GetProperty("lastRequest").GetProperty("supplyTemperatureCelsius").GetDouble());
        Assert.Equal(30.5, link.GetProperty("lastAcknowledgement").GetProperty("appliedSupplyTemperatureCelsius").GetDouble());
        Assert.Equal(requests.Single().GetProperty("seq").GetInt64(), link.GetProperty("lastAcknowledgement").GetProperty("sequence").GetInt64());
        Assert.Equal(1, await _service.MetricAsync("cooling_planner_setpoint_requests_sent_total"));
        Assert.Equal(1, await _service.MetricAsync("cooling_planner_acknowledgements_total{status=\"clamped\"}"));
        Assert.Equal(0, await _service.MetricAsync("cooling_planner_acknowledgements_total{status=\"rejected\"}"));
        Assert.Equal(1, await _service.MetricAsync("cooling_planner_decision_latency_seconds_count"));

        await _service.PublishAsync($"{Cdu}/state", Encoding.UTF8.GetBytes("""{"v":1,"online":false}"""), retain: true);
        await RunningService.EventuallyAsync(async () =>
            (await _service.GetJsonAsync("/api/halls/hall1/cdus/cdu1")).GetProperty("mode").GetString() == "offline", "the last will");
        _service.Time.Advance(TimeSpan.FromSeconds(1));
        var offline = (await _service.GetJsonAsync("/api/alarms?site=hall1")).EnumerateArray().Single(a => a.GetProperty("code").GetString() == "CduOffline");
        Assert.Equal("hall1/cdu/cdu1", offline.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Metrics_count_accepted_and_rejected_messages_per_topic_kind_and_history_reads_the_store()
    {
        for (var seq = 1; seq <= 3; seq++)
        {
            await RackSecondAsync(seq, 60 + seq);
        }

        await _service.PublishAsync(Rack, Encoding.UTF8.GetBytes("""{"v":1,"seq":9,"gpus":"none"}"""));
        await _service.PublishAsync($"{Cdu}/telemetry", Encoding.UTF8.GetBytes("{not json"));
        // Rack and CDU messages go through queues of their own: wait for both rejections.
        await RunningService.EventuallyAsync(async () => await _service.MetricAsync("cooling_ingestion_messages_rejected_total{kind=\"CduTelemetry\"}") == 1
            && await _service.MetricAsync("cooling_ingestion_messages_rejected_total{kind=\"RackTelemetry\"}") == 1, "the rejected CDU and rack telemetry in /metrics");

        Assert.Equal(3, await _service.MetricAsync("cooling_ingestion_messages_accepted_total{kind=\"RackTelemetry\"}"));
        Assert.Equal(1, await _service.MetricAsync("cooling_ingestion_messages_rejected_total{kind=\"RackTelemetry\"}"));
        Assert.Equal(0, await _service.MetricAsync("cooling_ingestion_messages_accepted_total{kind=\"CduTelemetry\"}"));
        Assert.Equal(1, await _service.MetricAsync("cooling_broker_connected"));
        await RunningService.EventuallyAsync(async () => await _service.MetricAsync("cooling_store_rows_written_total") >= 3, "rows in the store");

        var since = RunningService.Start.AddMinutes(-1).ToString("O");
        var until = RunningService.Start.AddMinutes(1).ToString("O");
        var history = await _service.GetJsonAsync($"/api/halls/hall1/racks/r01/history/hottestGpuTemperatureCelsius?since={Uri.EscapeDataString(since)}&until={Uri.EscapeDataString(until)}");
        var points = history.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal([61.0, 62.0, 63.0], points.Select(p => p.GetProperty("value").GetDouble()));
        Assert.Equal(RunningService.Start.AddSeconds(1), points[1].GetProperty("time").GetDateTimeOffset());

        var averaged = await _service.GetJsonAsync($"/api/halls/hall1/racks/r01/history/hottestGpuTemperatureCelsius?since={Uri.EscapeDataString(since)}&until={Uri.EscapeDataString(until)}&maxPoints=1");
        Assert.Equal(62.0, averaged.GetProperty("points").EnumerateArray().Single().GetProperty("value").GetDouble(), 9);

        using var unknown = await _service.Http.GetAsync(new Uri("/api/halls/hall1/racks/r01/history/colour", UriKind.Relative));
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Contains("hottestGpuTemperatureCelsius", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_reports_the_broker_the_store_and_the_age_of_the_last_telemetry()
    {
        var before = await _service.GetJsonAsync("/health");
        Assert.Equal("Degraded", before.GetProperty("status").GetString());
        Assert.Equal("Healthy", before.GetProperty("checks").GetProperty("broker").GetProperty("status").GetString());
        Assert.Equal("no telemetry received yet", before.GetProperty("checks").GetProperty("telemetry").GetProperty("description").GetString());

        await RackSecondAsync(1, 60);
        _service.Time.Advance(TimeSpan.FromSeconds(1.5));

        var after = await _service.GetJsonAsync("/health");
        Assert.Equal("Healthy", after.GetProperty("status").GetString());
        Assert.Equal(2.5, after.GetProperty("checks").GetProperty("telemetry").GetProperty("data").GetProperty("lastTelemetryAgeSeconds").GetDouble());
        Assert.Equal("sqlite", after.GetProperty("checks").GetProperty("store").GetProperty("data").GetProperty("kind").GetString());

        _service.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("Degraded", (await _service.GetJsonAsync("/health")).GetProperty("status").GetString());
    }
}
