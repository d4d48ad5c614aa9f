using System.Diagnostics;
using Cooling.Hil.Runs;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;
using Cooling.Hil.Rig;

namespace Cooling.Hil.Tests.Virtual;

/// <summary>
/// The scenarios tagged "virtual" run once on the virtual target — each on its own virtual CDU process (the firmware
/// host, --io hil, in lockstep with the rig's plant time) over a real mosquitto, the rig playing the plant over the
/// HIL I/O topics — and once on SIL, for the tests of the "virtual target" collection.
/// </summary>
public sealed class VirtualTargetFixture : IAsyncLifetime
{
    private MosquittoBroker? _broker;

    public IReadOnlyList<Scenario> Scenarios { get; } = ScenarioSelection.Load([Repository.Scenarios], ["virtual"]);

    public IReadOnlyList<ScenarioResult> Virtual { get; private set; } = [];

    public IReadOnlyList<ScenarioResult> Sil { get; private set; } = [];

    public TimeSpan VirtualWallTime { get; private set; }

    public MosquittoBroker Broker => _broker!;

    public VirtualRunOptions Options => new() { BrokerUrl = Broker.Url, CduHostPath = VirtualRunner.DefaultCduHostPath };

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartAsync();
        var watch = Stopwatch.StartNew();
        var (results, notApplicable) = await VirtualRunner.RunAllAsync(Scenarios, Options);
        VirtualWallTime = watch.Elapsed;
        Assert.Empty(notApplicable);
        Virtual = results;
        Sil = SilRunner.RunAll(Scenarios, new RunOptions { Baselines = false });
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null) await _broker.DisposeAsync();
    }
}

/// <summary>Virtual-target tests run alone: they start processes and a broker and keep the machine's other tests out of their way.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class VirtualTargetGroup : ICollectionFixture<VirtualTargetFixture>
{
    public const string Name = "virtual target";
}
