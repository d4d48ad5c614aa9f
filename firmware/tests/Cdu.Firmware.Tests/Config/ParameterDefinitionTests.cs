using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class ParameterDefinitionTests
{
    private static readonly ParameterDefinition Real = new("supply.dewPointMarginKelvin", "K", 2.0, 0.5, 10.0, false, "margin");
    private static readonly ParameterDefinition Whole = new("pump.count", "–", 2.0, 1.0, 4.0, true, "pumps");

    [Fact]
    public void The_definition_keeps_what_it_was_given()
    {
        Assert.Equal("supply.dewPointMarginKelvin", Real.Name);
        Assert.Equal("K", Real.Unit);
        Assert.Equal(2.0, Real.DefaultValue);
        Assert.Equal(0.5, Real.Minimum);
        Assert.Equal(10.0, Real.Maximum);
        Assert.False(Real.Integer);
        Assert.Equal("margin", Real.Description);
        Assert.True(Whole.Integer);
    }

    [Theory]
    [InlineData(0.5, true)]
    [InlineData(10.0, true)]
    [InlineData(2.25, true)]
    [InlineData(0.4999999, false)]
    [InlineData(10.0000001, false)]
    [InlineData(double.NaN, false)]
    [InlineData(double.PositiveInfinity, false)]
    [InlineData(double.NegativeInfinity, false)]
    public void A_real_parameter_accepts_its_closed_range_and_nothing_else(double value, bool accepted)
    {
        Assert.Equal(accepted, Real.Accepts(value));
    }

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(4.0, true)]
    [InlineData(3.0, true)]
    [InlineData(2.5, false)]
    [InlineData(3.999, false)]
    [InlineData(1.001, false)]
    [InlineData(0.0, false)]
    [InlineData(5.0, false)]
    public void A_whole_number_parameter_accepts_only_whole_numbers_in_its_range(double value, bool accepted)
    {
        Assert.Equal(accepted, Whole.Accepts(value));
    }

    [Fact]
    public void An_unbounded_parameter_still_refuses_infinity()
    {
        var open = new ParameterDefinition("x", "–", 0, double.NegativeInfinity, double.PositiveInfinity, false, "");

        Assert.False(open.Accepts(double.PositiveInfinity));
        Assert.False(open.Accepts(double.NegativeInfinity));
        Assert.True(open.Accepts(-1e300));
    }
}
