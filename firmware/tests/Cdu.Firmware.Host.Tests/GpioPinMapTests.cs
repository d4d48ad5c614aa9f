using Cdu.Firmware.Host.Gpio;
using Cdu.Firmware.Io;

namespace Cdu.Firmware.Host.Tests;

public sealed class GpioPinMapTests
{
    internal const string Valid = """
        {
          // a Raspberry Pi-style map (comments are allowed)
          "gpioChip": 0,
          "pumpFaults": [{"pin": 17, "activeLow": true, "bias": "pullUp"}, {"pin": 27, "activeLow": true, "bias": "pullUp"}],
          "leakZones": [{"pin": 5}, {"pin": 6}, {"pin": 13}, {"pin": 19, "bias": "pullDown"}],
          "pumpRun": [{"pin": 23}, {"pin": 24}],
          "isolationValvesOpen": {"pin": 25},
          "alarmRelay": {"pin": 12, "activeLow": true, "energizedWhenHealthy": true}
        }
        """;

    [Fact]
    public void A_valid_map_names_every_line()
    {
        var map = GpioPinMap.Parse(Valid);

        Assert.Equal(0, map.GpioChip);
        Assert.Equal([17, 27], map.PumpFaults.Select(p => p.Pin));
        Assert.All(map.PumpFaults, p => Assert.True(p.ActiveLow));
        Assert.Equal(LineBias.PullUp, map.PumpFaults[0].Bias);
        Assert.Equal([5, 6, 13, 19], map.LeakZones.Select(p => p.Pin));
        Assert.Equal(LineBias.PullDown, map.LeakZones[3].Bias);
        Assert.Equal([23, 24], map.PumpRun.Select(p => p.Pin));
        Assert.Equal(25, map.IsolationValvesOpen.Pin);
        Assert.Equal(12, map.AlarmRelay.Pin);
        Assert.True(map.AlarmRelay.ActiveLow);
        Assert.True(map.AlarmRelayEnergizedWhenHealthy);
        Assert.Equal("leakZones[2]", map.LeakZones[2].Field);
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "{", "(document): malformed JSON" },
        { "[]", "(document): must be a JSON object" },
        { Valid.Replace("\"gpioChip\": 0", "\"gpioChip\": -1", StringComparison.Ordinal), "gpioChip: must be an integer 0 … 63" },
        { Valid.Replace("\"leakZones\"", "\"leakZone\"", StringComparison.Ordinal), "leakZone: unknown field" },
        { Valid.Replace("{\"pin\": 13}, ", "", StringComparison.Ordinal), "leakZones: must be an array of exactly 4 pin objects" },
        { Valid.Replace("{\"pin\": 6}", "6", StringComparison.Ordinal), "leakZones[1]: must be an object" },
        { Valid.Replace("{\"pin\": 6}", "{\"pn\": 6}", StringComparison.Ordinal), "leakZones[1].pn: unknown field" },
        { Valid.Replace("{\"pin\": 6}", "{\"activeLow\": true}", StringComparison.Ordinal), "leakZones[1].pin: missing" },
        { Valid.Replace("{\"pin\": 6}", "{\"pin\": \"6\"}", StringComparison.Ordinal), "leakZones[1].pin: must be an integer 0 … 1023" },
        { Valid.Replace("{\"pin\": 6}", "{\"pin\": 6.5}", StringComparison.Ordinal), "leakZones[1].pin: must be an integer" },
        { Valid.Replace("{\"pin\": 6}", "{\"pin\": 4096}", StringComparison.Ordinal), "leakZones[1].pin: must be an integer" },
        { Valid.Replace("\"bias\": \"pullDown\"", "\"bias\": \"up\"", StringComparison.Ordinal), "leakZones[3].bias: must be \"none\", \"pullUp\" or \"pullDown\"" },
        { Valid.Replace("{\"pin\": 23}, {\"pin\": 24}", "{\"pin\": 23}", StringComparison.Ordinal), "pumpRun: must have as many entries as pumpFaults (2)" },
        { Valid.Replace("\"pumpFaults\": [", "\"pumpFaults\": [{\"pin\": 2}, {\"pin\": 3}, {\"pin\": 4}, ", StringComparison.Ordinal), "pumpFaults: must be an array of 1 … 4" },
        { Valid.Replace("{\"pin\": 24}", "{\"pin\": 24, \"bias\": \"pullUp\"}", StringComparison.Ordinal), "pumpRun[1].bias: unknown field" },
        { Valid.Replace("\"isolationValvesOpen\": {\"pin\": 25},", "", StringComparison.Ordinal), "isolationValvesOpen: missing" },
        { Valid.Replace("\"isolationValvesOpen\": {\"pin\": 25}", "\"isolationValvesOpen\": {\"pin\": 25, \"energizedWhenHealthy\": true}", StringComparison.Ordinal), "isolationValvesOpen.energizedWhenHealthy: unknown field" },
        { Valid.Replace("\"energizedWhenHealthy\": true", "\"energizedWhenHealthy\": \"yes\"", StringComparison.Ordinal), "alarmRelay.energizedWhenHealthy: must be true or false" },
        { Valid.Replace("{\"pin\": 25}", "{\"pin\": 13}", StringComparison.Ordinal), "isolationValvesOpen.pin: pin 13 is already used by leakZones[2]" },
        { Valid.Replace("\"activeLow\": true, \"bias\": \"pullUp\"}, {\"pin\": 27", "\"activeLow\": 1, \"bias\": \"pullUp\"}, {\"pin\": 27", StringComparison.Ordinal), "pumpFaults[0].activeLow: must be true or false" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_map_is_refused_with_the_field_at_fault_first(string json, string message)
    {
        var ex = Assert.Throws<PinMapException>(() => GpioPinMap.Parse(json));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(ex.Field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_file_that_cannot_be_read_is_refused_too()
    {
        var ex = Assert.Throws<PinMapException>(() => GpioPinMap.Load("/nonexistent/pins.json"));

        Assert.StartsWith("(file): cannot read", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class GpioIoTests
{
    [Fact]
    public void Contacts_are_read_through_their_polarity_and_everything_analog_is_missing()
    {
        var lines = new FakeLines();
        using var io = new GpioIo(GpioPinMap.Parse(GpioPinMapTests.Valid), lines);
        lines.Levels[17] = true;   // pump 1 fault contact closed to high: active low → no fault
        lines.Levels[27] = false;  // pump 2: low → fault
        lines.Levels[13] = true;   // leak zone 3 wet (active high)

        var inputs = new CduInputs();
        io.ReadInputs(inputs);

        Assert.Equal([false, true, false, false], inputs.PumpFault);
        Assert.Equal([0, 0, 100, 0], inputs.LeakZoneLevelPercent);
        Assert.All(inputs.SupplyTemperatureCelsius, v => Assert.True(double.IsNaN(v)));
        Assert.True(double.IsNaN(inputs.DeltaPressureMilliamps));
        Assert.True(double.IsNaN(inputs.FlowMilliamps));
        Assert.True(double.IsNaN(inputs.ReservoirLevelPercent));
        Assert.True(double.IsNaN(inputs.ValvePositionPercent));
        Assert.All(inputs.PumpSpeedFeedbackPercent, v => Assert.True(double.IsNaN(v)));
        Assert.False(inputs.AmbientValid);
        Assert.Equal(LineBias.PullUp, lines.Bias[17]);
    }

    [Fact]
    public void Outputs_start_and_end_de_energized_and_the_fail_safe_alarm_relay_is_energized_while_healthy()
    {
        var lines = new FakeLines();
        var io = new GpioIo(GpioPinMap.Parse(GpioPinMapTests.Valid), lines);
        Assert.False(lines.Levels[23]);
        Assert.True(lines.Levels[12]); // active low relay, de-energized = high

        var outputs = new CduOutputs { IsolationValvesOpen = true, AlarmRelay = false };
        outputs.PumpRunCommand[1] = true;
        io.WriteOutputs(outputs);

        Assert.False(lines.Levels[23]);
        Assert.True(lines.Levels[24]);
        Assert.True(lines.Levels[25]);
        Assert.False(lines.Levels[12]); // healthy: energized (active low → driven low)

        outputs.AlarmRelay = true;
        io.WriteOutputs(outputs);
        Assert.True(lines.Levels[12]); // a critical alarm drops the relay

        outputs.AlarmRelay = false;
        io.WriteOutputs(outputs);
        io.Dispose();
        Assert.False(lines.Levels[24]);
        Assert.False(lines.Levels[25]);
        Assert.True(lines.Levels[12]); // stopped controller: relay dropped = alarm
        Assert.True(lines.Disposed);
    }

    [Fact]
    public void A_contact_that_cannot_be_read_counts_as_asserted()
    {
        var lines = new FakeLines { FailReads = true };
        using var io = new GpioIo(GpioPinMap.Parse(GpioPinMapTests.Valid), lines);

        var inputs = new CduInputs();
        io.ReadInputs(inputs);

        Assert.Equal([true, true, false, false], inputs.PumpFault);
        Assert.All(inputs.LeakZoneLevelPercent, v => Assert.Equal(100, v));
    }

    internal sealed class FakeLines : IDigitalLines
    {
        public Dictionary<int, bool> Levels { get; } = [];

        public Dictionary<int, LineBias> Bias { get; } = [];

        public bool FailReads { get; init; }

        public bool Disposed { get; private set; }

        public void OpenInput(int pin, LineBias bias)
        {
            Bias[pin] = bias;
            Levels.TryAdd(pin, false);
        }

        public void OpenOutput(int pin, bool level) => Levels[pin] = level;

        public bool Read(int pin) => FailReads ? throw new IOException("line gone") : Levels[pin];

        public void Write(int pin, bool level) => Levels[pin] = level;

        public void Dispose() => Disposed = true;
    }
}
