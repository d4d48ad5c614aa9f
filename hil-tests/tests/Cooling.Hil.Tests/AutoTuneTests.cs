using System.Globalization;
using System.Text.Json;
using Cdu.Firmware;
using Cooling.Hil.Sil;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests;

/// <summary>The relay auto-tune of the valve loop, started by an operator's command, on the twin's plant.</summary>
public sealed class AutoTuneTests(ITestOutputHelper output)
{
    [Fact]
    public void An_autotune_identifies_the_valve_loop_and_its_proposed_AMIGO_gains_hold_a_load_step()
    {
        var rig = new SilRig();
        rig.SetUtilization(0.6);
        rig.Supervise(30);
        rig.RunFor(900);

        rig.Command("\"command\":\"autotune\",\"actuator\":\"valve\"");
        rig.RunFor(1);
        Assert.Equal(CduMode.Manual, rig.Controller.Mode);
        var took = rig.RunUntil(() => rig.Bus.On(rig.Topics.Event).Any(e => e.Contains("\"AutoTune", StringComparison.Ordinal)), 3600);
        var result = JsonDocument.Parse(rig.Bus.On(rig.Topics.Event).Last(e => e.Contains("\"AutoTune", StringComparison.Ordinal))).RootElement;
        output.WriteLine($"after {took:F0} s: {result}");

        Assert.Equal("AutoTuneCompleted", result.GetProperty("name").GetString());
        Assert.InRange(result.GetProperty("processGainKelvinPerPercent").GetDouble(), -1, -0.01); // more valve, colder supply
        Assert.InRange(result.GetProperty("timeConstantSeconds").GetDouble(), 10, 300);
        Assert.InRange(result.GetProperty("deadTimeSeconds").GetDouble(), 1, 60);
        var lastValve = rig.Io.Commands.ValveCommandPercent;
        var largestStep = 0.0;
        rig.RunFor(300, () =>
        {
            largestStep = Math.Max(largestStep, Math.Abs(rig.Io.Commands.ValveCommandPercent - lastValve));
            lastValve = rig.Io.Commands.ValveCommandPercent;
        });
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.True(largestStep <= rig.Settings.Valve.SlewPercentPerSecond * rig.PeriodSeconds + 1e-9, "the loop took over without a bump");
        Assert.True(Math.Abs(rig.Plant.SupplyCelsius - 30) < 0.5, $"supply {rig.Plant.SupplyCelsius:F2} °C five minutes after the experiment");

        var kp = result.GetProperty("amigoProportionalGainPercentPerKelvin").GetDouble();
        var ti = result.GetProperty("amigoIntegralTimeSeconds").GetDouble();
        rig.Deliver(rig.Topics.ConfigurationSet, string.Create(CultureInfo.InvariantCulture,
            $$"""{"v":1,"seq":1,"valve.proportionalGainPercentPerKelvin":{{kp:F3}},"valve.integralTimeSeconds":{{ti:F1}}}"""));
        rig.RunFor(60);
        Assert.Contains(rig.Bus.On(rig.Topics.ConfigurationAcknowledgement), a => a.Contains("\"applied\"", StringComparison.Ordinal));
        Assert.Equal(kp, rig.Settings.Valve.ProportionalGainPercentPerKelvin, 3);

        rig.SetUtilization(1.0);
        var peak = 0.0;
        rig.RunFor(600, () => peak = Math.Max(peak, Math.Abs(rig.Plant.SupplyCelsius - rig.Controller.EffectiveSupplySetpointCelsius)));
        output.WriteLine($"with AMIGO gains Kp {kp:F2} %/K, Ti {ti:F0} s: peak deviation {peak:F2} K after a 60 → 100 % step");
        Assert.True(peak <= 2.0, $"peak {peak:F2} K");
    }

    [Fact]
    public void An_autotune_is_refused_outside_automatic_and_for_the_pumps()
    {
        var rig = new SilRig();
        rig.Command("\"command\":\"autotune\",\"actuator\":\"valve\""); // still starting up
        rig.RunFor(1);
        rig.Command("\"command\":\"autotune\",\"actuator\":\"pumps\"");
        rig.RunFor(1);

        var acks = rig.Bus.On(rig.Topics.CommandAcknowledgement).Select(a => JsonDocument.Parse(a).RootElement.GetProperty("reason").GetString()).ToList();
        Assert.Equal("autotune: the CDU must be in automatic or fallback", acks[0]);
        Assert.Equal("actuator: only the valve loop can be auto-tuned", acks[1]);
        Assert.False(rig.Controller.ValveTuner.IsRunning);
    }
}
