using System.Text;
using System.Text.Json.Nodes;
using Cdu.Firmware.Host.Hil;
using Cooling.Mqtt.Topics;
using Cdu.Firmware.Host.Tests.Support;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Cdu.Firmware.Host.Tests;

public sealed class HilTopicIoTests
{
    internal const string Valid = """
        {"v":1,"seq":7,"supplyTemperaturesCelsius":[30.1,30.2,null],"returnTemperatureCelsius":38.5,
         "facilitySupplyTemperatureCelsius":24.0,"facilityReturnTemperatureCelsius":31.2,
         "deltaPressureMilliamps":8.8,"flowMilliamps":9.6,"filterDeltaPressureMilliamps":5.6,"valvePositionPercent":42.0,
         "ambientTemperatureCelsius":24.5,"relativeHumidityPercent":45.0,"ambientValid":true,
         "pumpFaults":[false,true],"pumpSpeedFeedbackPercent":[55.5,0],"leakZonesPercent":[0,12.5,0,null],
         "reservoirLevelPercent":80.0,"rigName":"bench 3"}
        """;

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingBus _bus = new();
    private readonly HilTopicIo _io;

    public HilTopicIoTests()
    {
        _io = new HilTopicIo(new HilTopics("t1", "cdu1"), _time, _bus);
    }

    [Fact]
    public void A_valid_message_fills_every_input_and_null_readings_are_missing_channels()
    {
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Valid)));
        var inputs = new CduInputs();
        _io.ReadInputs(inputs);

        Assert.Equal([30.1, 30.2], inputs.SupplyTemperatureCelsius.Take(2));
        Assert.True(double.IsNaN(inputs.SupplyTemperatureCelsius[2]));
        Assert.Equal(38.5, inputs.ReturnTemperatureCelsius);
        Assert.Equal(24.0, inputs.FacilitySupplyTemperatureCelsius);
        Assert.Equal(31.2, inputs.FacilityReturnTemperatureCelsius);
        Assert.Equal(8.8, inputs.DeltaPressureMilliamps);
        Assert.Equal(9.6, inputs.FlowMilliamps);
        Assert.Equal(5.6, inputs.FilterDeltaPressureMilliamps);
        Assert.Equal(42.0, inputs.ValvePositionPercent);
        Assert.Equal(24.5, inputs.AmbientTemperatureCelsius);
        Assert.Equal(45.0, inputs.RelativeHumidityPercent);
        Assert.True(inputs.AmbientValid);
        Assert.Equal([false, true, false, false], inputs.PumpFault);
        Assert.Equal([55.5, 0, 0, 0], inputs.PumpSpeedFeedbackPercent);
        Assert.Equal([0, 12.5, 0], inputs.LeakZoneLevelPercent.Take(3));
        Assert.True(double.IsNaN(inputs.LeakZoneLevelPercent[3]));
        Assert.Equal(80.0, inputs.ReservoirLevelPercent);
        Assert.Equal(1, _io.AcceptedMessages);
        Assert.Equal(0, _io.RejectedMessages);
        Assert.True(_io.SensorsFresh);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "", "malformed JSON" },
        { "not json", "malformed JSON" },
        { "[1,2,3]", "not an object" },
        { Valid + "{}", "malformed JSON" },
        { Valid[..^10], "malformed JSON" },
        { Replace("v", 2), "v: must be 1" },
        { Replace("seq", -1), "seq:" },
        { Replace("seq", 1.5), "seq:" },
        { Replace("seq", "7"), "seq:" },
        { Remove("flowMilliamps"), "flowMilliamps: missing" },
        { Remove("ambientValid"), "ambientValid: missing" },
        { Replace("returnTemperatureCelsius", "hot"), "returnTemperatureCelsius: must be a number or null" },
        { Replace("ambientValid", 1), "ambientValid: must be true or false" },
        { Replace("supplyTemperaturesCelsius", new JsonArray(30.0, 30.1)), "supplyTemperaturesCelsius: an array of exactly 3" },
        { Replace("supplyTemperaturesCelsius", new JsonArray(30.0, "x", 30.1)), "supplyTemperaturesCelsius[1]" },
        { Replace("leakZonesPercent", new JsonArray(0, 0, 0, 0, 0)), "leakZonesPercent: an array of exactly 4" },
        { Replace("leakZonesPercent", 0), "leakZonesPercent: an array of exactly 4" },
        { Replace("pumpFaults", new JsonArray()), "pumpFaults: an array of 1 … 4" },
        { Replace("pumpFaults", new JsonArray(false, null)), "pumpFaults[1]: must be true or false" },
        { Replace("pumpSpeedFeedbackPercent", new JsonArray(1, 2, 3, 4, 5)), "pumpSpeedFeedbackPercent: an array of 1 … 4" },
        { Valid.Replace("\"v\":1,", "\"v\":1,\"v\":1,", StringComparison.Ordinal), "malformed JSON: duplicate member name" },
        { Valid.Replace("8.8", "1e999", StringComparison.Ordinal), "deltaPressureMilliamps" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_message_is_refused_counted_and_explained_without_an_exception(string payload, string reason)
    {
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Valid)));

        Assert.False(_io.Accept(Encoding.UTF8.GetBytes(payload)));

        Assert.Equal(1, _io.RejectedMessages);
        Assert.Contains(reason, _io.LastRejection, StringComparison.Ordinal);
        var inputs = new CduInputs();
        _io.ReadInputs(inputs);
        Assert.Equal(38.5, inputs.ReturnTemperatureCelsius); // the scan in force is untouched
    }

    // Found by fuzzing (hil-io): member names that are no text — a lone surrogate escape, bytes of invalid UTF-8 — threw
    // out of the former System.Text.Json parser. The core's codec compares names byte by byte: such a member is one it
    // does not know, ignored like any unknown member (the contract lets fields be added), and the scan is taken.
    [Theory]
    [InlineData("\"\\uD800\":0,")]
    [InlineData("\"@\":0,")]
    public void A_member_name_that_is_no_text_is_an_unknown_member_and_ignored_without_an_exception(string member)
    {
        var payload = Encoding.UTF8.GetBytes(Valid.Replace("\"v\":1,", "\"v\":1," + member, StringComparison.Ordinal));
        var at = Array.IndexOf(payload, (byte)'@');
        if (at >= 0) payload[at] = 0x8D;

        Assert.True(_io.Accept(payload));

        Assert.Equal(0, _io.RejectedMessages);
    }

    [Fact]
    public void Bytes_that_are_not_text_and_messages_over_8_KiB_are_refused()
    {
        Assert.False(_io.Accept(new byte[] { 0xFF, 0xFE, 0x00, 0x7B }));
        var huge = Valid.Replace("\"bench 3\"", "\"" + new string('x', 9000) + "\"", StringComparison.Ordinal);
        Assert.False(_io.Accept(Encoding.UTF8.GetBytes(huge)));

        Assert.Equal(2, _io.RejectedMessages);
        Assert.StartsWith("oversize message", _io.LastRejection, StringComparison.Ordinal);
    }

    [Fact]
    public void After_one_second_without_a_valid_message_every_reading_is_missing()
    {
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Valid)));
        _time.Advance(TimeSpan.FromMilliseconds(1000));
        var inputs = new CduInputs();
        _io.ReadInputs(inputs);
        Assert.Equal(38.5, inputs.ReturnTemperatureCelsius);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _io.ReadInputs(inputs);

        Assert.False(_io.SensorsFresh);
        Assert.All(inputs.SupplyTemperatureCelsius, v => Assert.True(double.IsNaN(v)));
        Assert.All(new[] { inputs.ReturnTemperatureCelsius, inputs.FacilitySupplyTemperatureCelsius, inputs.FacilityReturnTemperatureCelsius,
            inputs.DeltaPressureMilliamps, inputs.FlowMilliamps, inputs.FilterDeltaPressureMilliamps, inputs.ValvePositionPercent,
            inputs.AmbientTemperatureCelsius, inputs.RelativeHumidityPercent, inputs.ReservoirLevelPercent }, v => Assert.True(double.IsNaN(v)));
        Assert.False(inputs.AmbientValid);
        Assert.All(inputs.LeakZoneLevelPercent, v => Assert.True(double.IsNaN(v)));
        Assert.All(inputs.PumpSpeedFeedbackPercent, v => Assert.True(double.IsNaN(v)));
        Assert.All(inputs.PumpFault, Assert.False);
    }

    [Fact]
    public void Before_the_first_message_every_reading_is_missing()
    {
        var inputs = new CduInputs();
        _io.ReadInputs(inputs);

        Assert.True(double.IsNaN(inputs.SupplyTemperatureCelsius[0]));
        Assert.True(double.IsNaN(inputs.LeakZoneLevelPercent[0]));
        Assert.False(_io.SensorsFresh);
    }

    [Fact]
    public void A_sequence_that_goes_back_is_refused_while_fresh_and_accepted_from_a_rig_that_restarted_after_silence()
    {
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Replace("seq", 10))));
        Assert.False(_io.Accept(Encoding.UTF8.GetBytes(Replace("seq", 10))));
        Assert.Contains("stale seq", _io.LastRejection, StringComparison.Ordinal);
        Assert.False(_io.Accept(Encoding.UTF8.GetBytes(Replace("seq", 3))));
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Replace("seq", 11))));

        _time.Advance(TimeSpan.FromSeconds(2));

        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Replace("seq", 0))));
        Assert.Equal(3, _io.AcceptedMessages);
        Assert.Equal(2, _io.RejectedMessages);
    }

    [Fact]
    public void Every_write_publishes_the_actuator_commands_on_the_actuator_topic_at_QoS_0()
    {
        var outputs = new CduOutputs { ValveCommandPercent = 37.25, IsolationValvesOpen = true, AlarmRelay = false };
        outputs.PumpRunCommand[0] = true;
        outputs.PumpSpeedCommandPercent[0] = 64.5;
        Assert.True(_io.Accept(Encoding.UTF8.GetBytes(Valid)));

        _io.WriteOutputs(outputs);
        outputs.AlarmRelay = true;
        _io.WriteOutputs(outputs);

        var messages = _bus.Messages;
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m =>
        {
            Assert.Equal("cooling/v1/t1/cdu/cdu1/hil/actuators", m.Topic);
            Assert.Equal(0, m.Qos);
            Assert.False(m.Retain);
        });
        var first = _bus.On("cooling/v1/t1/cdu/cdu1/hil/actuators").First();
        Assert.Equal(1, first.GetProperty("v").GetInt32());
        Assert.Equal(1, first.GetProperty("seq").GetInt64());
        Assert.Equal(37.25, first.GetProperty("valveCommandPercent").GetDouble());
        Assert.Equal([true, false, false, false], first.GetProperty("pumpRun").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([64.5, 0, 0, 0], first.GetProperty("pumpSpeedPercent").EnumerateArray().Select(e => e.GetDouble()));
        Assert.True(first.GetProperty("isolationValvesOpen").GetBoolean());
        Assert.False(first.GetProperty("alarmRelay").GetBoolean());
        Assert.True(first.GetProperty("sensorsFresh").GetBoolean());
        var second = _bus.On("cooling/v1/t1/cdu/cdu1/hil/actuators").Last();
        Assert.Equal(2, second.GetProperty("seq").GetInt64());
        Assert.True(second.GetProperty("alarmRelay").GetBoolean());
    }

    [Fact]
    public void A_silent_rig_shuts_the_CDU_down_safely_within_two_seconds()
    {
        var clock = new TimeProviderClock(_time);
        var cduBus = new RecordingBus();
        var controller = new CduController(new CduSettings(), clock, _io, cduBus, new CduTopics("t1", "cdu1"));
        var plant = new Plant();
        for (var i = 0; i < 50; i++)
        {
            var latest = _bus.On("cooling/v1/t1/cdu/cdu1/hil/actuators").LastOrDefault();
            plant.Step(latest.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : latest);
            Assert.True(_io.Accept(Encoding.UTF8.GetBytes(plant.SensorMessage())), _io.LastRejection);
            controller.RunCycle();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.False(controller.ShutdownActive);
        Assert.Contains(controller.Outputs.PumpRunCommand, run => run);

        for (var i = 0; i < 20; i++)
        {
            controller.RunCycle();
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.True(controller.ShutdownActive);
        Assert.Equal(CduMode.Shutdown, controller.Mode);
        Assert.DoesNotContain(controller.Outputs.PumpRunCommand, run => run);
        Assert.False(controller.Outputs.IsolationValvesOpen);
        Assert.True(controller.Outputs.AlarmRelay);
        Assert.True(controller.Sensors.AnyFault);
        var last = _bus.On("cooling/v1/t1/cdu/cdu1/hil/actuators").Last();
        Assert.False(last.GetProperty("sensorsFresh").GetBoolean());
        Assert.False(last.GetProperty("isolationValvesOpen").GetBoolean());
    }

    private static string Replace(string field, JsonNode? value)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        node[field] = value;
        return node.ToJsonString();
    }

    private static string Remove(string field)
    {
        var node = JsonNode.Parse(Valid)!.AsObject();
        node.Remove(field);
        return node.ToJsonString();
    }
}
