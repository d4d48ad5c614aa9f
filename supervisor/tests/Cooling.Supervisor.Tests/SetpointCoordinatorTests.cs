using System.Text.Json;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Cooling.Supervisor.Tests;

public sealed class SetpointCoordinatorTests : IAsyncLifetime
{
    private readonly TemporaryStore _store = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(string Topic, JsonElement Message)> _sent = [];
    private readonly SupervisorOptions _options = new() { LeaseSeconds = 30, RenewalSeconds = 10, AcknowledgementTimeoutSeconds = 5 };
    private SupervisorService _supervisor = null!;
    private SetpointCoordinator _coordinator = null!;

    private bool BrokerUp { get; set; } = true;

    public Task InitializeAsync()
    {
        _supervisor = new SupervisorService(_options, new FixedSetpointPlanner(31), _store.Store, _time);
        _coordinator = new SetpointCoordinator(_supervisor.Hall, new FixedSetpointPlanner(31), _options, _time, _store.Store,
            (topic, payload) =>
            {
                if (!BrokerUp) return false;
                _sent.Add((topic, JsonDocument.Parse(payload).RootElement));
                return true;
            }, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _supervisor.DisposeAsync();
        await _store.DisposeAsync();
    }

    private void Telemetry() => _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/telemetry", Messages.CduTelemetry());

    [Fact]
    public void Sends_nothing_to_a_CDU_it_has_not_heard_from()
    {
        _coordinator.Tick();

        Assert.Empty(_sent);
    }

    [Fact]
    public void Sends_a_leased_request_with_a_rising_sequence_and_renews_it()
    {
        Telemetry();
        _coordinator.Tick();
        _time.Advance(TimeSpan.FromSeconds(5));
        _coordinator.Tick();
        _time.Advance(TimeSpan.FromSeconds(5));
        _coordinator.Tick();

        Assert.Equal(2, _sent.Count);
        var (topic, first) = _sent[0];
        Assert.Equal("cooling/v1/hall1/cdu/cdu1/setpoint/request", topic);
        Assert.Equal(1, first.GetProperty("v").GetInt32());
        Assert.Equal(30, first.GetProperty("leaseSeconds").GetInt32());
        Assert.Equal(31, first.GetProperty("supplyTemperatureCelsius").GetDouble());
        Assert.Equal(_time.GetUtcNow().AddSeconds(-10).ToUnixTimeMilliseconds(), first.GetProperty("epoch").GetInt64()); // the supervisor's start
        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal(first.GetProperty("epoch").GetInt64(), _sent[1].Message.GetProperty("epoch").GetInt64());
        Assert.Equal(2, _sent[1].Message.GetProperty("seq").GetInt64());
    }

    [Fact]
    public void An_acknowledgement_is_matched_and_a_refusal_is_counted()
    {
        Telemetry();
        _coordinator.Tick();
        var seq = _sent[0].Message.GetProperty("seq").GetInt64();

        _coordinator.OnAcknowledgement(_supervisor.Hall.Cdu("hall1", "cdu1"), Contract.CduMessageReader.ReadAcknowledgement(Messages.Ack(seq, "rejected")).Value!);

        var cdu = _supervisor.Hall.Cdu("hall1", "cdu1").Snapshot();
        Assert.Equal(seq, cdu.LastAcknowledgement!.Sequence);
        Assert.Equal(1, cdu.Refusals);
        Assert.False(cdu.AcknowledgementOverdue);
    }

    [Fact]
    public void A_request_left_unacknowledged_past_the_timeout_raises_the_overdue_alarm()
    {
        Telemetry();
        _coordinator.Tick();
        _time.Advance(TimeSpan.FromSeconds(4));
        _coordinator.Tick();
        Assert.False(_supervisor.Hall.Cdu("hall1", "cdu1").AcknowledgementOverdue);

        _time.Advance(TimeSpan.FromSeconds(2));
        _coordinator.Tick();
        Assert.True(_supervisor.Hall.Cdu("hall1", "cdu1").AcknowledgementOverdue);
    }

    [Fact]
    public void A_CDU_whose_last_will_says_offline_gets_no_requests()
    {
        Telemetry();
        _supervisor.Ingestor.Ingest("cooling/v1/hall1/cdu/cdu1/state", Messages.Text("""{"v":1,"online":false}"""));
        _coordinator.Tick();

        Assert.Empty(_sent);
    }

    [Fact]
    public void While_the_broker_is_unreachable_nothing_is_sent_and_no_sequence_number_is_used()
    {
        Telemetry();
        BrokerUp = false;
        _coordinator.Tick();
        Assert.Empty(_sent);
        Assert.Equal(0, _coordinator.RequestsSent);
        Assert.Null(_supervisor.Hall.Cdu("hall1", "cdu1").LastRequest);

        BrokerUp = true;
        _time.Advance(TimeSpan.FromSeconds(1));
        _coordinator.Tick();
        var first = Assert.Single(_sent).Message;
        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal(_time.GetUtcNow().AddSeconds(-1).ToUnixTimeMilliseconds(), first.GetProperty("epoch").GetInt64());
    }

    [Theory]
    [InlineData(4, 2)]
    [InlineData(30, 20)]
    [InlineData(30, 0)]
    public void Options_that_would_let_a_lease_lapse_are_refused_with_a_message(int lease, int renewal)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SupervisorOptions { LeaseSeconds = lease, RenewalSeconds = renewal }.Validate());
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }
}
