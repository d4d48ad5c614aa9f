using System.Text;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests;

public sealed class CduControllerTests
{
    private static readonly CduTopics Topics = new("site1", "cdu1");

    private sealed class Rig
    {
        public ManualClock Clock { get; } = new();
        public ScriptedIo Io { get; } = new();
        public RecordingBus Bus { get; } = new();
        public CduController Controller { get; }

        public Rig() => Controller = new CduController(new CduSettings(), Clock, Io, Bus, Topics);

        public void Deliver(string topic, string payload)
        {
            var bytes = Encoding.UTF8.GetBytes(payload);
            Controller.Inbox.TryEnqueue(topic, bytes, 0, bytes.Length);
        }

        public void Run(int cycles)
        {
            for (var i = 0; i < cycles; i++)
            {
                Controller.RunCycle();
                Clock.Advance(100);
            }
        }
    }

    [Fact]
    public void A_setpoint_request_is_applied_and_acknowledged_with_what_was_applied()
    {
        var rig = new Rig();
        rig.Run(5);
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":5,"leaseSeconds":30,"supplyTemperatureCelsius":32.5}""");
        rig.Run(1);

        var ack = Assert.Single(rig.Bus.On(Topics.SetpointAcknowledgement));
        Assert.Equal(5, ack.GetProperty("seq").GetInt64());
        Assert.Equal("accepted", ack.GetProperty("status").GetString());
        Assert.Equal(32.5, ack.GetProperty("appliedSupplyTemperatureCelsius").GetDouble());
        Assert.Equal(32.5, rig.Controller.TargetSupplySetpointCelsius);
        Assert.Equal(1, rig.Controller.Acknowledgements);
    }

    [Fact]
    public void The_setpoint_ramps_at_the_slew_limit_towards_a_new_target()
    {
        var rig = new Rig();
        rig.Run(150); // start-up: pumps first, flow proven after 10 s, then the valve loop
        Assert.True(rig.Controller.FlowProven);
        var start = rig.Controller.EffectiveSupplySetpointCelsius;
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":1,"leaseSeconds":300,"supplyTemperatureCelsius":33}""");
        rig.Run(600); // one minute

        Assert.Equal(start + 2.0, rig.Controller.EffectiveSupplySetpointCelsius, 1); // 2 K/min default slew
    }

    [Theory]
    [InlineData("{\"v\":1,\"seq\":")]
    [InlineData("not json")]
    [InlineData("{\"v\":1,\"epoch\":1,\"seq\":9,\"leaseSeconds\":30}")]
    [InlineData("{\"v\":1,\"epoch\":1,\"seq\":9,\"leaseSeconds\":30,\"supplyTemperatureCelsius\":30,\"seq\":10}")]
    public void A_malformed_request_gets_an_error_acknowledgement_is_counted_and_moves_nothing(string payload)
    {
        var clean = new Rig();
        var attacked = new Rig();
        clean.Io.SupplyTemperatureCelsius = attacked.Io.SupplyTemperatureCelsius = 29.0;
        for (var i = 0; i < 100; i++)
        {
            if (i % 10 == 5)
            {
                attacked.Deliver(Topics.SetpointRequest, payload);
            }

            clean.Run(1);
            attacked.Run(1);
        }

        Assert.Equal(clean.Io.ValveCommands, attacked.Io.ValveCommands);
        Assert.Equal(10, attacked.Controller.RejectedMessages);
        var acks = attacked.Bus.On(Topics.SetpointAcknowledgement).ToList();
        Assert.Equal(10, acks.Count);
        Assert.All(acks, a => Assert.Equal("rejected", a.GetProperty("status").GetString()));
        Assert.All(acks, a => Assert.False(string.IsNullOrWhiteSpace(a.GetProperty("reason").GetString())));
        Assert.Equal(10, attacked.Bus.On(Topics.Event).Count(e => e.GetProperty("name").GetString() == EventNames.MessageRejected));
        Assert.Equal(clean.Controller.TargetSupplySetpointCelsius, attacked.Controller.TargetSupplySetpointCelsius);
    }

    [Fact]
    public void Oversize_and_unknown_topic_messages_are_refused_and_counted()
    {
        var rig = new Rig();
        var big = new byte[rig.Controller.Inbox.MaximumPayloadBytes + 1];
        Assert.False(rig.Controller.Inbox.TryEnqueue(Topics.SetpointRequest, big, 0, big.Length));
        rig.Deliver("cooling/v1/site1/cdu/cdu1/unknown", "{}");
        rig.Run(1);

        Assert.Equal(2, rig.Controller.RejectedMessages);
        var reasons = rig.Bus.On(Topics.Event).Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Contains(EventNames.OversizeReason, reasons);
        Assert.Contains(EventNames.UnknownTopicReason, reasons);
    }

    [Fact]
    public void Telemetry_is_published_once_per_second_with_the_contract_fields()
    {
        var rig = new Rig();
        rig.Run(50); // five seconds

        var telemetry = rig.Bus.On(Topics.Telemetry).ToList();
        Assert.Equal(5, telemetry.Count);
        Assert.Equal([1L, 2, 3, 4, 5], telemetry.Select(t => t.GetProperty("seq").GetInt64()));
        var last = telemetry[^1];
        Assert.Equal(30.0, last.GetProperty("supplyTemperatureCelsius").GetDouble());
        Assert.Equal(700, last.GetProperty("flowLitersPerMinute").GetDouble(), 0);
        Assert.Equal(120, last.GetProperty("deltaPressureKpa").GetDouble(), 0);
        Assert.Equal("startup", last.GetProperty("mode").GetString());
        Assert.Equal(2, last.GetProperty("pumps").GetArrayLength());
        Assert.Equal(0, last.GetProperty("alarms").GetArrayLength());
        Assert.Equal(0, last.GetProperty("sensorFaults").GetArrayLength());
        Assert.Equal("local", last.GetProperty("setpointSource").GetString());
        Assert.Equal(FirmwareInfo.Version, last.GetProperty("firmwareVersion").GetString());
        Assert.All(rig.Bus.Messages.Where(m => m.Topic == Topics.Telemetry), m => Assert.Equal(0, m.Qos));
    }

    [Fact]
    public void Lease_expiry_switches_to_fallback_with_an_alarm_and_a_new_lease_recovers()
    {
        var rig = new Rig();
        rig.Run(150);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":1,"leaseSeconds":10,"supplyTemperatureCelsius":31}""");
        rig.Run(99);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);

        rig.Run(2);
        Assert.Equal(CduMode.Fallback, rig.Controller.Mode);
        Assert.Contains(rig.Bus.On(Topics.Event), e => e.GetProperty("name").GetString() == EventNames.SupervisorLeaseExpired);
        var state = rig.Bus.Messages.Last(m => m.Topic == Topics.State);
        Assert.True(state.Retain);
        Assert.Contains("\"mode\":\"fallback\"", state.Payload);

        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":2,"leaseSeconds":10,"supplyTemperatureCelsius":31}""");
        rig.Run(1);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.Contains(rig.Bus.On(Topics.Event), e => e.GetProperty("name").GetString() == EventNames.SupervisorLeaseResumed);
    }

    [Fact]
    public void ReleaseLease_hands_back_to_the_local_setpoints_at_once_without_fallback_and_only_a_newer_request_leases_again()
    {
        var rig = new Rig();
        rig.Run(150);
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":5,"leaseSeconds":30,"supplyTemperatureCelsius":31}""");
        rig.Run(10);
        Assert.Equal("supervisor", rig.Bus.On(Topics.Telemetry).Last().GetProperty("setpointSource").GetString());

        rig.Deliver(Topics.Command, """{"v":1,"seq":1,"command":"releaseLease"}""");
        rig.Run(10);
        var ack = rig.Bus.On(Topics.CommandAcknowledgement).Last();
        Assert.Equal("applied", ack.GetProperty("status").GetString());
        var telemetry = rig.Bus.On(Topics.Telemetry).Last();
        Assert.Equal("local", telemetry.GetProperty("setpointSource").GetString());
        Assert.Equal("automatic", telemetry.GetProperty("mode").GetString());
        Assert.Equal(0, telemetry.GetProperty("leaseRemainingSeconds").GetDouble());
        Assert.Equal(27, telemetry.GetProperty("supplyTemperatureTargetCelsius").GetDouble(), 1);
        Assert.Contains(rig.Bus.On(Topics.Event), e => e.GetProperty("name").GetString() == EventNames.SupervisorLeaseReleased);
        Assert.DoesNotContain(rig.Bus.On(Topics.Event), e => e.GetProperty("name").GetString() == EventNames.SupervisorLeaseExpired);

        // The lease's sequence number stays: a replayed request is refused, a newer one leases again.
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":5,"leaseSeconds":30,"supplyTemperatureCelsius":31}""");
        rig.Run(10);
        Assert.Equal("rejected", rig.Bus.On(Topics.SetpointAcknowledgement).Last().GetProperty("status").GetString());
        Assert.Equal("local", rig.Bus.On(Topics.Telemetry).Last().GetProperty("setpointSource").GetString());
        rig.Deliver(Topics.SetpointRequest, """{"v":1,"epoch":1,"seq":6,"leaseSeconds":10,"supplyTemperatureCelsius":31}""");
        rig.Run(10);
        Assert.Equal("supervisor", rig.Bus.On(Topics.Telemetry).Last().GetProperty("setpointSource").GetString());

        // A lease already lost (fallback, alarm raised) is released too: back to automatic, the alarm clears.
        rig.Run(110);
        Assert.Equal(CduMode.Fallback, rig.Controller.Mode);
        Assert.Contains(rig.Bus.On(Topics.Telemetry).Last().GetProperty("alarms").EnumerateArray(), a => a.GetProperty("code").GetString() == EventNames.SupervisorLeaseExpired);
        rig.Deliver(Topics.Command, """{"v":1,"seq":2,"command":"releaseLease"}""");
        rig.Run(10);
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        Assert.DoesNotContain(rig.Bus.On(Topics.Telemetry).Last().GetProperty("alarms").EnumerateArray(), a => a.GetProperty("code").GetString() == EventNames.SupervisorLeaseExpired);
    }

    [Fact]
    public void Without_any_valid_supply_sensor_the_valve_moves_at_its_slew_limit_to_its_safe_position()
    {
        var rig = new Rig();
        rig.Io.SupplyTemperatureCelsius = 27;
        rig.Run(200);
        var before = rig.Io.ValveCommands[^1];
        rig.Io.SupplyValid = false;
        rig.Run(600);

        var settings = rig.Controller.Settings;
        Assert.Equal(settings.Valve.SafePositionPercent, rig.Io.ValveCommands[^1], 6);
        var steps = rig.Io.ValveCommands.Skip(199).Zip(rig.Io.ValveCommands.Skip(200), (a, b) => Math.Abs(b - a));
        Assert.All(steps, d => Assert.True(d <= settings.Valve.SlewPercentPerSecond * 0.1 + 1e-9));
        Assert.NotEqual(before, rig.Io.ValveCommands[^1]);
        Assert.Equal(CduMode.Degraded, rig.Controller.Mode);
    }

    [Fact]
    public void Run_hours_persisted_on_a_clean_stop_are_there_after_a_restart()
    {
        var storage = new Cdu.Firmware.Config.VolatileStorage();
        var clock = new ManualClock();
        var first = new CduController(new CduSettings(), clock, new LoopbackPlantIo(), new NullBus(), Topics, storage);
        for (var i = 0; i < 3000; i++) // five minutes: no periodic save yet
        {
            first.RunCycle();
            clock.Advance(100);
        }

        var hours = first.Pumps.RunHours(first.Pumps.Lead);
        Assert.InRange(hours, 4.5 / 60, 5.0 / 60);
        Assert.True(first.PersistState());

        var second = new CduController(new CduSettings(), new ManualClock(), new LoopbackPlantIo(), new NullBus(), Topics, storage);
        Assert.Equal(hours, second.Pumps.RunHours(first.Pumps.Lead), 4);
    }

    [Fact]
    public void A_corrupt_stored_configuration_loads_safe_defaults_with_an_alarm_and_an_update_over_MQTT_is_stored()
    {
        var storage = new Cdu.Firmware.Config.VolatileStorage();
        var corrupt = System.Text.Encoding.UTF8.GetBytes("""{"formatVersion":1,"revision":3,"cycle.periodMilliseconds":100,"crc32":"00000000"}""");
        storage.Write(Cdu.Firmware.Config.ConfigurationStore.RecordName, corrupt, corrupt.Length);
        var bus = new RecordingBus();
        var clock = new ManualClock();
        var controller = new CduController(new CduSettings { Supply = { FallbackSetpointCelsius = 40 } }, clock, new LoopbackPlantIo(), bus, Topics, storage);

        controller.RunCycle();
        Assert.False(controller.ConfigurationLoaded);
        Assert.Equal(27, controller.Settings.Supply.FallbackSetpointCelsius); // the safe default, not the caller's 40
        Assert.True(controller.Alarms.Get(Cdu.Firmware.Alarms.AlarmTable.ConfigDefaults).Active);
        Assert.Contains(bus.On(Topics.Event), e => e.GetProperty("name").GetString() == "ConfigurationDefaultsLoaded");

        var update = System.Text.Encoding.UTF8.GetBytes("""{"v":1,"seq":1,"supply.fallbackSetpointCelsius":29.5,"valve.safePositionPercent":60}""");
        controller.Inbox.TryEnqueue(Topics.ConfigurationSet, update, 0, update.Length);
        clock.Advance(100);
        controller.RunCycle();
        var ack = Assert.Single(bus.On(Topics.ConfigurationAcknowledgement));
        Assert.Equal("applied", ack.GetProperty("status").GetString());
        Assert.Equal(29.5, controller.Settings.Supply.FallbackSetpointCelsius);

        var bad = System.Text.Encoding.UTF8.GetBytes("""{"v":1,"seq":2,"valve.minimumPercent":80,"valve.maximumPercent":20}""");
        controller.Inbox.TryEnqueue(Topics.ConfigurationSet, bad, 0, bad.Length);
        clock.Advance(100);
        controller.RunCycle();
        var refusal = bus.On(Topics.ConfigurationAcknowledgement).Last();
        Assert.Equal("rejected", refusal.GetProperty("status").GetString());
        Assert.StartsWith("valve.minimumPercent", refusal.GetProperty("reason").GetString());
        Assert.Equal(0, controller.Settings.Valve.MinimumPercent);

        var restarted = new CduController(new CduSettings(), new ManualClock(), new LoopbackPlantIo(), new NullBus(), Topics, storage);
        Assert.True(restarted.ConfigurationLoaded);
        Assert.Equal(29.5, restarted.Settings.Supply.FallbackSetpointCelsius);
        Assert.Equal(60, restarted.Settings.Valve.SafePositionPercent);
    }

    [Fact]
    public void The_configuration_document_is_exported_on_request_and_imports_into_another_CDU()
    {
        var bus = new RecordingBus();
        var controller = new CduController(new CduSettings { Valve = { SafePositionPercent = 55 } }, new ManualClock(), new LoopbackPlantIo(), bus, Topics);
        var get = System.Text.Encoding.UTF8.GetBytes("{}");
        controller.Inbox.TryEnqueue(Topics.ConfigurationGet, get, 0, get.Length);
        controller.RunCycle();
        var document = bus.Messages.Single(m => m.Topic == Topics.ConfigurationDocument).Payload;

        var otherStorage = new Cdu.Firmware.Config.VolatileStorage();
        var otherBus = new RecordingBus();
        var other = new CduController(new CduSettings(), new ManualClock(), new LoopbackPlantIo(), otherBus, Topics, otherStorage);
        var bytes = System.Text.Encoding.UTF8.GetBytes(document);
        other.Inbox.TryEnqueue(Topics.ConfigurationSet, bytes, 0, bytes.Length);
        other.RunCycle();

        Assert.Contains("\"crc32\":", document);
        var importAck = otherBus.On(Topics.ConfigurationAcknowledgement).Single();
        Assert.True(importAck.GetProperty("status").GetString() == "applied", importAck.ToString());
        Assert.Equal(55, other.Settings.Valve.SafePositionPercent);
        var restarted = new CduController(new CduSettings(), new ManualClock(), new LoopbackPlantIo(), new NullBus(), Topics, otherStorage);
        Assert.Equal(55, restarted.Settings.Valve.SafePositionPercent); // the import was stored
    }

    [Fact]
    public void Supply_band_alarms_are_suppressed_during_start_up_then_raised_after_their_delay_and_cleared_with_hysteresis()
    {
        var rig = new Rig();
        var settings = rig.Controller.Settings;
        rig.Io.SupplyTemperatureCelsius = settings.Supply.FallbackSetpointCelsius + 5; // far above the band from the start
        var high = rig.Controller.Alarms.Get(Cdu.Firmware.Alarms.AlarmTable.SupplyHigh);

        rig.Run((int)(settings.Timing.StartupAlarmSuppressionSeconds * 10) - 10);
        Assert.False(high.Active); // suppressed for 20 minutes after start-up

        rig.Run(10 + settings.Supply.AlarmDelaySeconds * 10 - 20);
        Assert.False(high.Active); // off band, but not yet for the alarm delay
        Assert.Equal(CduMode.Automatic, rig.Controller.Mode);
        rig.Run(30);
        Assert.True(high.Active);
        Assert.Contains(rig.Bus.On(Topics.Event), e => e.GetProperty("name").GetString() == "TemperatureAboveUpperCautionThreshold"
            && e.GetProperty("state").GetString() == "raised");

        void MoveSupplyTo(double celsius) // at 1 K/s: faster would be a sensor's rate-of-change fault, not the process
        {
            while (Math.Abs(rig.Io.SupplyTemperatureCelsius - celsius) > 1e-9)
            {
                rig.Io.SupplyTemperatureCelsius += Math.Clamp(celsius - rig.Io.SupplyTemperatureCelsius, -0.1, 0.1);
                rig.Run(1);
            }
        }

        MoveSupplyTo(settings.Supply.FallbackSetpointCelsius + settings.Supply.AlarmBandKelvin - 0.5); // inside the band, above band − hysteresis
        rig.Run(50);
        Assert.True(high.Active);
        MoveSupplyTo(settings.Supply.FallbackSetpointCelsius + 0.2);
        rig.Run(50);
        Assert.False(high.Active);
    }
}
