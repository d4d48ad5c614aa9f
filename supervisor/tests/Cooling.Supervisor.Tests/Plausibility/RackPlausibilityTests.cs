using Cooling.Supervisor.Plausibility;
using static Cooling.Supervisor.Tests.Plausibility.PlausibilityTelemetry;

namespace Cooling.Supervisor.Tests.Plausibility;

public sealed class RackPlausibilityTests
{
    private readonly PlausibilityOptions _options = new();

    [Fact]
    public void SEC_21_an_honest_rack_agrees() => Assert.Null(RackPlausibility.Contradiction(Rack(30.1, 40.2, 126_000, 61.5), _options));

    [Fact]
    public void SEC_21_an_outlet_below_the_inlet_under_load_contradicts_physics()
    {
        // Tolerance: two class-A RTDs, (0.15 + 0.002·30) + (0.15 + 0.002·29.4) = 0.4188 K; 0.6 K below is beyond it.
        Assert.Contains("outlet 29.40 °C below the inlet 30.00 °C", RackPlausibility.Contradiction(Rack(30, 29.4, 126_000, 61.5), _options));
        Assert.Null(RackPlausibility.Contradiction(Rack(30, 29.7, 126_000, 61.5), _options)); // within the RTDs' tolerance
        Assert.Null(RackPlausibility.Contradiction(Rack(30, 29.4, 2_000, 31), _options)); // an idle rack's outlet tells nothing
    }

    [Fact]
    public void SEC_21_a_hottest_GPU_below_the_coolant_inlet_contradicts_physics()
    {
        // Tolerance: the inlet RTD (0.15 + 0.002·35 = 0.22 K) and the GPU's sensor (3 K).
        Assert.Contains("hottest GPU 31.7 °C below the coolant inlet 35.00 °C", RackPlausibility.Contradiction(Rack(35, 45, 126_000, 31.7), _options));
        Assert.Null(RackPlausibility.Contradiction(Rack(35, 45, 126_000, 31.9), _options));
    }

    [Fact]
    public void SEC_21_values_a_rack_does_not_report_are_not_judged() =>
        Assert.Null(RackPlausibility.Contradiction(Rack(double.NaN, double.NaN, 126_000, 20), _options));
}
