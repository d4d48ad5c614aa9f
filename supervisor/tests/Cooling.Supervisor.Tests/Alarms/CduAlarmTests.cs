using Cooling.Supervisor.Alarms;
using Cooling.Supervisor.Planning;
using Microsoft.Extensions.Logging.Abstractions;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

public sealed class CduAlarmTests : IAsyncLifetime
{
    private const string Cdu1 = "hall1/cdu/cdu1";
    private AlarmTestHall _hall = null!;

    public Task InitializeAsync()
    {
        _hall = new AlarmTestHall(AlarmTestHall.Quick());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    private void Telemetry(byte[] message, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            _hall.Cdu("telemetry", message);
            _hall.After(1);
        }
    }

    [Fact]
    public void Alarms_the_firmware_lists_are_raised_with_their_severity_and_cleared_when_no_longer_listed()
    {
        Telemetry(AlarmMessages.Cdu(alarms: AlarmMessages.Alarm("LeakDetectedCritical", "zone3", "Critical") + "," + AlarmMessages.Alarm("PumpFailed", "pump1", "Warning")), 1);

        var leak = _hall.Find("LeakDetectedCritical", $"{Cdu1}/zone3");
        Assert.Equal(AlarmSeverity.Critical, leak!.Severity);
        Assert.Equal(AlarmOrigin.Cdu, leak.Origin);
        Assert.Equal(AlarmSeverity.Warning, _hall.Find("PumpFailed", $"{Cdu1}/pump1")!.Severity);

        Telemetry(AlarmMessages.Cdu(alarms: AlarmMessages.Alarm("PumpFailed", "pump1", "Warning")), 1);

        Assert.False(_hall.Find("LeakDetectedCritical", $"{Cdu1}/zone3")!.Active);
        Assert.True(_hall.Find("PumpFailed", $"{Cdu1}/pump1")!.Active);
    }

    [Fact]
    public void The_last_will_raises_CDU_offline_and_the_birth_clears_it()
    {
        Telemetry(AlarmMessages.Cdu(), 1);
        _hall.Cdu("state", AlarmMessages.State(online: false));
        _hall.After(0);
        Assert.Equal(AlarmSeverity.Critical, _hall.Find(CduOffline, Cdu1)!.Severity);

        _hall.Cdu("state", AlarmMessages.State(online: true));
        Telemetry(AlarmMessages.Cdu(), 1);
        Assert.False(_hall.Find(CduOffline, Cdu1)!.Active);
        Assert.Null(_hall.Find(CduTelemetryStale, Cdu1)); // offline is not also reported as silent
    }

    [Fact]
    public void A_silent_CDU_raises_CduTelemetryStale_after_the_silence_time_and_clears_when_it_speaks_again()
    {
        Telemetry(AlarmMessages.Cdu(), 1);
        _hall.After(9);
        Assert.Null(_hall.Find(CduTelemetryStale, Cdu1));
        _hall.After(1);
        var silent = _hall.Find(CduTelemetryStale, Cdu1);
        Assert.Contains("no telemetry for 11 s", silent!.Message, StringComparison.Ordinal);

        Telemetry(AlarmMessages.Cdu(), 1);
        Assert.False(_hall.Find(CduTelemetryStale, Cdu1)!.Active);
    }

    [Fact]
    public async Task Supply_deviation_alarms_either_way_after_the_dwell_but_not_during_the_CDU_start_up()
    {
        var options = AlarmTestHall.Quick();
        options.CduStartupSuppressionSeconds = 1200;
        options.CduSupplyDeviationKelvin = new() { Caution = 1, Critical = 2, Hysteresis = 0.5, DwellSeconds = 60, ClearDwellSeconds = 10 };
        var hall = new AlarmTestHall(options);
        try
        {
            for (var i = 0; i < 70; i++)
            {
                hall.Cdu("telemetry", AlarmMessages.Cdu(supply: 32.5, setpoint: 30, uptimeSeconds: 600 + i));
                hall.After(1);
            }

            Assert.Empty(hall.Open);

            for (var i = 0; i < 61; i++)
            {
                hall.Cdu("telemetry", AlarmMessages.Cdu(supply: 28.5, setpoint: 30, uptimeSeconds: 1200 + i));
                hall.After(1);
            }

            var low = hall.Find(BelowLowerCaution, $"{Cdu1}/supply");
            Assert.NotNull(low);
            Assert.Equal(1.5, low.Value!.Value, 6);
            Assert.Null(hall.Find(BelowLowerCritical, $"{Cdu1}/supply"));
            Assert.Null(hall.Find(AboveUpperCaution, $"{Cdu1}/supply"));
        }
        finally
        {
            await hall.DisposeAsync();
        }
    }

    [Fact]
    public void A_refused_request_raises_CduRefusedSetpoint_until_a_request_is_accepted()
    {
        Telemetry(AlarmMessages.Cdu(), 1);
        _hall.Cdu("setpoint/ack", AlarmMessages.Ack(100, "rejected", "stale seq: not greater than the last accepted one"));
        _hall.After(0);

        var refused = _hall.Find(CduRefusedSetpoint, Cdu1);
        Assert.Contains("stale seq", refused!.Message, StringComparison.Ordinal);

        _hall.Cdu("setpoint/ack", AlarmMessages.Ack(101, "accepted"));
        _hall.After(0);
        Assert.False(_hall.Find(CduRefusedSetpoint, Cdu1)!.Active);
        Assert.Equal(1, _hall.Supervisor.Acknowledgements.Rejected);
        Assert.Equal(1, _hall.Supervisor.Acknowledgements.Accepted);
    }

    [Fact]
    public void A_refusal_followed_at_once_by_an_acceptance_is_still_raised()
    {
        Telemetry(AlarmMessages.Cdu(), 1);
        _hall.Cdu("setpoint/ack", AlarmMessages.Ack(100, "rejected"));
        _hall.Cdu("setpoint/ack", AlarmMessages.Ack(101, "accepted"));
        _hall.After(0);

        Assert.NotNull(_hall.Find(CduRefusedSetpoint, Cdu1));
    }

    [Fact]
    public async Task A_request_left_unacknowledged_raises_CduNotAcknowledging_and_its_acknowledgement_clears_it()
    {
        await using var store = new TemporaryStore();
        var options = new SupervisorOptions { AcknowledgementTimeoutSeconds = 5 };
        long sent = 0;
        var coordinator = new SetpointCoordinator(_hall.Supervisor.Hall, new FixedSetpointPlanner(30), options, _hall.Time, store.Store,
            (_, _) => { sent++; return true; }, NullLogger.Instance);
        Telemetry(AlarmMessages.Cdu(), 1);
        coordinator.Tick();
        var sequence = _hall.Supervisor.Hall.Cdus.Single().LastRequest!.Sequence;

        _hall.After(5);
        coordinator.Tick();
        _hall.After(0);
        Assert.Null(_hall.Find(CduNotAcknowledging, Cdu1));
        _hall.After(1);
        coordinator.Tick();
        _hall.After(0);
        Assert.NotNull(_hall.Find(CduNotAcknowledging, Cdu1));

        coordinator.OnAcknowledgement(_hall.Supervisor.Hall.Cdus.Single(), new Contract.SetpointAcknowledgement(sequence, "accepted", "as requested", 30, 30, 30));
        _hall.After(0);
        Assert.False(_hall.Find(CduNotAcknowledging, Cdu1)!.Active);
        Assert.Equal(1, sent);
    }
}
