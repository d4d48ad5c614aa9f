using Cooling.Models.Components;

namespace Cooling.Models.Tests;

public sealed class HeatExchangerTests
{
    [Fact]
    public void Balanced_counterflow_effectiveness_is_NTU_over_one_plus_NTU()
    {
        var hx = new CounterflowHeatExchanger(50_000);

        Assert.Equal(2.0 / 3.0, hx.Effectiveness(25_000, 25_000), 9); // NTU = 2
    }

    [Fact]
    public void Unbalanced_counterflow_matches_the_textbook_formula()
    {
        // Incropera Table 11.3: NTU = 1.5, Cr = 0.5 → ε = (1 − e^(−0.75)) / (1 − 0.5·e^(−0.75)) ≈ 0.6908
        var hx = new CounterflowHeatExchanger(15_000);

        Assert.Equal(0.6908, hx.Effectiveness(10_000, 20_000), 4);
    }

    [Theory]
    [InlineData(1.0, 1e6)]
    [InlineData(1e6, 1.0)]
    [InlineData(50_000, 60_000)]
    [InlineData(1e-3, 1e-3)]
    public void Effectiveness_stays_within_zero_and_one(double hot, double cold)
    {
        var e = new CounterflowHeatExchanger(120_000).Effectiveness(hot, cold);

        Assert.InRange(e, 0, 1);
    }

    [Fact]
    public void No_flow_on_either_side_moves_no_heat()
    {
        var hx = new CounterflowHeatExchanger(120_000);

        Assert.Equal(0, hx.HeatFlowWatts(40, 0, 24, 50_000));
        Assert.Equal(0, hx.HeatFlowWatts(40, 50_000, 24, 0));
    }
}
