using Cdu.Firmware;
using Cdu.Firmware.Alarms;
using Cdu.Firmware.Safety;
using Cooling.Hil.Sil;
using Cooling.Twin;
using Xunit.Abstractions;

namespace Cooling.Hil.Tests.Requirements;

/// <summary>SAF-1 … SAF-6, each with its declared reaction time measured on simulated time.</summary>
public sealed class SafetyRequirementTests(ITestOutputHelper output)
{
    private static SilRig Running(CduSettings? settings = null)
    {
        var rig = new SilRig(settings);
        rig.SetUtilization(0.6);
        rig.Supervise(30);
        rig.RunFor(300);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        return rig;
    }

    private static bool PumpsStopped(SilRig rig) => !rig.Io.Commands.PumpRunCommand.Any(run => run);

    [Fact]
    public void SAF_1_a_critical_leak_stops_the_pumps_and_closes_the_isolation_within_1_s_and_stays_latched_until_reset()
    {
        var rig = Running();

        rig.Plant.LeakZoneLevelPercent[2] = 80;
        var reaction = rig.RunUntil(() => PumpsStopped(rig) && !rig.Io.Commands.IsolationValvesOpen, 5);

        output.WriteLine($"pumps stopped and isolation closed {reaction:F1} s after the leak");
        Assert.True(reaction <= 1.0, $"took {reaction:F1} s");
        Assert.Equal(CduMode.Shutdown, rig.Controller.Mode);
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.LeakCriticalFirst + 2).Active);

        rig.Plant.LeakZoneLevelPercent[2] = 0; // dried up: still latched
        rig.RunFor(30);
        Assert.True(PumpsStopped(rig));
        Assert.False(rig.Io.Commands.IsolationValvesOpen);

        rig.Command("\"command\":\"reset\"");
        var restart = rig.RunUntil(() => !PumpsStopped(rig) && rig.Io.Commands.IsolationValvesOpen, 5);
        Assert.True(restart <= 1.0);
        rig.RunFor(60);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
    }

    [Fact]
    public void SAF_1_a_reset_while_the_zone_is_still_wet_keeps_the_latch()
    {
        var rig = Running();
        rig.Plant.LeakZoneLevelPercent[0] = 90;
        rig.RunFor(2);
        rig.Command("\"command\":\"reset\"");
        rig.RunFor(2);

        Assert.True(PumpsStopped(rig));
        Assert.True(rig.Controller.Leaks.CriticalLatched);
    }

    [Fact]
    public void SAF_2_reservoir_low_low_stops_the_pumps_within_1_s()
    {
        var rig = Running();

        rig.Plant.ReservoirLevelPercent = 5;
        var reaction = rig.RunUntil(() => PumpsStopped(rig), 5);

        output.WriteLine($"pumps stopped {reaction:F1} s after low-low");
        Assert.True(reaction <= 1.0, $"took {reaction:F1} s");
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.ReservoirLowLow).Active);
        Assert.True(rig.Io.Commands.IsolationValvesOpen, "low-low is not a leak: the isolation stays open");
    }

    [Fact]
    public void SAF_3_the_supply_is_never_commanded_below_dew_point_plus_2_K()
    {
        var rig = Running();
        rig.Io.AmbientTemperatureCelsius = 30;
        rig.Io.RelativeHumidityPercent = 75; // dew point ≈ 25.1 °C
        rig.Supervise(20);
        var lowest = double.MaxValue;
        var dewPoint = 0.0;

        rig.RunFor(900, () =>
        {
            dewPoint = rig.Controller.DewPointCelsius;
            lowest = Math.Min(lowest, Math.Min(rig.Controller.EffectiveSupplySetpointCelsius, rig.Controller.TargetSupplySetpointCelsius) - dewPoint);
        });

        output.WriteLine($"dew point {dewPoint:F2} °C; lowest setpoint margin above it {lowest:F3} K");
        Assert.InRange(dewPoint, 24.5, 25.5);
        Assert.True(lowest >= 2.0 - 1e-9, $"margin {lowest:F3} K");
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.DewPointLimit).Active);
        Assert.Contains(rig.Bus.On(rig.Topics.SetpointAcknowledgement), a => a.Contains("\"clamped to dew point + margin\"", StringComparison.Ordinal));
    }

    public static TheoryData<string, SensorFaultKind, double, SensorStatus, double> SensorFaults => new()
    {
        // channel, injected fault, amount, expected status, declared detection time (s): one cycle (0.1 s) for
        // missing/open/short/range/rate, sensor.stuckSeconds (60 s) for stuck, and for disagreement the drift's time to
        // leave the 1 K band (0.2 K/s → 5 s) plus sensor.supplyDisagreementSeconds (30 s).
        { "supply1", SensorFaultKind.Open, 0, SensorStatus.Open, 0.1 },
        { "supply1", SensorFaultKind.Short, 0, SensorStatus.Short, 0.1 },
        { "supply1", SensorFaultKind.Fixed, 120, SensorStatus.OutOfRange, 0.1 },
        { "supply1", SensorFaultKind.Fixed, 50, SensorStatus.RateOfChange, 0.1 },
        { "supply1", SensorFaultKind.Stuck, 0, SensorStatus.Stuck, 60.1 },
        { "supply1", SensorFaultKind.Drift, 0.2, SensorStatus.Disagreement, 35.1 },
        { "deltaPressure", SensorFaultKind.Open, 0, SensorStatus.Open, 0.1 },
        { "flow", SensorFaultKind.Short, 0, SensorStatus.Short, 0.1 },
    };

    [Theory]
    [MemberData(nameof(SensorFaults))]
    public void SAF_4_each_sensor_fault_is_detected_within_its_declared_time_and_the_loop_degrades_safely(
        string channel, SensorFaultKind kind, double amount, SensorStatus expected, double declaredSeconds)
    {
        var rig = Running();
        var index = Array.IndexOf(SimulatedCduIo.Channels, channel);

        rig.Io.Inject(channel, new SensorFault(kind, amount));
        var detected = rig.RunUntil(() => rig.Controller.Sensors.Channel(index).Status == expected, 120);
        rig.RunFor(60);

        output.WriteLine($"{channel} {kind}: {expected} after {detected:F1} s (declared {declaredSeconds} s); mode {rig.Controller.Mode}");
        Assert.True(detected <= declaredSeconds + 1e-6, $"detected after {detected:F1} s");
        Assert.Equal(CduMode.Degraded, rig.Controller.Mode);
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.SensorFirst + index).Active);
        if (channel.StartsWith("supply", StringComparison.Ordinal))
        {
            // Two healthy supply sensors remain: the valve loop keeps regulating on them.
            Assert.True(Math.Abs(rig.Plant.SupplyCelsius - 30) < 0.5, $"supply {rig.Plant.SupplyCelsius:F2} °C");
        }
        else if (channel == "deltaPressure")
        {
            // The pumps' controlled variable is lost: they run at their safe speed.
            Assert.Equal(rig.Settings.Pump.SafeSpeedPercent, rig.Io.Commands.PumpSpeedCommandPercent[rig.Controller.Pumps.Lead], 3);
        }
        else
        {
            // Flow only guards against dry running here: the pumps keep holding ΔP.
            Assert.True(Math.Abs(rig.Plant.DeltaPressureKpa - rig.Settings.Pump.DeltaPressureSetpointKpa) < 0.05 * rig.Settings.Pump.DeltaPressureSetpointKpa);
        }
    }

    [Fact]
    public void SAF_4_with_every_supply_sensor_lost_the_valve_goes_to_its_safe_position()
    {
        var rig = Running();
        foreach (var channel in new[] { "supply1", "supply2", "supply3" })
        {
            rig.Io.Inject(channel, new SensorFault(SensorFaultKind.Open));
        }

        rig.RunFor(120);

        Assert.Equal(rig.Settings.Valve.SafePositionPercent, rig.Io.Commands.ValveCommandPercent, 3);
        Assert.Equal(CduMode.Degraded, rig.Controller.Mode);
    }

    [Fact]
    public void SAF_5_a_hung_control_cycle_drives_the_safe_outputs_within_2_s()
    {
        var rig = Running();
        var start = rig.Seconds;
        double? safeAt = null;

        for (var i = 0; i < 50 && safeAt is null; i++)
        {
            rig.AdvancePlant(); // the cycle no longer runs; the host's watchdog still checks every 100 ms
            if (rig.Controller.WatchdogCheck()) safeAt = rig.Seconds - start;
        }

        output.WriteLine($"watchdog drove the safe outputs {safeAt:F1} s after the last cycle");
        Assert.NotNull(safeAt);
        Assert.True(safeAt <= 2.0, $"after {safeAt:F1} s");
        Assert.Equal(rig.Settings.Valve.SafePositionPercent, rig.Io.Commands.ValveCommandPercent, 6);
        Assert.Equal(rig.Settings.Pump.SafeSpeedPercent, rig.Io.Commands.PumpSpeedCommandPercent[rig.Controller.Pumps.Lead], 6);
        Assert.True(rig.Io.Commands.AlarmRelay);
    }

    [Fact]
    public void SAF_5_an_overrunning_cycle_is_replaced_by_the_safe_outputs_in_the_same_cycle()
    {
        var rig = Running();
        rig.Io.ReadDelay = () => rig.Clock.Advance(rig.Settings.Timing.WatchdogOverrunMilliseconds + 50); // a slow bus read

        rig.Step();

        Assert.Equal(rig.Settings.Valve.SafePositionPercent, rig.Io.Commands.ValveCommandPercent, 6);
        Assert.Equal("overrun", rig.Controller.CycleMonitor.LastFault);
        rig.Io.ReadDelay = null;
        rig.RunFor(1);
        Assert.Equal(CduMode.Fault, rig.Controller.Mode);
        Assert.True(rig.Controller.Alarms.Get(AlarmTable.CycleFault).Active);
        rig.RunFor(rig.Settings.Sensor.RecoverySeconds + 60);
        Assert.NotEqual(CduMode.Fault, rig.Controller.Mode);
    }

    [Theory]
    [InlineData(60.0, "clamped", 45.0, "clamped to the envelope maximum")]
    [InlineData(10.0, "clamped", 18.0, "clamped to the envelope minimum")]
    [InlineData(31.0, "accepted", 31.0, "as requested")]
    public void SAF_6_out_of_envelope_requests_are_clamped_and_the_acknowledgement_says_which_limit(double requested, string status, double applied, string reason)
    {
        var rig = Running();
        rig.Supervise(double.NaN);

        var sequence = rig.Request(requested);
        rig.Step();

        var ack = System.Text.Json.JsonDocument.Parse(rig.Bus.On(rig.Topics.SetpointAcknowledgement).Last()).RootElement;
        Assert.Equal(sequence, ack.GetProperty("seq").GetInt64());
        Assert.Equal(status, ack.GetProperty("status").GetString());
        Assert.Equal(applied, ack.GetProperty("appliedSupplyTemperatureCelsius").GetDouble());
        Assert.Equal(reason, ack.GetProperty("reason").GetString());
        Assert.Equal(applied, rig.Controller.TargetSupplySetpointCelsius);
    }

    [Fact]
    public void SAF_6_malformed_or_out_of_contract_requests_are_rejected_and_nothing_moves()
    {
        var rig = Running();
        rig.Supervise(double.NaN);
        var target = rig.Controller.TargetSupplySetpointCelsius;

        rig.Deliver(rig.Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":999999,"leaseSeconds":99999,"supplyTemperatureCelsius":30}""");
        rig.Step();

        var ack = System.Text.Json.JsonDocument.Parse(rig.Bus.On(rig.Topics.SetpointAcknowledgement).Last()).RootElement;
        Assert.Equal("rejected", ack.GetProperty("status").GetString());
        Assert.Equal("leaseSeconds outside the firmware's allowed range", ack.GetProperty("reason").GetString());
        Assert.Equal(target, rig.Controller.TargetSupplySetpointCelsius);
    }
}
