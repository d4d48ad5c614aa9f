using System.Diagnostics;
using Cdu.Firmware.Host.Hil;
using Cooling.Hil.Device;
using Cooling.Hil.Virtual;
using Cooling.Hil.Rig;
using Cooling.Mqtt.Connection;

namespace Cooling.Hil.Tests.Device;

/// <summary>
/// A real mosquitto and ONE virtual CDU process in HIL mode started apart from cooling-hil, as a controller powered up
/// with its HIL jumper is, its state kept from scenario to scenario. Its clock is in lockstep with the rig's plant
/// (<c>--clock hil</c>): it moves only with the rig's scans (<see cref="Clock"/> keeps where), so what the device target
/// measures does not depend on how busy the machine is.
/// </summary>
public sealed class RunningCduFixture : IAsyncLifetime
{
    public const double TimeScale = 5;
    public const string SiteId = "bench";
    public const string CduId = "dut1";

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker!;

    public DotnetProcess Cdu { get; private set; } = null!;

    /// <summary>Where the CDU's clock stands (the latest plant time a rig sent it).</summary>
    public LockstepClock Clock { get; } = new();

    public DeviceRunOptions Options => new() { BrokerUrl = Broker.Url, SiteId = SiteId, CduId = CduId, Lockstep = Clock };

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        Cdu = await StartLockstepCduAsync(Broker.Url, CduId);
    }

    /// <summary>Starts a virtual CDU on the HIL I/O topics with its clock in lockstep and waits (at most 60 s) until it waits for its rig's scans.</summary>
    public static async Task<DotnetProcess> StartLockstepCduAsync(string brokerUrl, string cduId, params string[] more)
    {
        var cdu = DotnetProcess.Start(VirtualRunner.DefaultCduHostPath, ["--broker", brokerUrl, "--site", SiteId, "--cdu", cduId, "--io", "hil", "--clock", "hil", .. more]);
        var waited = Stopwatch.StartNew();
        while (!cdu.Output.Contains(HilPlantClock.WaitingLine, StringComparison.Ordinal))
        {
            if (cdu.HasExited || waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                var output = cdu.Output;
                cdu.Dispose();
                throw new InvalidOperationException($"the virtual CDU did not get onto the broker:\n{output}");
            }

            await Task.Delay(10);
        }

        return cdu;
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
