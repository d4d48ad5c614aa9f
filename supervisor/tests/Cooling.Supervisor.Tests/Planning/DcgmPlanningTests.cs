using System.Globalization;
using System.Text;
using System.Text.Json;
using Cooling.Models.Identification;
using Cooling.Supervisor.Dcgm;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>
/// End to end on simulated time: a loop whose racks are known only through dcgm-exporter text (GPU temperatures and
/// power; no rack inlet, outlet or flow) read by the dcgm bridge, published in the bridge's rack messages, ingested by
/// the supervisor and planned by the model-based planner through the coordinator. The racks follow a known reduced
/// model; the CDU reports supply, flow and ΔP. No value the bridge leaves out may turn into NaN in a decision.
/// </summary>
public sealed class DcgmPlanningTests : IAsyncLifetime
{
    private const int Racks = 2;
    private const int GpusPerRack = 72;
    private const double K = 150.0 / (800 * 800);      // ΔP = K·Q², kPa/(L/min)²
    private const double InletOffset = 0.3;             // rack inlet − CDU supply, K (not seen by the supervisor)
    private static readonly RackThermalModel Truth = new(0.6, 2.0, 0.38, 1.0);
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TemporaryStore _store = new();
    private readonly string _exposition = Path.Combine(Path.GetTempPath(), $"dcgm-plan-{Guid.NewGuid():N}.prom");
    private readonly double[] _hottest = [60, 60];
    private readonly List<JsonElement> _requests = [];
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;
    private DcgmBridge _bridge = null!;
    private readonly ModelBasedPlanner _planner = new();
    private double _supply = 30;
    private double _deltaPressure = 120;

    public Task InitializeAsync()
    {
        var options = new SupervisorOptions();
        _supervisor = new SupervisorService(options, _planner, _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, _planner, options, _time, _store.Store, (_, payload) =>
        {
            _requests.Add(JsonDocument.Parse(payload).RootElement.Clone());
            return true;
        }, NullLogger.Instance);
        var bridge = new DcgmBridgeOptions
        {
            Source = _exposition,
            SiteId = "hall1",
            Hosts = [.. Enumerable.Range(1, Racks).Select(r => new DcgmHostMapping($"node-{r}", $"cdu1-r{r:D2}"))],
        };
        _bridge = new DcgmBridge(bridge, (topic, payload, _) =>
        {
            _supervisor.Ingestor.Ingest(topic, payload.Span);
            return Task.FromResult(true);
        }, _time, null, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
        File.Delete(_exposition);
    }

    private double Flow => Math.Sqrt(_deltaPressure / K);

    // One second of plant: each rack's hottest GPU moves towards the true model's steady state; the exporter's text and the CDU's telemetry say so.
    private async Task SecondAsync(int second)
    {
        var gpuPower = (second / 45 % 2 == 0 ? 0.30 : 0.33) * 1400; // some excitation, below the feedforward threshold
        var text = new StringBuilder("# TYPE DCGM_FI_DEV_GPU_TEMP gauge\n");
        for (var r = 0; r < Racks; r++)
        {
            _hottest[r] = 0.6 * _hottest[r] + 0.4 * Truth.SteadyStateCelsius(_supply + InletOffset, Flow / Racks, gpuPower * GpusPerRack);
            for (var g = 0; g < GpusPerRack; g++)
            {
                text.Append(CultureInfo.InvariantCulture, $"DCGM_FI_DEV_GPU_TEMP{{gpu=\"{g}\",UUID=\"GPU-{r}-{g}\",Hostname=\"node-{r + 1}\"}} {_hottest[r] - (g % 9) * 0.7:F2}\n");
            }
        }

        text.Append("# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n");
        for (var r = 0; r < Racks; r++)
        {
            for (var g = 0; g < GpusPerRack; g++)
            {
                text.Append(CultureInfo.InvariantCulture, $"DCGM_FI_DEV_POWER_USAGE{{gpu=\"{g}\",UUID=\"GPU-{r}-{g}\",Hostname=\"node-{r + 1}\"}} {gpuPower:F3}\n");
            }
        }

        await File.WriteAllTextAsync(_exposition, text.ToString());
        Assert.Equal(Racks, await _bridge.RunOnceAsync(CancellationToken.None));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $$"""
            {"v":1,"seq":{{second + 1}},"uptimeMilliseconds":{{(second + 3600) * 1000}},"mode":"automatic","setpointSource":"supervisor",
             "supplyTemperatureCelsius":{{_supply:F3}},"returnTemperatureCelsius":{{_supply + 8:F3}},"supplyTemperatureSetpointCelsius":{{_supply:F3}},
             "supplyTemperatureTargetCelsius":{{_supply:F3}},"facilitySupplyTemperatureCelsius":24.0,"facilityReturnTemperatureCelsius":33.0,
             "flowLitersPerMinute":{{Flow:F2}},"deltaPressureKpa":{{_deltaPressure:F2}},"deltaPressureTargetKpa":{{_deltaPressure:F2}},"valvePositionPercent":55.2,
             "valveCommandPercent":55.4,"pumpSpeedPercent":80.0,"dewPointCelsius":11.0,"lastRequestSeq":0,"leaseRemainingSeconds":24.0,
             "rejectedMessages":0,"firmwareVersion":"0.1.0"}
            """)));
        _coordinator.Tick();
        if (_requests.Count > 0)
        {
            var request = _requests[^1];
            _supply = request.GetProperty("supplyTemperatureCelsius").GetDouble();
            if (request.TryGetProperty("deltaPressureKpa", out var dp)) _deltaPressure = dp.GetDouble();
        }

        _time.Advance(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Racks_seen_only_through_the_dcgm_bridge_are_learned_and_planned_without_NaN()
    {
        var planners = new List<string>();
        for (var s = 0; s < 600; s++)
        {
            await SecondAsync(s);
            var decision = _supervisor.Hall.Cdu("hall1", "cdu1").LastDecision!;
            Assert.True(double.IsFinite(decision.SupplyTemperatureCelsius) && decision.DeltaPressureKpa is { } dp && double.IsFinite(dp), decision.Reason);
            planners.Add(decision.Planner);
        }

        var rack = _supervisor.Hall.Racks.First();
        Assert.True(double.IsNaN(rack.Telemetry.InletTemperatureCelsius) && double.IsNaN(rack.Telemetry.FlowLitersPerMinute)); // the bridge measures no coolant
        Assert.Equal(GpusPerRack, rack.Gpus.Count);
        Assert.Equal("trim-and-respond", planners[0]); // nothing learned yet
        Assert.Equal("model", planners[^1]);
        var model = _planner.ModelOf("cdu1")!.Racks["cdu1-r01"];
        Assert.False(model.InletMeasured || model.FlowMeasured);
        Assert.True(_requests.All(r => double.IsFinite(r.GetProperty("supplyTemperatureCelsius").GetDouble())));

        // At the setpoints it settled on, the true racks stay at or below the aim (82 °C) with every GPU at the 1.4 kW
        // design power — up to the pipe's 0.3 K inlet offset the supervisor cannot see without rack inlets.
        var designHottest = Truth.SteadyStateCelsius(_supply + InletOffset, Flow / Racks, 1400 * GpusPerRack);
        Assert.InRange(designHottest, 70, 82.0 + InletOffset + 0.05);
        _supervisor.Alarms.Evaluate();
        Assert.DoesNotContain(_supervisor.Alarms.Engine.Open(), a => a.Source.EndsWith("/inlet", StringComparison.Ordinal) || a.Source.EndsWith("/outlet", StringComparison.Ordinal));
    }
}
