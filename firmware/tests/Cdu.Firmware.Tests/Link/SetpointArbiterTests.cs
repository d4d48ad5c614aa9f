using System.Text;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Tests.Link;

public sealed class SetpointArbiterTests
{
    private const double DewPoint = 11.0;
    private readonly CduSettings _settings = new();
    private readonly SetpointArbiter _arbiter;
    private readonly JsonMessageReader _reader = new();
    private readonly SetpointDecision _decision = new();

    public SetpointArbiterTests() => _arbiter = new SetpointArbiter(_settings);

    private SetpointDecision Decide(string json, long nowMilliseconds = 0, double dewPoint = DewPoint)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Assert.Equal(JsonError.None, _reader.Parse(bytes, 0, bytes.Length));
        _arbiter.Decide(_reader, nowMilliseconds, dewPoint, _decision);
        return _decision;
    }

    private static string Request(long seq, double celsius, int lease = 30) =>
        $$"""{"v":1,"seq":{{seq}},"issuedAtUnixMilliseconds":1,"leaseSeconds":{{lease}},"supplyTemperatureCelsius":{{celsius}}}""";

    [Fact]
    public void Without_a_lease_the_target_is_the_local_fallback()
    {
        Assert.Equal(_settings.FallbackSupplyTemperatureCelsius, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
        Assert.False(_arbiter.LeaseActive);
    }

    [Fact]
    public void A_request_inside_the_envelope_is_accepted_and_leased()
    {
        var d = Decide(Request(7, 31.5));

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(SetpointReasons.AsRequested, d.Reason);
        Assert.Equal(7, d.Sequence);
        Assert.Equal(31.5, d.AppliedSupplyTemperatureCelsius);
        Assert.Equal(30, d.LeaseSeconds);
        Assert.Equal(31.5, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
        Assert.Equal(30_000, _arbiter.LeaseRemainingMilliseconds(0));
    }

    [Theory]
    [InlineData(60.0, 45.0, SetpointReasons.AboveMaximum)]
    [InlineData(10.0, 18.0, SetpointReasons.BelowMinimum)]
    public void A_request_outside_the_envelope_is_clamped_and_says_which_limit(double requested, double applied, string reason)
    {
        var d = Decide(Request(1, requested));

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(reason, d.Reason);
        Assert.Equal(requested, d.RequestedSupplyTemperatureCelsius);
        Assert.Equal(applied, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void A_request_below_dew_point_plus_margin_is_clamped_to_it()
    {
        var d = Decide(Request(1, 20.0), dewPoint: 21.0);

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(SetpointReasons.BelowDewPoint, d.Reason);
        Assert.Equal(23.0, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void Replayed_and_stale_sequence_numbers_are_refused_and_change_nothing()
    {
        Decide(Request(10, 30));

        var replay = Decide(Request(10, 35));
        Assert.Equal(SetpointStatus.Rejected, replay.Status);
        Assert.Equal(SetpointReasons.ReplayedSequence, replay.Reason);

        var stale = Decide(Request(9, 35));
        Assert.Equal(SetpointStatus.Rejected, stale.Status);
        Assert.Equal(SetpointReasons.StaleSequence, stale.Reason);
        Assert.Equal(30, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
        Assert.Equal(10, _arbiter.LastSequence);
    }

    [Theory]
    [InlineData("""{"v":2,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.UnsupportedVersion)]
    [InlineData("""{"v":1,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingSequence)]
    [InlineData("""{"v":1,"seq":0,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingSequence)]
    [InlineData("""{"v":1,"seq":1.5,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingSequence)]
    [InlineData("""{"v":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":"30"}""", SetpointReasons.MissingSupplyTemperature)]
    [InlineData("""{"v":1,"seq":1,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingLease)]
    [InlineData("""{"v":1,"seq":1,"leaseSeconds":4,"supplyTemperatureCelsius":30}""", SetpointReasons.LeaseOutOfRange)]
    [InlineData("""{"v":1,"seq":1,"leaseSeconds":601,"supplyTemperatureCelsius":30}""", SetpointReasons.LeaseOutOfRange)]
    public void Requests_out_of_contract_are_refused_with_the_reason(string json, string reason)
    {
        var d = Decide(json);

        Assert.Equal(SetpointStatus.Rejected, d.Status);
        Assert.Equal(reason, d.Reason);
        Assert.Equal(0, d.LeaseSeconds);
        Assert.False(_arbiter.LeaseActive);
        Assert.Equal(_settings.FallbackSupplyTemperatureCelsius, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void The_lease_expires_on_time_and_the_target_returns_to_the_fallback()
    {
        Decide(Request(1, 33), nowMilliseconds: 1000);

        Assert.False(_arbiter.Tick(30_999));
        Assert.True(_arbiter.LeaseActive);
        Assert.True(_arbiter.Tick(31_000));
        Assert.False(_arbiter.LeaseActive);
        Assert.True(_arbiter.LeaseLost);
        Assert.Equal(_settings.FallbackSupplyTemperatureCelsius, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));

        Decide(Request(2, 33), nowMilliseconds: 40_000);
        Assert.False(_arbiter.LeaseLost);
        Assert.Equal(33, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
    }
}
