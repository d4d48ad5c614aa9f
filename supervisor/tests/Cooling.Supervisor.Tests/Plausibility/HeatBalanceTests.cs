using Cooling.Models.Coolant;
using Cooling.Supervisor.Plausibility;

namespace Cooling.Supervisor.Tests.Plausibility;

/// <summary>The balance equations with numbers worked out here, independently of the code under test.</summary>
public sealed class HeatBalanceTests
{
    [Fact]
    public void SEC_20_secondary_heat_of_water_matches_the_textbook_property_table()
    {
        // 600 L/min = 0.01 m³/s, 30 → 38 °C. Incropera Table A.6 (saturated water) at 307 K (≈ 34 °C, the mean):
        // v_f = 1.006e-3 m³/kg → ρ = 994.0 kg/m³, c_p = 4178 J/(kg·K): Q = 994.0 · 4178 · 0.01 · 8 = 332.2 kW.
        var expected = 994.0 * 4178 * 0.01 * 8;

        var q = HeatBalance.SecondaryHeatWatts(Coolant.Water, 600, 30, 38);

        Assert.InRange(q, expected * 0.995, expected * 1.005);
    }

    [Fact]
    public void SEC_20_secondary_heat_of_PG25_is_rho_cp_flow_delta_T_at_the_mean_temperature()
    {
        var pg = Coolant.PropyleneGlycol25;
        var rho = pg.DensityKilogramsPerCubicMeter(35); // mean of 30 and 40 °C
        var cp = pg.SpecificHeatJoulesPerKilogramKelvin(35);
        var expected = rho * cp * (720.0 / 60_000) * 10;

        var q = HeatBalance.SecondaryHeatWatts(pg, 720, 30, 40);

        Assert.Equal(expected, q, 6);
        Assert.InRange(q, 470_000, 490_000); // ≈ 1013 kg/m³ · 3950 J/(kg·K) · 0.012 m³/s · 10 K
    }

    [Fact]
    public void SEC_20_pump_work_is_volume_flow_times_pressure_rise()
    {
        Assert.Equal(0.012 * 121_500, HeatBalance.PumpHeatWatts(720, 121.5), 9); // 1458 W
        Assert.Equal(0, HeatBalance.PumpHeatWatts(0, 150));
    }

    [Fact]
    public void SEC_20_the_implied_return_carries_the_heat_at_the_capacity_rate()
    {
        Assert.Equal(30 + 480_000 / 48_000.0, HeatBalance.ImpliedReturnCelsius(30, 480_000, 48_000), 12);
    }

    [Theory]
    [InlineData(35, 24, 40, 0)] // facility return between facility supply and secondary return: allowed
    [InlineData(41.5, 24, 40, 1.5)] // warmer than the hot inlet: impossible
    [InlineData(22, 24, 40, -2)] // colder than the cold inlet: impossible
    [InlineData(24, 40, 24, 0)]
    public void SEC_20_an_outlet_must_lie_between_the_two_inlets(double outlet, double inlet, double otherInlet, double expected)
    {
        Assert.Equal(expected, HeatBalance.OutsideInletsKelvin(outlet, inlet, otherInlet), 12);
    }
}
