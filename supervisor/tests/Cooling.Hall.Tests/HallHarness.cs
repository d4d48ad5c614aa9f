using Cooling.Hall.Tests.Brokers;
using Cooling.Models;
using Cooling.Testing;
using Cooling.Twin;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Hall.Tests;

/// <summary>
/// Runs the composed hall on simulated time against a broker: the test advances a fake clock in control
/// periods, and after every simulated second waits (in real time) until the supervisor has received the CDU's
/// latest telemetry and every setpoint request has been acknowledged — so each run sees the same order of
/// events however fast the machine is.
/// </summary>
public sealed class HallHarness : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;

    private HallHarness(IBrokerUnderTest broker, RunningHall hall, FakeTimeProvider time, DirectoryInfo folder)
    {
        Broker = broker;
        Hall = hall;
        Time = time;
        _folder = folder;
    }

    public IBrokerUnderTest Broker { get; }

    public RunningHall Hall { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>Starts a broker of <paramref name="brokerKind"/> and the hall on it; with <paramref name="influx"/> the hall writes to that InfluxDB too.</summary>
    public static async Task<HallHarness> StartAsync(string brokerKind, HallOptions options, RackUtilization workload, InfluxDbServer? influx = null)
    {
        // "embedded": the hall's own embedded broker, which lets in only the hall's identities.
        var external = brokerKind == "embedded" ? null : await IBrokerUnderTest.StartAsync(brokerKind);
        var folder = Directory.CreateTempSubdirectory("cooling-hall-");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var configured = options with
        {
            BrokerUrl = external?.Url,
            EmbeddedBrokerPort = 0,
            StorePath = Path.Combine(folder.FullName, "hall.db"),
            CredentialsFolder = Path.Combine(folder.FullName, "credentials"),
            InfluxDbUrl = influx?.Url.AbsoluteUri,
            InfluxDbDatabase = "hall",
        };
        var description = new HallDescription
        {
            SiteId = configured.SiteId,
            CduCount = configured.CduCount,
            Loop = new Models.Plant.LoopDescription { RackCount = configured.RacksPerCdu },
            Workload = workload,
        };
        var hall = await RunningHall.StartAsync(configured, time, NullLoggerFactory.Instance, description);
        return new HallHarness(external ?? new EmbeddedBrokerUnderTest(hall.Broker!), hall, time, folder);
    }

    /// <summary>
    /// Runs <paramref name="simulated"/> of plant time; <paramref name="eachSecond"/> sees the hall after every second.
    /// With <paramref name="settle"/> false nothing is awaited (the broker may be down): 1 ms of real time per plant second.
    /// </summary>
    public async Task RunAsync(TimeSpan simulated, Action<TimeSpan>? eachSecond = null, bool settle = true)
    {
        var period = TimeSpan.FromMilliseconds(100);
        var steps = (int)(simulated / period);
        for (var i = 1; i <= steps; i++)
        {
            Time.Advance(period);
            Hall.Twin.CatchUp();
            if (i % 10 == 0)
            {
                if (settle) await SettleAsync();
                else await Task.Delay(1);
                eachSecond?.Invoke(Hall.Twin.PlantTime);
            }
        }
    }

    /// <summary>
    /// Waits until the supervisor has taken in every message on its way (no message for a moment), then until the
    /// SQLite store has committed every row and InfluxDB (when used) has every point, or the timeout passes.
    /// </summary>
    public async Task DrainStoresAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var accepted = -1L;
        var rejected = -1L;
        while (DateTime.UtcNow < deadline && (Hall.Supervisor.Ingestor.Accepted != accepted || Hall.Supervisor.Rejections.Total != rejected))
        {
            accepted = Hall.Supervisor.Ingestor.Accepted;
            rejected = Hall.Supervisor.Rejections.Total;
            await Task.Delay(200);
        }

        await Hall.Supervisor.Pipeline.FlushAsync(deadline - DateTime.UtcNow);
        await Hall.Supervisor.StoreFeeder.FlushAsync(deadline - DateTime.UtcNow);
        await Hall.Store.FlushAsync(deadline - DateTime.UtcNow);
        if (Hall.Influx is { } influx && !await influx.Writer.FlushAsync(deadline - DateTime.UtcNow))
        {
            throw new TimeoutException($"InfluxDB still has {influx.Writer.Pending} points pending after {timeout}.");
        }
    }

    private async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!Settled())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Messages did not arrive within 10 s of real time on {Broker.Name} at plant time {Hall.Twin.PlantTime}.");
            }

            await Task.Delay(1);
        }
    }

    // Quiet when the supervisor has every CDU's latest telemetry, every CDU has every request sent to it (in its
    // inbox, for its next cycle), and the supervisor has every acknowledgement the CDUs published.
    private bool Settled()
    {
        var supervisor = Hall.Supervisor;
        long requestsReceived = 0, acknowledgementsSent = 0;
        foreach (var loop in Hall.Twin.Loops)
        {
            var sent = loop.Cdu.Controller.TelemetrySequence;
            if (!supervisor.Hall.TryGetCdu(Hall.Twin.SiteId, loop.CduId, out var view) || view!.Telemetry is not { } telemetry || telemetry.Sequence < sent)
            {
                return false;
            }

            requestsReceived += loop.Cdu.Connection.ReceivedMessages;
            acknowledgementsSent += loop.Cdu.Controller.Acknowledgements;
        }

        return requestsReceived >= supervisor.Coordinator.RequestsSent
            && supervisor.Coordinator.AcknowledgementsReceived >= acknowledgementsSent;
    }

    public async ValueTask DisposeAsync()
    {
        await Hall.DisposeAsync();
        await Broker.DisposeAsync();
        _folder.Delete(recursive: true);
    }
}
