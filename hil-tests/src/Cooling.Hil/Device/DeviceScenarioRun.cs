using Cooling.Mqtt.Topics;
using System.Diagnostics;
using Cdu.Firmware.Host.Hil;
using Cdu.Firmware.Messages;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Device;

/// <summary>
/// One run of a scenario on a CDU that is already running and that this program does not start — a device powered up
/// with its HIL jumper (the device target): attach over the broker (<see cref="DeviceAttachment"/>), then play the
/// plant with the virtual target's rig, freely on the CDU's own clock at the options' time scale (1 for a device), or
/// in lockstep with a virtual CDU on <c>--clock hil</c> (<see cref="DeviceRunOptions.Lockstep"/>).
/// </summary>
public sealed class DeviceScenarioRun : IAsyncDisposable
{
    private readonly DeviceRunOptions _options;
    private readonly HilTopics _hil;
    private readonly RigLink _link;
    private readonly string _cduName;

    public DeviceScenarioRun(Scenario scenario, DeviceRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _hil = new HilTopics(options.SiteId, options.CduId);
        _cduName = $"the CDU {options.SiteId}/{options.CduId}";
        var topics = new CduTopics(options.SiteId, options.CduId);
        _link = new RigLink(options.BrokerUrl, $"hil-rig-{options.SiteId}-{options.CduId}",
            [_hil.Actuators, topics.Telemetry, topics.Event, topics.SetpointAcknowledgement, topics.CommandAcknowledgement, topics.ConfigurationAcknowledgement]);
        var rigOptions = new VirtualRunOptions
        {
            BrokerUrl = options.BrokerUrl,
            CduHostPath = "",
            TimeScale = options.TimeScale,
            SiteId = options.SiteId,
            Seed = options.Seed,
            FirmwareOverrides = options.FirmwareOverrides,
            Progress = options.Progress,
        };
        Scenario = new RigScenario(scenario, rigOptions, options.CduId, _link);
    }

    public RigScenario Scenario { get; }

    public int Seed => Scenario.Seed;

    public ValueTask DisposeAsync() => _link.DisposeAsync();

    /// <summary>
    /// Runs the scenario on the running CDU: attaches (each wait bounded by the options' attach timeout), then plays the
    /// plant. A configuration the CDU refuses ends the run with <see cref="ConfigurationRefusedException"/>; a
    /// CDU that cannot be attached, with <see cref="DeviceRunException"/>.
    /// </summary>
    public async Task<PlannerRun> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var wall = Stopwatch.StartNew();
            try
            {
                await _link.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (TimeoutException)
            {
                throw new DeviceRunException($"the broker {_options.BrokerUrl} did not accept a connection within 10 s");
            }

            try
            {
                return await Task.Factory.StartNew(() => Play(wall, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
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
        }
    }

    /// <summary>The run of a scenario that ended before it started (its KPI windows empty, the reason in its log).</summary>
    public PlannerRun Unstarted(string reason) => Scenario.Unstarted(reason);

    private PlannerRun Play(Stopwatch wall, CancellationToken cancellationToken)
    {
        if (_options.Lockstep is { } clock)
        {
            var plant = Scenario.Plant;
            plant.ContinueScansAbove(clock.ScanSequence);
            Attach(new LockstepAttachPacing(plant, _link, _hil, clock, wall), cancellationToken);
            var lockstep = new LockstepPacer(Scenario, _link, _hil, wall, _cduName) { ScanSent = () => clock.Sent(plant.PlantMilliseconds, plant.ScanSequence) };
            lockstep.Run(null, cancellationToken);
            return Scenario.Finish(lockstep.ClockSummary);
        }

        var free = new FreeRunningPacer(Scenario, _link, _hil, wall, _options.TimeScale, _cduName);
        Attach(new WallClockAttachPacing(free, _link, _hil.Actuators, wall), cancellationToken);
        free.Run(null, cancellationToken);
        return Scenario.Finish(free.ClockSummary);
    }

    private void Attach(IAttachPacing pacing, CancellationToken cancellationToken) =>
        new DeviceAttachment(Scenario, _link, pacing, _cduName, _options.BrokerUrl).Attach(_options.AttachTimeout, cancellationToken);
}
