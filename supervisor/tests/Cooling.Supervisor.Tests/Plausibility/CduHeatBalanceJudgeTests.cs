using Cooling.Supervisor.Plausibility;
using static Cooling.Supervisor.Tests.Plausibility.PlausibilityTelemetry;

namespace Cooling.Supervisor.Tests.Plausibility;

/// <summary>
/// The judge on 1 Hz CDU messages built from the energy balance: honest loops (steady, and a load step through the
/// loop's transport delay and mixing lag) agree; a spoofed supply, a facility return warmer than the hot inlet and a
/// supply colder than the facility water contradict it, and are judged implausible only after the dwell.
/// </summary>
public sealed class CduHeatBalanceJudgeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly PlausibilityOptions _options = new();
    private readonly CduHeatBalanceJudge _judge;
    private int _second;

    public CduHeatBalanceJudgeTests() => _judge = new CduHeatBalanceJudge(_options);

    private DateTimeOffset Now => Start.AddSeconds(_second);

    // One message a second: the CDU's supply and return, the racks' heat.
    private void Run(int seconds, Func<int, (double Supply, double Return, double RackHeat)> at, double facilitySupply = 24, double? facilityReturn = null)
    {
        for (var i = 0; i < seconds; i++, _second++)
        {
            var (supply, ret, heat) = at(_second);
            _judge.Judge(CduMessage(supply, ret, facilitySupply: facilitySupply, facilityReturn: facilityReturn), heat, Now);
        }
    }

    private static double Honest(double heat) => HonestReturnCelsius(30, heat + PumpHeatWatts);

    [Fact]
    public void SEC_20_an_honest_steady_loop_agrees_once_its_memory_is_covered()
    {
        Run(300, _ => (30, Honest(480_000), 480_000));

        Assert.False(_judge.Implausible);
        Assert.Equal(0, _judge.ImplausibleMessages);
        Assert.InRange(_judge.JudgedMessages, 300 - 181, 300 - 179); // the first 180 s cover the loop's memory
        Assert.Equal("the heat balance agrees", _judge.Latest.Reason);
    }

    [Fact]
    public void SEC_20_a_load_step_through_the_loops_lag_is_not_a_contradiction()
    {
        // 150 → 500 kW at t = 300 s. The return answers after the pipes' transport delay (18 s) with the return volume's
        // first-order lag (22.5 s), as the reference loop does.
        const double step = 300, delay = 18, tau = 22.5;
        double Return(int t) => t < step + delay ? Honest(150_000) : Honest(500_000) + (Honest(150_000) - Honest(500_000)) * Math.Exp(-(t - step - delay) / tau);
        Run(600, t => (30, Return(t), t < step ? 150_000 : 500_000));

        Assert.True(Honest(500_000) - Return((int)step + 20) > 6, "the step must leave the return far from the new balance for a while");
        Assert.Equal(0, _judge.ImplausibleMessages);
        Assert.False(_judge.Implausible);
    }

    [Fact]
    public void SEC_20_a_supply_spoofed_low_is_judged_implausible_after_the_memory_and_the_dwell_and_trusted_again_after_the_clear_dwell()
    {
        var honestReturn = Honest(480_000);
        Run(200, _ => (30, honestReturn, 480_000));
        var spoofStart = _second;
        Run(180 + 29, _ => (27, honestReturn, 480_000)); // 3 K colder than it is; facility water 24 °C, so the second law still holds
        Assert.False(_judge.Implausible);
        Assert.True(_judge.ImplausibleMessages > 0);

        Run(2, _ => (27, honestReturn, 480_000));
        Assert.True(_judge.Implausible);
        Assert.Equal(Start.AddSeconds(spoofStart + 180 + 30), _judge.Since);
        var latest = _judge.Latest;
        Assert.False(latest.Plausible);
        // 3 K less the tolerances: 2 RTDs of class A (0.15 K + 0.002·|t| each) and the ±5 % power, ±1 % flow widening of the rise.
        var rise = honestReturn - 30;
        var tolerance = 0.15 + 0.002 * 27 + 0.15 + 0.002 * honestReturn + (rise - PumpHeatWatts / (480_000 + PumpHeatWatts) * rise) * (1.05 / 0.99 - 1);
        Assert.InRange(latest.MismatchKelvin, 3 - tolerance - 0.05, 3 - tolerance + 0.05);
        Assert.InRange(latest.MismatchWatts / latest.MismatchKelvin, 47_000, 49_000); // ρ·c_p·V̇ of PG25 at 720 L/min
        Assert.Contains("above", latest.Reason);

        Run(59, _ => (30, honestReturn, 480_000));
        Assert.True(_judge.Implausible);
        Run(2, _ => (30, honestReturn, 480_000));
        Assert.False(_judge.Implausible);
    }

    [Fact]
    public void SEC_20_a_contradiction_shorter_than_the_dwell_changes_nothing()
    {
        var honestReturn = Honest(480_000);
        Run(200, _ => (30, honestReturn, 480_000));
        Run(25, _ => (30, honestReturn + 3, 480_000));
        Run(10, _ => (30, honestReturn, 480_000));
        Run(25, _ => (30, honestReturn + 3, 480_000));

        Assert.Equal(50, _judge.ImplausibleMessages);
        Assert.False(_judge.Implausible);
    }

    [Fact]
    public void SEC_20_a_facility_return_warmer_than_the_secondary_return_contradicts_the_second_law_at_once()
    {
        var honestReturn = Honest(480_000);
        Run(31, _ => (30, honestReturn, 480_000), facilityReturn: honestReturn + 1.5);

        Assert.True(_judge.Implausible);
        Assert.Contains("facility return", _judge.Latest.Reason);
        // 1.5 K beyond less the facility-return RTD and the warmer inlet's RTD.
        Assert.Equal(1.5 - (0.15 + 0.002 * (honestReturn + 1.5)) - (0.15 + 0.002 * honestReturn), _judge.Latest.MismatchKelvin, 9);
    }

    [Fact]
    public void SEC_20_a_supply_colder_than_the_facility_water_contradicts_the_second_law_without_any_rack()
    {
        Run(31, _ => (21, 31, double.NaN), facilitySupply: 24);

        Assert.True(_judge.Implausible);
        Assert.Contains("secondary supply", _judge.Latest.Reason);
        Assert.Equal(-(3 - (0.15 + 0.002 * 21) - (0.15 + 0.002 * 31)), _judge.Latest.MismatchKelvin, 9);
    }

    [Fact]
    public void SEC_20_without_flow_or_with_an_invalid_sensor_nothing_is_judged_and_an_implausible_CDU_stays_so()
    {
        _judge.Judge(CduMessage(30, 40, flow: 10), 480_000, Now);
        Assert.False(_judge.Latest.Judged);
        _judge.Judge(CduMessage(30, 40) with { SupplyTemperatureCelsius = null }, 480_000, Now);
        Assert.False(_judge.Latest.Judged);

        Run(31, _ => (21, 31, double.NaN));
        Assert.True(_judge.Implausible);
        for (var i = 0; i < 120; i++, _second++) _judge.Judge(CduMessage(30, 40) with { ReturnTemperatureCelsius = null }, 480_000, Now);
        Assert.True(_judge.Implausible);
        Assert.Equal(0, _judge.Latest.MismatchKelvin);
    }
}
