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
        $$"""{"v":1,"epoch":1,"seq":{{seq}},"issuedAtUnixMilliseconds":1,"leaseSeconds":{{lease}},"supplyTemperatureCelsius":{{celsius}}}""";

    [Fact]
    public void Without_a_lease_the_target_is_the_local_fallback()
    {
        Assert.Equal(_settings.Supply.FallbackSetpointCelsius, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
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
    [InlineData("""{"v":1,"epoch":1,"seq":0,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingSequence)]
    [InlineData("""{"v":1,"epoch":1,"seq":1.5,"leaseSeconds":30,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingSequence)]
    [InlineData("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":"30"}""", SetpointReasons.MissingSupplyTemperature)]
    [InlineData("""{"v":1,"epoch":1,"seq":1,"supplyTemperatureCelsius":30}""", SetpointReasons.MissingLease)]
    [InlineData("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":4,"supplyTemperatureCelsius":30}""", SetpointReasons.LeaseOutOfRange)]
    [InlineData("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":601,"supplyTemperatureCelsius":30}""", SetpointReasons.LeaseOutOfRange)]
    public void Requests_out_of_contract_are_refused_with_the_reason(string json, string reason)
    {
        var d = Decide(json);

        Assert.Equal(SetpointStatus.Rejected, d.Status);
        Assert.Equal(reason, d.Reason);
        Assert.Equal(0, d.LeaseSeconds);
        Assert.False(_arbiter.LeaseActive);
        Assert.Equal(_settings.Supply.FallbackSetpointCelsius, d.AppliedSupplyTemperatureCelsius);
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
        Assert.Equal(_settings.Supply.FallbackSetpointCelsius, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));

        Decide(Request(2, 33), nowMilliseconds: 40_000);
        Assert.False(_arbiter.LeaseLost);
        Assert.Equal(33, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
    }

    [Fact]
    public void Sequence_number_one_is_the_first_acceptable_one()
    {
        var d = Decide(Request(1, 30));

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(1, _arbiter.LastSequence);
    }

    [Fact]
    public void A_rejection_for_a_bad_version_still_names_the_sequence_and_a_missing_sequence_is_minus_one()
    {
        Assert.Equal(12, Decide("""{"v":2,"seq":12,"leaseSeconds":30,"supplyTemperatureCelsius":30}""").Sequence);
        Assert.Equal(-1, Decide("""{"v":1,"epoch":1,"seq":-3,"leaseSeconds":30,"supplyTemperatureCelsius":30}""").Sequence);
        Assert.Equal(13, Decide("""{"v":1,"epoch":1,"seq":13,"leaseSeconds":30,"supplyTemperatureCelsius":30}""").Sequence);
    }

    [Fact]
    public void A_refused_lease_still_reports_the_requested_temperature()
    {
        var d = Decide(Request(3, 31, lease: 4));

        Assert.Equal(SetpointReasons.LeaseOutOfRange, d.Reason);
        Assert.Equal(31, d.RequestedSupplyTemperatureCelsius);
        Assert.Equal(3, d.Sequence);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(600)]
    public void A_lease_exactly_at_the_allowed_limits_is_granted(int lease)
    {
        var d = Decide(Request(1, 30, lease), nowMilliseconds: 2_000);

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(lease, d.LeaseSeconds);
        Assert.Equal(lease * 1000L, _arbiter.LeaseRemainingMilliseconds(2_000));
    }

    [Theory]
    [InlineData(45.0)]
    [InlineData(18.0)]
    public void A_request_exactly_at_the_envelope_limit_is_accepted_as_requested(double celsius)
    {
        var d = Decide(Request(1, celsius), dewPoint: 0);

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(SetpointReasons.AsRequested, d.Reason);
        Assert.Equal(celsius, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void A_request_exactly_at_dew_point_plus_margin_is_accepted_as_requested()
    {
        var d = Decide(Request(1, 23.5), dewPoint: 21.5);

        Assert.Equal(SetpointStatus.Accepted, d.Status);
        Assert.Equal(23.5, d.AppliedSupplyTemperatureCelsius);
    }

    [Fact]
    public void The_dew_point_floor_wins_over_the_envelope_minimum()
    {
        var d = Decide(Request(1, 10), dewPoint: 17.0);

        Assert.Equal(SetpointStatus.Clamped, d.Status);
        Assert.Equal(SetpointReasons.BelowDewPoint, d.Reason);
        Assert.Equal(19.0, d.AppliedSupplyTemperatureCelsius);
        Assert.Equal(19.0, _arbiter.RequestedSupplyTemperatureCelsius);
    }

    [Fact]
    public void The_dew_point_floor_applies_to_the_fallback_too()
    {
        Assert.Equal(27.0, _arbiter.TargetSupplyTemperatureCelsius(25.0)); // exactly at the floor
        Assert.Equal(28.5, _arbiter.TargetSupplyTemperatureCelsius(26.5));
        Assert.Equal(27.0, _arbiter.RequestedSupplyTemperatureCelsius);
    }

    [Fact]
    public void The_lease_remaining_counts_down_and_is_zero_once_expired_or_without_a_lease()
    {
        Assert.Equal(0, _arbiter.LeaseRemainingMilliseconds(0));
        Decide(Request(1, 30, lease: 10), nowMilliseconds: 1_000);

        Assert.Equal(6_000, _arbiter.LeaseRemainingMilliseconds(5_000));
        Assert.Equal(1, _arbiter.LeaseRemainingMilliseconds(10_999));
        Assert.Equal(0, _arbiter.LeaseRemainingMilliseconds(11_000));
        Assert.Equal(0, _arbiter.LeaseRemainingMilliseconds(20_000));
        Assert.True(_arbiter.LeaseActive); // only Tick expires it

        Assert.True(_arbiter.Tick(20_000));
        Assert.False(_arbiter.Tick(20_100));
        Assert.Equal(0, _arbiter.LeaseRemainingMilliseconds(5_000));
    }

    [Fact]
    public void Ticking_without_a_lease_reports_no_expiry()
    {
        Assert.False(_arbiter.Tick(1_000_000));
        Assert.False(_arbiter.LeaseLost);
    }

    [Fact]
    public void The_requested_temperature_follows_the_lease()
    {
        Decide(Request(1, 33), nowMilliseconds: 0);
        Assert.Equal(33, _arbiter.RequestedSupplyTemperatureCelsius);

        _arbiter.Tick(30_000);
        Assert.Equal(_settings.Supply.FallbackSetpointCelsius, _arbiter.RequestedSupplyTemperatureCelsius);
    }

    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("250.5", 250.5)]
    [InlineData("100000", 100000.0)]
    [InlineData("100000.5", 0.0)]
    [InlineData("-0.1", 0.0)]
    [InlineData("\"250\"", 0.0)]
    public void The_announced_it_load_is_taken_within_0_to_100_MW(string json, double expected)
    {
        Decide($$"""{"v":1,"epoch":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30,"itLoadKilowatts":{{json}}}""");

        Assert.Equal(expected, _arbiter.AnnouncedItLoadKilowatts);
    }

    [Fact]
    public void The_announced_it_load_counts_only_under_a_lease_and_a_request_without_one_clears_it()
    {
        Decide("""{"v":1,"epoch":1,"seq":1,"leaseSeconds":30,"supplyTemperatureCelsius":30,"itLoadKilowatts":400}""");
        Assert.Equal(400, _arbiter.AnnouncedItLoadKilowatts);

        _arbiter.Tick(30_000);
        Assert.Equal(0, _arbiter.AnnouncedItLoadKilowatts);

        Decide(Request(2, 30), nowMilliseconds: 40_000);
        Assert.Equal(0, _arbiter.AnnouncedItLoadKilowatts);
    }

    [Fact]
    public void A_rejected_request_keeps_the_lease_and_target_in_force()
    {
        Decide(Request(5, 32), nowMilliseconds: 0);

        var d = Decide(Request(4, 40), nowMilliseconds: 1_000);

        Assert.Equal(SetpointStatus.Rejected, d.Status);
        Assert.Equal(32, d.AppliedSupplyTemperatureCelsius);
        Assert.Equal(0, d.LeaseSeconds);
        Assert.Equal(32, _arbiter.TargetSupplyTemperatureCelsius(DewPoint));
        Assert.Equal(29_000, _arbiter.LeaseRemainingMilliseconds(1_000));
    }

    [Fact]
    public void An_unreadable_message_is_rejected_with_the_given_reason_and_the_target_in_force()
    {
        Decide(Request(5, 32), nowMilliseconds: 0);
        _decision.LeaseSeconds = 99;
        _decision.RequestedSupplyTemperatureCelsius = 1;

        _arbiter.RejectUnreadable("malformed JSON: unexpected character", DewPoint, _decision);

        Assert.Equal(SetpointStatus.Rejected, _decision.Status);
        Assert.Equal("malformed JSON: unexpected character", _decision.Reason);
        Assert.Equal(-1, _decision.Sequence);
        Assert.Equal(0, _decision.LeaseSeconds);
        Assert.True(double.IsNaN(_decision.RequestedSupplyTemperatureCelsius));
        Assert.Equal(32, _decision.AppliedSupplyTemperatureCelsius);
        Assert.Equal(5, _arbiter.LastSequence);
    }

    [Fact]
    public void A_lease_is_counted_from_the_time_of_the_request()
    {
        Decide(Request(1, 30, lease: 60), nowMilliseconds: 100_000);

        Assert.False(_arbiter.Tick(159_999));
        Assert.True(_arbiter.Tick(160_000));
    }

    [Fact]
    public void Without_a_lease_the_fallback_is_limited_by_dew_point_only_when_it_lies_below_dew_point_plus_margin()
    {
        Assert.False(_arbiter.LimitedByDewPoint(25.0)); // 27 = 25 + 2: exactly at the floor
        Assert.True(_arbiter.LimitedByDewPoint(25.5));
        Assert.False(_arbiter.LimitedByDewPoint(11.0));
    }

    [Fact]
    public void Under_a_lease_the_request_as_sent_decides_whether_dew_point_limits_it()
    {
        Decide(Request(1, 20), dewPoint: 19.0); // floor 21: applied 21, wished 20

        Assert.True(_arbiter.LimitedByDewPoint(19.0));
        Assert.False(_arbiter.LimitedByDewPoint(18.0)); // floor 20: exactly what was wished

        _arbiter.Tick(30_000);
        Assert.False(_arbiter.LimitedByDewPoint(19.0)); // the fallback, 27, is above the floor
    }
}
