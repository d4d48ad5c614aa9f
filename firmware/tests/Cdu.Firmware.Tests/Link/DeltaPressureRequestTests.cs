using System.Text;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Link;

/// <summary>The optional ΔP part of a setpoint request: envelope, slew, acknowledgement and lease fallback.</summary>
public sealed class DeltaPressureRequestTests
{
    private static readonly CduTopics Topics = new("site1", "cdu1");
    private readonly CduSettings _settings = new();
    private readonly JsonMessageReader _reader = new();
    private readonly SetpointDecision _decision = new();

    private SetpointDecision Decide(SetpointArbiter arbiter, string json, long nowMilliseconds = 0)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(JsonError.None, _reader.Parse(bytes, 0, bytes.Length));
        arbiter.Decide(_reader, nowMilliseconds, 11.0, _decision);
        return _decision;
    }

    private static string Request(long seq, double celsius, string deltaPressure) =>
        $$"""{"v":1,"epoch":1,"seq":{{seq}},"leaseSeconds":30,"supplyTemperatureCelsius":{{celsius}},"deltaPressureKpa":{{deltaPressure}}}""";

    [Fact]
    public void A_delta_pressure_inside_the_envelope_is_accepted_and_becomes_the_target()
    {
        var arbiter = new SetpointArbiter(_settings);

        var d = Decide(arbiter, Request(1, 30, "85.5"));

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(SetpointReasons.AsRequested, d.DeltaPressureReason);
        Assert.Equal(85.5, d.RequestedDeltaPressureKpa);
        Assert.Equal(85.5, d.AppliedDeltaPressureKpa);
        Assert.Equal(85.5, arbiter.TargetDeltaPressureKpa);
    }

    [Theory]
    [InlineData("500", 200.0, SetpointReasons.DeltaPressureAboveMaximum)]
    [InlineData("5", 30.0, SetpointReasons.DeltaPressureBelowMinimum)]
    public void A_delta_pressure_outside_the_envelope_is_clamped_and_the_acknowledgement_says_which_limit(string requested, double applied, string reason)
    {
        var arbiter = new SetpointArbiter(_settings);

        var d = Decide(arbiter, Request(1, 30, requested));

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(reason, d.Reason);
        Assert.Equal(reason, d.DeltaPressureReason);
        Assert.Equal(applied, d.AppliedDeltaPressureKpa);
        Assert.Equal(30, d.AppliedSupplyTemperatureCelsius);
        Assert.Equal(applied, arbiter.TargetDeltaPressureKpa);
    }

    [Fact]
    public void When_both_parts_are_clamped_the_reason_names_the_temperature_and_the_delta_pressure_reason_its_own_limit()
    {
        var arbiter = new SetpointArbiter(_settings);

        var d = Decide(arbiter, Request(1, 60, "500"));

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(SetpointReasons.AboveMaximum, d.Reason);
        Assert.Equal(SetpointReasons.DeltaPressureAboveMaximum, d.DeltaPressureReason);
    }

    [Theory]
    [InlineData("\"90\"")]
    [InlineData("true")]
    [InlineData("[90]")]
    public void A_delta_pressure_that_is_not_a_number_refuses_the_whole_request(string value)
    {
        var arbiter = new SetpointArbiter(_settings);

        var d = Decide(arbiter, Request(3, 31, value));

        Assert.Equal(SetpointStatus.Rejected, d.Status);
        Assert.Equal(SetpointReasons.InvalidDeltaPressure, d.Reason);
        Assert.False(arbiter.LeaseActive);
        Assert.Equal(_settings.Pump.DeltaPressureSetpointKpa, arbiter.TargetDeltaPressureKpa);
        Assert.Equal(_settings.Supply.FallbackSetpointCelsius, arbiter.TargetSupplyTemperatureCelsius(11));
    }

    [Fact]
    public void A_request_without_delta_pressure_or_with_null_leaves_the_local_setpoint()
    {
        var arbiter = new SetpointArbiter(_settings);
        Decide(arbiter, Request(1, 30, "90"));

        var d = Decide(arbiter, """{"v":1,"epoch":1,"seq":2,"leaseSeconds":30,"supplyTemperatureCelsius":30}""");
        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(SetpointReasons.DeltaPressureNotRequested, d.DeltaPressureReason);
        Assert.Equal(_settings.Pump.DeltaPressureSetpointKpa, d.AppliedDeltaPressureKpa);

        Decide(arbiter, Request(3, 30, "90"));
        d = Decide(arbiter, Request(4, 30, "null"));
        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.True(double.IsNaN(d.RequestedDeltaPressureKpa));
        Assert.Equal(_settings.Pump.DeltaPressureSetpointKpa, arbiter.TargetDeltaPressureKpa);
    }

    [Fact]
    public void While_the_pumps_hold_flow_a_delta_pressure_is_ignored_and_the_acknowledgement_says_so()
    {
        _settings.Pump.ControlVariable = 1;
        var arbiter = new SetpointArbiter(_settings);

        var d = Decide(arbiter, Request(1, 30, "90"));

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(SetpointReasons.DeltaPressureIgnoredHoldingFlow, d.Reason);
        Assert.True(double.IsNaN(d.AppliedDeltaPressureKpa));
        Assert.Equal(30, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void The_leased_delta_pressure_ends_with_the_lease()
    {
        var arbiter = new SetpointArbiter(_settings);
        Decide(arbiter, Request(1, 30, "60"), nowMilliseconds: 0);
        Assert.Equal(60, arbiter.TargetDeltaPressureKpa);

        Assert.True(arbiter.Tick(30_000));

        Assert.Equal(_settings.Pump.DeltaPressureSetpointKpa, arbiter.TargetDeltaPressureKpa);
    }

    [Fact]
    public void The_working_setpoint_ramps_at_its_slew_limit_is_acknowledged_and_returns_to_local_after_the_lease()
    {
        var clock = new ManualClock();
        var io = new ScriptedIo();
        var bus = new RecordingBus();
        var controller = new CduController(new CduSettings(), clock, io, bus, Topics);
        void Run(int cycles)
        {
            for (var i = 0; i < cycles; i++)
            {
                controller.RunCycle();
                clock.Advance(100);
            }
        }

        Run(150);
        Assert.Equal(120, controller.EffectiveDeltaPressureSetpointKpa);
        var bytes = Encoding.UTF8.GetBytes("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":10,"supplyTemperatureCelsius":30,"deltaPressureKpa":60,"itLoadKilowatts":400}""");
        controller.Inbox.TryEnqueue(Topics.SetpointRequest, bytes, 0, bytes.Length);
        Run(30); // 3 s at 10 kPa/s

        var ack = Assert.Single(bus.On(Topics.SetpointAcknowledgement));
        Assert.Equal("accepted", ack.GetProperty("status").GetString());
        Assert.Equal(60, ack.GetProperty("requestedDeltaPressureKpa").GetDouble());
        Assert.Equal(60, ack.GetProperty("appliedDeltaPressureKpa").GetDouble());
        Assert.Equal(SetpointReasons.AsRequested, ack.GetProperty("deltaPressureReason").GetString());
        Assert.Equal(60, controller.TargetDeltaPressureSetpointKpa);
        Assert.Equal(90, controller.EffectiveDeltaPressureSetpointKpa, 6);

        Run(50);
        Assert.Equal(60, controller.EffectiveDeltaPressureSetpointKpa, 6);
        var telemetry = bus.On(Topics.Telemetry).Last();
        Assert.Equal(60, telemetry.GetProperty("deltaPressureSetpointKpa").GetDouble());
        Assert.Equal(60, telemetry.GetProperty("deltaPressureTargetKpa").GetDouble());

        Run(30); // lease of 10 s ends at 11 s after it was granted
        Assert.Equal(CduMode.Fallback, controller.Mode);
        Assert.Equal(120, controller.TargetDeltaPressureSetpointKpa);
        Assert.True(controller.EffectiveDeltaPressureSetpointKpa < 120, "the return to the local setpoint is ramped, not stepped");
        Run(60);
        Assert.Equal(120, controller.EffectiveDeltaPressureSetpointKpa, 6);
    }
}
