using Cooling.Mqtt.Topics;
using System.Diagnostics;
using System.Globalization;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host;
using Cdu.Firmware.Host.Hil;
using Cooling.Hil.Runs;
using Cooling.Hil.Rig;

namespace Cooling.Hil.Virtual;

/// <summary>
/// One run of a scenario on the virtual target: the firmware host started as its own process (<c>--io hil</c>, the
/// scenario's firmware parameters as its configuration document, <c>--clock hil</c> or <c>--time-scale</c>), the rig
/// playing the plant over the HIL I/O topics on the same broker (<see cref="RigScenario"/>), on one loop of its own
/// that handles every incoming message in arrival order. By default the CDU runs in lockstep with the plant's time
/// (<see cref="LockstepPacer"/>); with a time scale it runs freely on its own clock and the plant follows it
/// (<see cref="FreeRunningPacer"/>).
/// </summary>
public sealed class VirtualScenarioRun : IAsyncDisposable
{
    private readonly VirtualRunOptions _options;
    private readonly string _cduId;
    private readonly HilTopics _hil;
    private readonly RigLink _link;

    public VirtualScenarioRun(Cooling.Hil.Scenarios.Scenario scenario, VirtualRunOptions options, string cduId)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _cduId = cduId;
        _hil = new HilTopics(options.SiteId, cduId);
        var topics = new Cdu.Firmware.Messages.CduTopics(options.SiteId, cduId);
        // What the rig subscribes to: the CDU's actuator messages, telemetry, events and acknowledgements.
        _link = new RigLink(options.BrokerUrl, $"hil-rig-{options.SiteId}-{cduId}",
            [_hil.Actuators, topics.Telemetry, topics.Event, topics.SetpointAcknowledgement, topics.CommandAcknowledgement]);
        Scenario = new RigScenario(scenario, options, cduId, _link);
    }

    /// <summary>The scenario as the rig plays it (plant, the CDU's view, supervisor).</summary>
    public RigScenario Scenario { get; }

    public int Seed => Scenario.Seed;

    /// <summary>The CDU process's output (kept for errors).</summary>
    public string CduOutput { get; private set; } = "";

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    public async Task<PlannerRun> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("cooling-hil-virtual-");
        try
        {
            var configuration = Path.Combine(folder.FullName, _cduId + ".json");
            var export = new ConfigurationStore(new VolatileStorage()).Export(Scenario.Settings);
            await File.WriteAllBytesAsync(configuration, export.Buffer.AsMemory(0, export.Length), cancellationToken);

            var wall = Stopwatch.StartNew();
            await _link.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
            try
            {
                string[] clock = _options.TimeScale is { } scale ? ["--time-scale", scale.ToString(CultureInfo.InvariantCulture)] : ["--clock", "hil"];
                using var cdu = DotnetProcess.Start(_options.CduHostPath, ["--broker", _options.BrokerUrl, "--site", _options.SiteId, "--cdu", _cduId,
                    "--io", "hil", "--config", configuration, .. clock]);
                try
                {
                    var run = await Task.Factory.StartNew(() => Play(cdu, wall, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                    await cdu.SignalAsync("TERM");
                    try
                    {
                        await cdu.WaitForExitAsync(TimeSpan.FromSeconds(10));
                    }
                    catch (OperationCanceledException)
                    {
                        // Not stopped in 10 s: disposing the process kills it. The run itself is complete.
                    }

                    return run;
                }
                finally
                {
                    CduOutput = cdu.Output;
                }
            }
            finally
            {
                await _link.StopAsync(TimeSpan.FromSeconds(2));
                await DisposeAsync();
            }
        }
        finally
        {
            Scenario.Plant.Dispose();
            folder.Delete(recursive: true);
        }
    }

    // The rig's loop, on a thread of its own: the plant played in lockstep or freely.
    private PlannerRun Play(DotnetProcess cdu, Stopwatch wall, CancellationToken cancellationToken)
    {
        if (_options.TimeScale is { } scale)
        {
            var free = new FreeRunningPacer(Scenario, _link, _hil, wall, scale, "the virtual CDU");
            free.Run(cdu, cancellationToken);
            return Scenario.Finish(free.ClockSummary);
        }

        var lockstep = new LockstepPacer(Scenario, _link, _hil, wall);
        lockstep.Run(cdu, cancellationToken);
        return Scenario.Finish(lockstep.ClockSummary);
    }
}
