using System.Text;
using System.Text.Json;
using Cdu.Firmware.Hil;
using Cdu.Firmware.Host.Hil;
using Cdu.Firmware.Io;
using Cooling.Mqtt.Topics;
using Microsoft.Extensions.Time.Testing;

namespace Cdu.Firmware.Host.Tests;

/// <summary>The core's HIL I/O codec (docs/hil-io.md), which the device and the virtual CDU both run.</summary>
public sealed class HilCodecTests
{
    [Fact]
    public void The_scanner_reads_every_reading_of_a_valid_message_and_nulls_are_missing_channels()
    {
        var bytes = Encoding.UTF8.GetBytes(HilTopicIoTests.Valid);
        var scan = new CduInputs();
        var scanner = new HilSensorScanner();

        Assert.True(scanner.Scan(bytes, bytes.Length, scan), scanner.Reason);

        Assert.Equal(7, scanner.Sequence);
        Assert.Equal(string.Empty, scanner.Reason);
        Assert.Equal([30.1, 30.2], scan.SupplyTemperatureCelsius.Take(2));
        Assert.True(double.IsNaN(scan.SupplyTemperatureCelsius[2]));
        Assert.Equal(38.5, scan.ReturnTemperatureCelsius);
        Assert.Equal(9.6, scan.FlowMilliamps);
        Assert.True(scan.AmbientValid);
        Assert.Equal([false, true, false, false], scan.PumpFault);
        Assert.Equal([55.5, 0, 0, 0], scan.PumpSpeedFeedbackPercent);
        Assert.Equal([0, 12.5, 0], scan.LeakZoneLevelPercent.Take(3));
        Assert.True(double.IsNaN(scan.LeakZoneLevelPercent[3]));
        Assert.Equal(80.0, scan.ReservoirLevelPercent);
    }

    [Theory]
    [InlineData("\"plantMilliseconds\":100,", 100)]
    [InlineData("\"plantMilliseconds\":0,", 0)]
    [InlineData("", -1)]
    [InlineData("\"plantMilliseconds\":-5,", -1)]
    [InlineData("\"plantMilliseconds\":100.5,", -1)]
    [InlineData("\"plantMilliseconds\":null,", -1)]
    [InlineData("\"rig\":{\"plantMilliseconds\":900},", -1)]
    public void The_scanner_reads_the_optional_plant_time_and_the_HIL_I_O_hands_it_on_with_an_accepted_scan(string member, long expected)
    {
        var bytes = Encoding.UTF8.GetBytes("{" + member + HilTopicIoTests.Valid.Trim()[1..]);
        var scanner = new HilSensorScanner();
        Assert.True(scanner.Scan(bytes, bytes.Length, new CduInputs()), scanner.Reason);
        Assert.Equal(expected, scanner.PlantMilliseconds);

        var io = new HilTopicIo(new HilTopics("site", "cdu"), new FakeTimeProvider());
        Assert.True(io.Accept(bytes, out var accepted));
        Assert.Equal(expected, accepted);
        Assert.False(io.Accept(bytes, out var refused)); // the same seq again: refused, no time
        Assert.Equal(-1, refused);
    }

    [Fact]
    public void The_scanner_reads_every_message_of_the_test_plant_number_for_number()
    {
        var plant = new Support.Plant();
        var scanner = new HilSensorScanner();
        for (var i = 0; i < 20; i++)
        {
            plant.LeakZonesPercent[i % 4] = i * 3.25;
            var message = plant.SensorMessage();
            var bytes = Encoding.UTF8.GetBytes(message);
            var scan = new CduInputs();
            Assert.True(scanner.Scan(bytes, bytes.Length, scan), scanner.Reason);

            using var document = JsonDocument.Parse(message);
            var root = document.RootElement;
            Assert.Equal(root.GetProperty("seq").GetInt64(), scanner.Sequence);
            Assert.Equal(root.GetProperty("deltaPressureMilliamps").GetDouble(), scan.DeltaPressureMilliamps);
            Assert.Equal(root.GetProperty("leakZonesPercent").EnumerateArray().Select(e => e.GetDouble()), scan.LeakZoneLevelPercent);
        }
    }

    [Theory]
    [MemberData(nameof(HilTopicIoTests.Malformed), MemberType = typeof(HilTopicIoTests))]
    public void The_scanner_refuses_a_bad_message_naming_the_field_first(string payload, string reason)
    {
        var bytes = Encoding.UTF8.GetBytes(payload);
        var scanner = new HilSensorScanner();

        Assert.False(scanner.Scan(bytes, bytes.Length, new CduInputs()));

        Assert.Contains(reason, scanner.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_readings_are_NaN_and_copies_carry_every_reading()
    {
        var bytes = Encoding.UTF8.GetBytes(HilTopicIoTests.Valid);
        var scan = new CduInputs();
        Assert.True(new HilSensorScanner().Scan(bytes, bytes.Length, scan));
        var copy = new CduInputs();
        copy.CopyFrom(scan);
        Assert.Equal(JsonSerializer.Serialize(scan, Options), JsonSerializer.Serialize(copy, Options));

        copy.SetMissing();
        Assert.True(double.IsNaN(copy.ReturnTemperatureCelsius));
        Assert.True(double.IsNaN(copy.ReservoirLevelPercent));
        Assert.All(copy.LeakZoneLevelPercent, v => Assert.True(double.IsNaN(v)));
        Assert.All(copy.PumpSpeedFeedbackPercent, v => Assert.True(double.IsNaN(v)));
        Assert.DoesNotContain(true, copy.PumpFault);
        Assert.False(copy.AmbientValid);
    }

    private static readonly JsonSerializerOptions Options = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    [Theory]
    [InlineData(42.0004, 42.0)]
    [InlineData(42.0005, 42.0)]
    [InlineData(42.0015, 42.002)]
    [InlineData(-3.14159, -3.142)]
    [InlineData(double.NaN, 0)]
    [InlineData(99.9999, 100.0)]
    public void The_composer_writes_commands_with_three_decimals_as_Math_Round_does(double command, double written)
    {
        var outputs = new CduOutputs { ValveCommandPercent = command, IsolationValvesOpen = true };
        outputs.PumpRunCommand[1] = true;
        outputs.PumpSpeedCommandPercent[1] = 55.55555;
        var composer = new HilActuatorComposer();

        int length = composer.Compose(outputs, 12, 3_456, true, 100, 2);

        using var document = JsonDocument.Parse(composer.Buffer.AsMemory(0, length));
        var root = document.RootElement;
        Assert.Equal(1, root.GetProperty("v").GetInt32());
        Assert.Equal(12, root.GetProperty("seq").GetInt64());
        Assert.Equal(3_456, root.GetProperty("uptimeMilliseconds").GetInt64());
        Assert.Equal(written, root.GetProperty("valveCommandPercent").GetDouble());
        if (double.IsFinite(command)) Assert.Equal(Math.Round(command, 3), root.GetProperty("valveCommandPercent").GetDouble());
        Assert.Equal([false, true, false, false], root.GetProperty("pumpRun").EnumerateArray().Select(e => e.GetBoolean()));
        Assert.Equal([0, 55.556, 0, 0], root.GetProperty("pumpSpeedPercent").EnumerateArray().Select(e => e.GetDouble()));
        Assert.True(root.GetProperty("isolationValvesOpen").GetBoolean());
        Assert.False(root.GetProperty("alarmRelay").GetBoolean());
        Assert.True(root.GetProperty("sensorsFresh").GetBoolean());
        Assert.Equal(100, root.GetProperty("acceptedSensorMessages").GetInt64());
        Assert.Equal(2, root.GetProperty("rejectedSensorMessages").GetInt64());
    }
}
