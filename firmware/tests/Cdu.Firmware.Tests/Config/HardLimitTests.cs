using System.Text;
using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class HardLimitTests
{
    private static string? Apply(ConfigurationStore store, CduSettings settings, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return store.Apply(bytes, bytes.Length, settings, out _);
    }

    [Theory]
    [InlineData("leak.criticalPercent", 100, "leak.criticalPercent 100 outside the firmware's hard limit 5 … 50")]
    [InlineData("reservoir.lowLowPercent", 0, "reservoir.lowLowPercent 0 outside the firmware's hard limit 5 … 50")]
    [InlineData("lease.maximumSeconds", 86400, "lease.maximumSeconds 86400 outside the firmware's hard limit 5 … 600")]
    [InlineData("pump.dryRunFlowLitersPerMinute", 0, "pump.dryRunFlowLitersPerMinute 0 outside the firmware's hard limit 10 … 1000")]
    [InlineData("supply.dewPointMarginKelvin", 0.5, "supply.dewPointMarginKelvin 0.5 outside the firmware's hard limit 1 … 10")]
    public void A_configuration_update_that_would_weaken_a_safety_function_is_refused_and_nothing_changes(string name, double value, string reason)
    {
        var store = new ConfigurationStore(new VolatileStorage());
        var settings = new CduSettings();
        var before = settings.Get(ParameterTable.IndexOf(name));

        Assert.Equal(reason, Apply(store, settings, $$"""{"v":1,"seq":1,"{{name}}":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"""));
        Assert.Equal(before, settings.Get(ParameterTable.IndexOf(name)));
        Assert.Equal(0, store.Revision);
    }

    [Fact]
    public void Values_inside_the_hard_limits_and_other_parameters_are_applied()
    {
        var store = new ConfigurationStore(new VolatileStorage());
        var settings = new CduSettings();

        Assert.Null(Apply(store, settings, """{"v":1,"seq":1,"leak.criticalPercent":40,"lease.maximumSeconds":5,"valve.proportionalGainPercentPerKelvin":3}"""));
        Assert.Equal(40, settings.Leak.CriticalPercent);
        Assert.Equal(5, settings.Lease.MaximumSeconds);
    }

    [Fact]
    public void A_stored_document_outside_the_hard_limits_is_not_loaded_the_defaults_are()
    {
        var storage = new VolatileStorage();
        var weakened = new CduSettings();
        weakened.Set(ParameterTable.LeakCriticalPercent, 100); // within the engineering range, outside the hard limit
        Assert.True(new ConfigurationStore(storage).Save(weakened));

        var settings = new CduSettings();
        var store = new ConfigurationStore(storage);
        Assert.False(store.Load(settings));
        Assert.Equal(new CduSettings().Leak.CriticalPercent, settings.Leak.CriticalPercent);
        Assert.Contains("hard limit", store.LoadError);
    }

    [Fact]
    public void Every_default_lies_within_the_hard_limits_and_every_hard_limit_within_the_engineering_range()
    {
        for (var i = 0; i < HardLimits.Count; i++)
        {
            var p = ParameterTable.Get(HardLimits.ParameterAt(i));
            Assert.Null(HardLimits.Check(HardLimits.ParameterAt(i), p.DefaultValue));
            Assert.InRange(HardLimits.MinimumAt(i), p.Minimum, p.Maximum);
            Assert.InRange(HardLimits.MaximumAt(i), HardLimits.MinimumAt(i), p.Maximum);
            Assert.False(string.IsNullOrWhiteSpace(HardLimits.RationaleAt(i)));
        }
    }

    [Theory]
    [InlineData(100, "100")]
    [InlineData(0.8, "0.8")]
    [InlineData(-2.125, "-2.125")]
    [InlineData(86400, "86400")]
    [InlineData(0.0004, "0")]
    public void Numbers_in_refusals_read_the_same_in_every_culture(double value, string text) => Assert.Equal(text, HardLimits.Format(value));
}
