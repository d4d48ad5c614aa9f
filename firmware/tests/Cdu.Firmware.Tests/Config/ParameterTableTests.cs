using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class ParameterTableTests
{
    [Fact]
    public void Every_parameter_is_found_by_its_name_at_its_index()
    {
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            Assert.Equal(i, ParameterTable.IndexOf(ParameterTable.Get(i).Name));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("supply.fallbackSetpoint")]
    [InlineData("SUPPLY.FALLBACKSETPOINTCELSIUS")]
    public void An_unknown_name_has_no_index(string name)
    {
        Assert.Equal(-1, ParameterTable.IndexOf(name));
    }

    [Fact]
    public void Every_default_lies_within_its_own_range_and_the_defaults_pass_validation()
    {
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var p = ParameterTable.Get(i);
            Assert.True(p.Accepts(p.DefaultValue), p.Name);
            Assert.True(p.Minimum <= p.Maximum, p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Unit), p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name);
        }

        Assert.Null(new CduSettings().Validate());
    }

    [Fact]
    public void Names_are_unique_and_say_their_module()
    {
        var names = new HashSet<string>();
        for (var i = 0; i < ParameterTable.Count; i++)
        {
            var name = ParameterTable.Get(i).Name;
            Assert.True(names.Add(name), name);
            Assert.Contains('.', name);
        }
    }

    [Fact]
    public void The_index_constants_name_the_parameters_they_stand_for()
    {
        Assert.Equal("cycle.periodMilliseconds", ParameterTable.Get(ParameterTable.ControlPeriodMilliseconds).Name);
        Assert.Equal("supply.fallbackSetpointCelsius", ParameterTable.Get(ParameterTable.FallbackSupplyTemperatureCelsius).Name);
        Assert.Equal("pump.failureDetectSeconds", ParameterTable.Get(ParameterTable.PumpFailureDetectSeconds).Name);
        Assert.Equal("leak.criticalPercent", ParameterTable.Get(ParameterTable.LeakCriticalPercent).Name);
        Assert.Equal("lease.maximumSeconds", ParameterTable.Get(ParameterTable.LeaseMaximumSeconds).Name);
        Assert.Equal("pump.deltaPressureMinimumKpa", ParameterTable.Get(ParameterTable.DeltaPressureMinimumKpa).Name);
        Assert.Equal("pump.deltaPressureMaximumKpa", ParameterTable.Get(ParameterTable.DeltaPressureMaximumKpa).Name);
        Assert.Equal("pump.deltaPressureSlewKpaPerSecond", ParameterTable.Get(ParameterTable.DeltaPressureSlewKpaPerSecond).Name);
        Assert.Equal(ParameterTable.DeltaPressureSlewKpaPerSecond + 1, ParameterTable.Count);
    }
}
