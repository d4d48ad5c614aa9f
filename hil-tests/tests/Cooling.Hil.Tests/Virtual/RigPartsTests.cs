using System.Text;
using System.Text.Json;
using Cooling.Hil.Device;
using Cooling.Hil.Rig;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Tests.Support;
using Cooling.Hil.Virtual;

namespace Cooling.Hil.Tests.Virtual;

/// <summary>The rig's parts on their own: commands and the bump measurement, the lockstep clock, the plant's scans in lockstep, and what SIL and the rigs share.</summary>
public sealed class RigPartsTests
{
    [Fact]
    public void Commands_carry_rising_sequence_numbers_and_the_bump_is_armed_only_by_the_automatic_command_s_acknowledgement()
    {
        var sent = new List<(string Topic, string Payload)>();
        var commands = new OperatorCommands("cmd", (topic, payload) => sent.Add((topic, Encoding.UTF8.GetString(payload))));
        commands.ContinueAbove(41);

        commands.Send(new OperatorActionSpec { AtSeconds = 0, Command = "manual", Actuator = "valve", ValuePercent = 20 }, valveCommandPercent: 55);
        commands.Send(new OperatorActionSpec { AtSeconds = 1, Command = "automatic", Actuator = "valve" }, valveCommandPercent: 20);

        Assert.Equal([("cmd", """{"v":1,"seq":42,"command":"manual","actuator":"valve","valuePercent":20}"""), ("cmd", """{"v":1,"seq":43,"command":"automatic","actuator":"valve"}""")], sent);
        Assert.False(commands.TakeArmedBump(out _));
        commands.Acknowledged(42);
        Assert.False(commands.TakeArmedBump(out _));
        commands.Acknowledged(43);
        Assert.True(commands.TakeArmedBump(out var before));
        Assert.Equal(20, before);
        Assert.False(commands.TakeArmedBump(out _));
        Assert.Equal(44, commands.Send("\"command\":\"reset\""));
    }

    [Fact]
    public void The_lockstep_clock_keeps_the_latest_time_and_scan_sequence_sent_and_never_goes_back()
    {
        var clock = new LockstepClock();

        clock.Sent(500, 7);
        clock.Sent(300, 9);

        Assert.Equal(500, clock.Milliseconds);
        Assert.Equal(9, clock.ScanSequence);
    }

    [Fact]
    public void In_lockstep_the_plant_s_scans_carry_its_time_from_where_the_CDU_s_clock_stands_with_sequence_numbers_above_the_last_rig_s()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));
        using var plant = new VirtualPlant(scenario, SilLane.BuildSettings(scenario, null), 1);
        plant.ContinueScansAbove(1000);

        plant.RestAt(12_300);
        var atRest = Read(plant.ScanAtPlantTime());
        plant.FollowPlantClock();
        plant.Step();
        var moved = Read(plant.ScanAtPlantTime());

        Assert.Equal((12_300, 1001), atRest);
        Assert.Equal((12_400, 1002), moved);
        Assert.Equal(12_300, plant.OriginUptimeMilliseconds);
        Assert.Throws<InvalidOperationException>(() => plant.RestAt(20_000));
    }

    [Fact]
    public void The_KPI_windows_are_the_whole_run_and_one_per_distinct_criterion_window_with_the_setpoint_cadence_of_the_target()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));
        var distinct = scenario.Criteria.Select(c => (c.FromSeconds, c.UntilSeconds ?? scenario.DurationSeconds)).Append((0, scenario.DurationSeconds)).Distinct().Count();

        var rig = ScenarioWindows.Build(scenario, setpointEveryCycle: false);
        var sil = ScenarioWindows.Build(scenario, setpointEveryCycle: true);

        Assert.Equal(distinct, rig.Count);
        Assert.Equal((0, scenario.DurationSeconds), (rig[0].FromSeconds, rig[0].UntilSeconds));
        Assert.All(rig, w => Assert.False(w.SetpointEveryCycle));
        Assert.All(sil, w => Assert.True(w.SetpointEveryCycle));
    }

    [Fact]
    public void A_cycle_sample_takes_the_plant_from_the_model_and_leaves_the_lead_pump_speed_unknown_while_it_is_not_running()
    {
        var scenario = ScenarioLoader.Load(Repository.Scenario("virtual-leak-isolation"));
        using var plant = new VirtualPlant(scenario, SilLane.BuildSettings(scenario, null), 1);
        var state = new ControllerState(27, 27, 10, double.NaN, 0, false, false, false, true);

        var stopped = CycleSampler.Sample(3, plant.Plant, plant.Io.Commands, state);
        plant.Io.Commands.PumpRunCommand[0] = true;
        plant.Io.Commands.PumpSpeedCommandPercent[0] = 60;
        var running = CycleSampler.Sample(3, plant.Plant, plant.Io.Commands, state);

        Assert.True(double.IsNaN(stopped.LeadPumpSpeedCommandPercent));
        Assert.False(stopped.AnyPumpRunning);
        Assert.Equal(60, running.LeadPumpSpeedCommandPercent);
        Assert.True(running.AnyPumpRunning);
        Assert.Equal(plant.Plant.SupplyCelsius, running.SupplyCelsius);
        Assert.Equal(CycleSampler.HottestGpuCelsius(plant.Plant), running.HottestGpuCelsius);
        Assert.True(running.Shutdown);
    }

    private static (long PlantMilliseconds, long Sequence) Read(byte[] scan)
    {
        using var document = JsonDocument.Parse(scan);
        Assert.Equal("plantMilliseconds", document.RootElement.EnumerateObject().First().Name);
        return (document.RootElement.GetProperty("plantMilliseconds").GetInt64(), document.RootElement.GetProperty("seq").GetInt64());
    }
}
