using Cooling.Models;
using Cooling.Twin;
using Cooling.Twin.Hall;

namespace Cooling.Models.Tests.Twin;

/// <summary>The in-process hall: the firmware core on each loop's plant, stepped directly on simulated time.</summary>
public sealed class TwinHallTests
{
    private static HallDescription SmallHall(int seed) => new()
    {
        SiteId = "t1",
        CduCount = 2,
        Seed = seed,
        Loop = LoopSizing.ForRacks(3),
        SettleSeconds = 900,
        Workload = Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 0.8),
    };

    private static (IReadOnlyList<CduSummary> Summary, double[] State) Run(int seed, int threads, TimeSpan plantTime, int? rackMessages = null)
    {
        var racks = 0;
        using var hall = new TwinHall(SmallHall(seed), rackTelemetry: rackMessages is null ? null : (_, _) => Interlocked.Increment(ref racks)) { Threads = threads };
        hall.Run(plantTime);
        var state = hall.Loops.SelectMany(l => new[]
        {
            l.Plant.SupplyCelsius, l.Plant.ReturnCelsius, l.Plant.FlowLitersPerMinute, l.Plant.Valve.PositionPercent, l.Io.ValveCommandPercent,
            l.Plant.Racks.Max(r => r.HottestGpuCelsius), l.Controller.TelemetrySequence,
        }).Append(racks).ToArray();
        return (hall.Summarize(), state);
    }

    [Fact]
    public void The_same_seed_gives_identical_results_on_one_thread_and_on_several()
    {
        var serial = Run(seed: 7, threads: 1, TimeSpan.FromMinutes(8));
        var parallel = Run(seed: 7, threads: 4, TimeSpan.FromMinutes(8));
        var again = Run(seed: 7, threads: 2, TimeSpan.FromMinutes(8));
        var other = Run(seed: 8, threads: 2, TimeSpan.FromMinutes(8));

        Assert.Equal(serial.Summary, parallel.Summary);
        Assert.Equal(serial.State, parallel.State);
        Assert.Equal(serial.Summary, again.Summary);
        Assert.Equal(serial.State, again.State);

        // The seed matters (sensor noise, the GPUs' spread): another seed ends elsewhere.
        Assert.NotEqual(serial.State, other.State);
    }

    [Fact]
    public void Every_CDU_controls_its_loop_and_the_energy_balance_closes()
    {
        var (summary, _) = Run(seed: 1, threads: 2, TimeSpan.FromMinutes(30));

        Assert.Equal(["cdu1", "cdu2"], summary.Select(s => s.CduId));
        foreach (var cdu in summary)
        {
            Assert.Equal("automatic", cdu.Mode);

            // Load steps of 0.3 ↔ 0.8 every 3 min: the valve loop holds the supply near its setpoint after start-up.
            Assert.InRange(cdu.SupplyDeviationMeanKelvin, 0, 0.5);
            Assert.InRange(cdu.SupplyDeviationMaximumKelvin, 0.01, 2.5);
            Assert.InRange(cdu.HottestGpuMaximumCelsius, 40, 89);

            // 3 racks × 72 GPUs × 1.25 (other load) at 55 % on average (half the time 30 %, half 80 %):
            // 3 · 72 · 1.25 · (150 + 0.55 · 1250) W = 226 kW for half an hour (the GPUs' ±3 % spread averages out).
            Assert.InRange(cdu.ItHeatKilowattHours, 0.98 * 113.06, 1.02 * 113.06);
            Assert.InRange(cdu.HeatRejectedKilowattHours, 0.9 * cdu.ItHeatKilowattHours, 1.05 * cdu.ItHeatKilowattHours);
            Assert.True(cdu.PumpEnergyKilowattHours > 0);
            // IT heat + pump heat − heat rejected − Δ stored heat, within the 0.5 % the plant's validation allows.
            Assert.True(Math.Abs(cdu.EnergyBalanceError) < 0.005, $"{cdu.CduId}: energy balance error {cdu.EnergyBalanceError:P3}");

            // Telemetry at 1 Hz went to the CDU's bus (plus birth-free events: mode changes).
            Assert.InRange(cdu.MessagesPublished, 1800, 2000);
        }
    }

    [Fact]
    public void Rack_agents_report_every_rack_once_per_rack_period_when_asked()
    {
        var messages = new System.Collections.Concurrent.ConcurrentBag<(string Rack, string Json)>();
        using var hall = new TwinHall(SmallHall(1) with { CduCount = 2 }, rackTelemetry: (rack, payload) =>
            messages.Add((rack, System.Text.Encoding.UTF8.GetString(payload.Span)))) { Threads = 2 };

        hall.Run(TimeSpan.FromSeconds(10));

        Assert.Equal(2 * 3 * 10, messages.Count);
        Assert.Equal(["cdu1-r01", "cdu1-r02", "cdu1-r03", "cdu2-r01", "cdu2-r02", "cdu2-r03"], messages.Select(m => m.Rack).Distinct().Order());
        using var json = System.Text.Json.JsonDocument.Parse(messages.First().Json);
        Assert.Equal(72, json.RootElement.GetProperty("gpus").GetArrayLength());
    }

    [Fact]
    public void A_description_that_cannot_make_a_hall_is_refused_naming_the_field()
    {
        var ex = Assert.Throws<ArgumentException>(() => new TwinHall(SmallHall(1) with { CduCount = 0 }));
        Assert.Contains("cduCount", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new TwinHall(SmallHall(1) with { SiteId = "Hall 1" }));
        Assert.Contains("siteId", ex.Message, StringComparison.Ordinal);
    }
}
