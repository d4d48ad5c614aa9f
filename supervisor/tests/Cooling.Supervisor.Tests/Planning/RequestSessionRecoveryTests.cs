using System.Text;
using Cdu.Firmware;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests.Planning;

/// <summary>
/// The supervisor against the firmware's own request arbiter (its parser, session rules and acknowledgement composer):
/// whatever another client sends — a huge sequence number, a later epoch — the supervisor is obeyed again within one
/// renewal.
/// </summary>
public sealed class RequestSessionRecoveryTests : IAsyncLifetime
{
    private const double DewPointCelsius = 11;
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly SupervisorOptions _options = new() { LeaseSeconds = 30, RenewalSeconds = 10, AcknowledgementTimeoutSeconds = 5 };
    private readonly SetpointArbiter _cdu = new(new CduSettings());
    private readonly JsonMessageReader _reader = new();
    private readonly SetpointDecision _decision = new();
    private readonly CduMessageComposer _composer = new(4096);
    private readonly Queue<byte[]> _inFlight = new(); // requests on their way to the CDU (its acknowledgement comes back later)
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;
    private long _telemetrySequence;

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(_options, new FixedSetpointPlanner(31), _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, new FixedSetpointPlanner(31), _options, _time, _store.Store,
            (_, payload) =>
            {
                _inFlight.Enqueue(payload);
                return true;
            }, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    // The CDU decides on a request and its acknowledgement reaches the supervisor (as any client's would).
    private SetpointStatus Deliver(byte[] payload)
    {
        Assert.Equal(JsonError.None, _reader.Parse(payload, 0, payload.Length));
        _cdu.Decide(_reader, _time.GetUtcNow().ToUnixTimeMilliseconds(), DewPointCelsius, _decision);
        var status = _decision.Status;
        var ack = _composer.ComposeAcknowledgement(_decision, 1000);
        var read = CduMessageReader.ReadAcknowledgement(ack.Buffer.AsSpan(0, ack.Length));
        _coordinator.OnAcknowledgement(_supervisor.Hall.Cdu("hall1", "cdu1"), read.Value!);
        return status;
    }

    private SetpointStatus Rogue(long epoch, long seq) =>
        Deliver(Encoding.UTF8.GetBytes($$"""{"v":1,"epoch":{{epoch}},"seq":{{seq}},"leaseSeconds":600,"supplyTemperatureCelsius":45}"""));

    private void Round(double afterSeconds)
    {
        _time.Advance(TimeSpan.FromSeconds(afterSeconds));
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry(++_telemetrySequence));
        _coordinator.Tick();
        while (_inFlight.TryDequeue(out var request)) Deliver(request);
    }

    [Fact]
    public void A_rogue_request_with_seq_2_to_the_62_is_refused_and_the_supervisor_renews_undisturbed()
    {
        Round(0);
        var epoch = _supervisor.Hall.Cdu("hall1", "cdu1").RequestEpoch;
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds(), epoch);
        Assert.Equal(epoch, _cdu.Epoch);
        Assert.Equal(1, _cdu.LastSequence);

        Assert.Equal(SetpointStatus.Rejected, Rogue(epoch, 1L << 62));
        Assert.Equal(SetpointStatus.Rejected, Rogue(epoch + 1, 1L << 62));

        Round(10); // the renewal
        Assert.Equal(epoch, _cdu.Epoch);
        Assert.Equal(2, _cdu.LastSequence);
        Assert.Equal(31, _cdu.TargetSupplyTemperatureCelsius(DewPointCelsius));
    }

    [Fact]
    public void A_rogue_that_takes_a_later_epoch_is_overtaken_within_one_renewal()
    {
        Round(0);
        var epoch = _supervisor.Hall.Cdu("hall1", "cdu1").RequestEpoch;
        Assert.Equal(SetpointStatus.Accepted, Rogue(epoch + 1_000_000_000, 1));
        Assert.Equal(45, _cdu.TargetSupplyTemperatureCelsius(DewPointCelsius), 3);

        Round(10); // the renewal in the old epoch is refused as stale: the acknowledgement names the CDU's epoch
        Assert.Equal(SetpointReasons.StaleEpoch, _decision.Reason);
        var cdu = _supervisor.Hall.Cdu("hall1", "cdu1");
        Assert.True(cdu.RequestSessionRestartPending);

        Round(1); // the next round (new telemetry) opens the epoch just above the rogue's (days ahead of the clock)
        Assert.Equal(epoch + 1_000_000_001, _cdu.Epoch);
        Assert.Equal(1, _cdu.LastSequence);
        Assert.Equal(31, _cdu.TargetSupplyTemperatureCelsius(DewPointCelsius));
        Assert.False(cdu.RequestSessionRestartPending);
        Assert.Equal(epoch + 1_000_000_001, cdu.RequestEpoch);
    }
}
