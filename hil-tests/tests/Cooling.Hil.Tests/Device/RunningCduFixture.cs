using System.Buffers;
using System.Text;
using Cdu.Firmware.Host;
using Cdu.Firmware.Messages;
using Cooling.Hil.Device;
using Cooling.Hil.Virtual;
using Cooling.Hil.Rig;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Tests.Device;

/// <summary>
/// A real mosquitto and ONE virtual CDU process in HIL mode started apart from cooling-hil, as a controller powered up
/// with its HIL jumper is: free-running on its own clock ×5 (so that short scenarios take seconds), its state kept
/// from scenario to scenario. The device target attaches to it.
/// </summary>
public sealed class RunningCduFixture : IAsyncLifetime
{
    public const double TimeScale = 5;
    public const string SiteId = "bench";
    public const string CduId = "dut1";

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker!;

    public DotnetProcess Cdu { get; private set; } = null!;

    public DeviceRunOptions Options => new() { BrokerUrl = Broker.Url, SiteId = SiteId, CduId = CduId, TimeScale = TimeScale };

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        Cdu = DotnetProcess.Start(VirtualRunner.DefaultCduHostPath, "--broker", Broker.Url, "--site", SiteId, "--cdu", CduId, "--io", "hil",
            "--time-scale", TimeScale.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // As a controller on a bench before its rig starts: up, connected, and latched safe for want of sensor scans.
        await WaitForModeAsync("shutdown");
    }

    /// <summary>Waits (at most 60 s) for a telemetry message of the CDU in <paramref name="mode"/>.</summary>
    public async Task WaitForModeAsync(string mode)
    {
        var topics = new CduTopics(SiteId, CduId);
        await using var watcher = new MqttConnection(BrokerConnectionOptions.Parse(Broker.Url),
            new MqttSessionOptions { ClientId = "mode-watcher", Subscriptions = [topics.Telemetry] });
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        watcher.MessageReceived += (_, payload) =>
        {
            if (Encoding.UTF8.GetString(payload.ToArray()).Contains($"\"mode\":\"{mode}\"", StringComparison.Ordinal)) seen.TrySetResult();
        };
        await watcher.StartAsync(TimeSpan.FromSeconds(10));
        try
        {
            await seen.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"the CDU reported no mode {mode} within 60 s:\n{Cdu.Output}");
        }

        await watcher.StopAsync(TimeSpan.FromSeconds(2));
    }

    public async Task DisposeAsync()
    {
        if (!Cdu.HasExited)
        {
            await Cdu.SignalAsync("TERM");
            try
            {
                await Cdu.WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                // Disposing kills it.
            }
        }

        Cdu.Dispose();
        if (_broker is not null) await _broker.DisposeAsync();
    }
}

/// <summary>Device-target tests run alone, on one CDU process whose state carries over from test to test as a device's does.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DeviceTargetGroup : ICollectionFixture<RunningCduFixture>
{
    public const string Name = "device target";
}
