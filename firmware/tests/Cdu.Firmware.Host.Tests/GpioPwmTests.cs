using Cdu.Firmware.Host.Gpio;
using Cdu.Firmware.Io;
using Microsoft.Extensions.Time.Testing;

namespace Cdu.Firmware.Host.Tests;

public sealed class GpioPwmPinMapTests
{
    internal const string WithPwm = """
        {
          "gpioChip": 0,
          "pumpFaults": [{"pin": 17, "activeLow": true, "bias": "pullUp"}, {"pin": 27, "activeLow": true, "bias": "pullUp"}],
          "leakZones": [{"pin": 5}, {"pin": 6}, {"pin": 13}, {"pin": 19}],
          "pumpRun": [{"pin": 23}, {"pin": 24}],
          "isolationValvesOpen": {"pin": 25},
          "alarmRelay": {"pin": 12, "activeLow": true, "energizedWhenHealthy": true},
          "valvePwm": {"chip": 0, "channel": 0, "frequencyHz": 1000, "inverted": false},
          "pumpSpeedPwm": [{"chip": 0, "channel": 1, "frequencyHz": 2000}, {"chip": 1, "channel": 0, "frequencyHz": 500, "inverted": true}]
        }
        """;

    [Fact]
    public void Pwm_outputs_are_read_with_their_chip_channel_frequency_and_polarity()
    {
        var map = GpioPinMap.Parse(WithPwm);

        Assert.Equal(new PwmAssignment(0, 0, 1000, false, "valvePwm"), map.ValvePwm);
        Assert.Equal(
            [new PwmAssignment(0, 1, 2000, false, "pumpSpeedPwm[0]"), new PwmAssignment(1, 0, 500, true, "pumpSpeedPwm[1]")],
            map.PumpSpeedPwm);
        Assert.Equal(["valvePwm", "pumpSpeedPwm[0]", "pumpSpeedPwm[1]"], map.AllPwm().Select(p => p.Field));
    }

    [Fact]
    public void Pwm_fields_are_optional_and_default_to_chip_0_at_1000_Hz_not_inverted()
    {
        var plain = GpioPinMap.Parse(GpioPinMapTests.Valid);
        Assert.Null(plain.ValvePwm);
        Assert.Empty(plain.PumpSpeedPwm);
        Assert.Empty(plain.AllPwm());

        var valveOnly = GpioPinMap.Parse(GpioPinMapTests.Valid.Replace("\"gpioChip\": 0,", "\"gpioChip\": 0, \"valvePwm\": {\"channel\": 3},", StringComparison.Ordinal));
        Assert.Equal(new PwmAssignment(0, 3, GpioPinMap.DefaultPwmFrequencyHz, false, "valvePwm"), valveOnly.ValvePwm);
        Assert.Empty(valveOnly.PumpSpeedPwm);

        var pumpsOnly = GpioPinMap.Parse(GpioPinMapTests.Valid.Replace("\"gpioChip\": 0,", "\"gpioChip\": 0, \"pumpSpeedPwm\": [{\"channel\": 0}, {\"channel\": 1}],", StringComparison.Ordinal));
        Assert.Null(pumpsOnly.ValvePwm);
        Assert.Equal([0, 1], pumpsOnly.PumpSpeedPwm.Select(p => p.Channel));
    }

    public static TheoryData<string, string> Broken => new()
    {
        { Pwm("\"valvePwm\": 0,"), "valvePwm: must be an object" },
        { Pwm("\"valvePwm\": {\"chip\": 0},"), "valvePwm.channel: missing" },
        { Pwm("\"valvePwm\": {\"chip\": 64, \"channel\": 0},"), "valvePwm.chip: must be an integer 0 … 63" },
        { Pwm("\"valvePwm\": {\"chip\": -1, \"channel\": 0},"), "valvePwm.chip: must be an integer 0 … 63" },
        { Pwm("\"valvePwm\": {\"channel\": 64},"), "valvePwm.channel: must be an integer 0 … 63" },
        { Pwm("\"valvePwm\": {\"channel\": \"0\"},"), "valvePwm.channel: must be an integer 0 … 63" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"frequencyHz\": 9},"), "valvePwm.frequencyHz: must be an integer 10 … 100000" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"frequencyHz\": 100001},"), "valvePwm.frequencyHz: must be an integer 10 … 100000" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"frequencyHz\": 1000.5},"), "valvePwm.frequencyHz: must be an integer" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"inverted\": \"yes\"},"), "valvePwm.inverted: must be true or false" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"pin\": 18},"), "valvePwm.pin: unknown field (expected chip, channel, frequencyHz, inverted)" },
        { Pwm("\"valvePwm\": {\"channel\": 0, \"channel\": 1},"), "valvePwm.channel: appears twice" },
        { Pwm("\"valvePWM\": {\"channel\": 0},"), "valvePWM: unknown field" },
        { Pwm("\"pumpSpeedPwm\": {\"channel\": 0},"), "pumpSpeedPwm: must be an array of exactly 2 PWM objects, as many as pumpRun" },
        { Pwm("\"pumpSpeedPwm\": [{\"channel\": 0}],"), "pumpSpeedPwm: must be an array of exactly 2 PWM objects, as many as pumpRun" },
        { Pwm("\"pumpSpeedPwm\": [{\"channel\": 0}, 1],"), "pumpSpeedPwm[1]: must be an object" },
        { Pwm("\"pumpSpeedPwm\": [{\"channel\": 0}, {\"channel\": 1, \"frequencyHz\": 0}],"), "pumpSpeedPwm[1].frequencyHz: must be an integer 10 … 100000" },
        { Pwm("\"pumpSpeedPwm\": [{\"channel\": 0, \"freq\": 100}, {\"channel\": 1}],"), "pumpSpeedPwm[0].freq: unknown field" },
        { Pwm("\"pumpSpeedPwm\": [{\"channel\": 0}, {\"channel\": 0}],"), "pumpSpeedPwm[1].channel: PWM chip 0 channel 0 is already used by pumpSpeedPwm[0]" },
        { Pwm("\"valvePwm\": {\"chip\": 1, \"channel\": 2}, \"pumpSpeedPwm\": [{\"channel\": 2}, {\"chip\": 1, \"channel\": 2}],"), "pumpSpeedPwm[1].channel: PWM chip 1 channel 2 is already used by valvePwm" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void A_broken_pwm_entry_is_refused_with_the_field_at_fault_first(string json, string message)
    {
        var ex = Assert.Throws<PinMapException>(() => GpioPinMap.Parse(json));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(ex.Field, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_channel_number_on_another_chip_is_another_output()
    {
        var map = GpioPinMap.Parse(Pwm("\"valvePwm\": {\"chip\": 0, \"channel\": 0}, \"pumpSpeedPwm\": [{\"chip\": 1, \"channel\": 0}, {\"chip\": 2, \"channel\": 0}],"));

        Assert.Equal([0, 1, 2], map.AllPwm().Select(p => p.Chip));
    }

    private static string Pwm(string fields) => GpioPinMapTests.Valid.Replace("\"gpioChip\": 0,", "\"gpioChip\": 0, " + fields, StringComparison.Ordinal);
}

public sealed class GpioPwmIoTests
{
    private const int Valve = 0;
    private const int Pump1 = 1;

    [Fact]
    public void Every_pwm_output_is_started_at_its_frequency_at_0_percent()
    {
        var pwm = new FakePwm();
        using var io = new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), new GpioIoTests.FakeLines(), pwm);

        Assert.Equal(["start 0/0 1000 Hz 0", "start 0/1 2000 Hz 0", "start 1/0 500 Hz 1"], pwm.Events);
    }

    [Fact]
    public void The_valve_command_is_written_as_its_duty_cycle_clamped_to_0_to_1()
    {
        var pwm = new FakePwm();
        using var io = new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), new GpioIoTests.FakeLines(), pwm);
        var outputs = new CduOutputs { ValveCommandPercent = 37.5 };

        io.WriteOutputs(outputs);
        Assert.Equal(0.375, pwm.Duty[(0, Valve)], 12);

        outputs.ValveCommandPercent = 100;
        io.WriteOutputs(outputs);
        Assert.Equal(1.0, pwm.Duty[(0, Valve)], 12);

        outputs.ValveCommandPercent = 140;
        io.WriteOutputs(outputs);
        Assert.Equal(1.0, pwm.Duty[(0, Valve)], 12);

        outputs.ValveCommandPercent = -5;
        io.WriteOutputs(outputs);
        Assert.Equal(0.0, pwm.Duty[(0, Valve)], 12);

        outputs.ValveCommandPercent = double.NaN;
        io.WriteOutputs(outputs);
        Assert.Equal(0.0, pwm.Duty[(0, Valve)], 12);
    }

    [Fact]
    public void An_inverted_valve_output_is_written_as_1_minus_the_duty_cycle()
    {
        var map = GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm.Replace("\"inverted\": false", "\"inverted\": true", StringComparison.Ordinal));
        var pwm = new FakePwm();
        using var io = new GpioIo(map, new GpioIoTests.FakeLines(), pwm);
        Assert.Equal(1.0, pwm.Duty[(0, Valve)], 12); // started at 0 % command

        io.WriteOutputs(new CduOutputs { ValveCommandPercent = 25 });
        Assert.Equal(0.75, pwm.Duty[(0, Valve)], 12);

        io.WriteOutputs(new CduOutputs { ValveCommandPercent = 120 });
        Assert.Equal(0.0, pwm.Duty[(0, Valve)], 12);
    }

    [Fact]
    public void A_pump_gets_its_speed_as_duty_cycle_only_while_its_run_command_is_on()
    {
        var pwm = new FakePwm();
        var lines = new GpioIoTests.FakeLines();
        using var io = new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), lines, pwm);
        var outputs = new CduOutputs();
        outputs.PumpRunCommand[0] = true;
        outputs.PumpSpeedCommandPercent[0] = 60;
        outputs.PumpRunCommand[1] = false;
        outputs.PumpSpeedCommandPercent[1] = 80;

        io.WriteOutputs(outputs);

        Assert.Equal(0.6, pwm.Duty[(0, Pump1)], 12);
        Assert.Equal(1.0, pwm.Duty[(1, 0)], 12);   // pump 2 is inverted: stopped → 0 % → duty 1
        Assert.True(lines.Levels[23]);
        Assert.False(lines.Levels[24]);

        outputs.PumpRunCommand[1] = true;
        io.WriteOutputs(outputs);
        Assert.Equal(0.2, pwm.Duty[(1, 0)], 12);   // inverted 80 %

        outputs.PumpRunCommand[0] = false;
        io.WriteOutputs(outputs);
        Assert.Equal(0.0, pwm.Duty[(0, Pump1)], 12);
    }

    [Fact]
    public void Dispose_drives_every_pwm_output_to_0_percent_then_stops_and_releases_it()
    {
        var pwm = new FakePwm();
        var lines = new GpioIoTests.FakeLines();
        var io = new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), lines, pwm);
        var outputs = new CduOutputs { ValveCommandPercent = 50, IsolationValvesOpen = true };
        outputs.PumpRunCommand[0] = outputs.PumpRunCommand[1] = true;
        outputs.PumpSpeedCommandPercent[0] = outputs.PumpSpeedCommandPercent[1] = 70;
        io.WriteOutputs(outputs);
        pwm.Events.Clear();

        io.Dispose();
        io.WriteOutputs(outputs); // after Dispose: ignored
        io.Dispose();             // twice: harmless

        Assert.Equal(["duty 0/0 0", "stop 0/0", "duty 0/1 0", "stop 0/1", "duty 1/0 1", "stop 1/0", "dispose"], pwm.Events);
        Assert.False(lines.Levels[23]);
        Assert.False(lines.Levels[25]);
        Assert.True(lines.Disposed);
        Assert.Equal(0, io.PwmWriteFailures);
    }

    [Fact]
    public void A_channel_that_throws_is_counted_and_logged_once_and_the_cycle_goes_on()
    {
        var pwm = new FakePwm { Failing = (0, Pump1) };
        var lines = new GpioIoTests.FakeLines();
        var log = new StringWriter();
        using var logs = new TextWriterLoggerProvider(log, new FakeTimeProvider());
        using var io = new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), lines, pwm, logs.CreateLogger("gpio"));
        var outputs = new CduOutputs { ValveCommandPercent = 40, IsolationValvesOpen = true };
        outputs.PumpRunCommand[0] = outputs.PumpRunCommand[1] = true;
        outputs.PumpSpeedCommandPercent[0] = outputs.PumpSpeedCommandPercent[1] = 90;

        io.WriteOutputs(outputs);
        io.WriteOutputs(outputs);
        io.WriteOutputs(outputs);

        Assert.Equal(3, io.PwmWriteFailures);
        Assert.Equal(0.4, pwm.Duty[(0, Valve)], 12);
        Assert.Equal(0.1, pwm.Duty[(1, 0)], 12);   // the pump after the failing one is still written
        Assert.True(lines.Levels[23]);
        Assert.True(lines.Levels[25]);
        var line = Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ERROR gpio: pumpSpeedPwm[0]: PWM chip 0 channel 1 cannot be written (pwm1 gone)", line, StringComparison.Ordinal);

        io.Dispose(); // the failing channel cannot be zeroed or stopped: counted, the others still are
        Assert.Contains("stop 0/0", pwm.Events);
        Assert.Contains("stop 1/0", pwm.Events);
        Assert.Contains("dispose", pwm.Events);
        Assert.Equal(5, io.PwmWriteFailures);
        Assert.Single(log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_channel_that_cannot_be_started_fails_the_opening_naming_the_field()
    {
        var pwm = new FakePwm { FailingStart = (1, 0) };

        var ex = Assert.Throws<IOException>(() => new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), new GpioIoTests.FakeLines(), pwm));

        Assert.StartsWith("pumpSpeedPwm[1]: PWM chip 1 channel 0 cannot be started at 500 Hz", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_pwm_entries_nothing_is_written_to_pwm_and_with_them_pwm_outputs_are_required()
    {
        var pwm = new FakePwm();
        using (var io = new GpioIo(GpioPinMap.Parse(GpioPinMapTests.Valid), new GpioIoTests.FakeLines(), pwm))
        {
            var outputs = new CduOutputs { ValveCommandPercent = 50 };
            outputs.PumpRunCommand[0] = true;
            outputs.PumpSpeedCommandPercent[0] = 50;
            io.WriteOutputs(outputs);
        }

        Assert.Empty(pwm.Events);
        Assert.Throws<ArgumentNullException>(() => new GpioIo(GpioPinMap.Parse(GpioPwmPinMapTests.WithPwm), new GpioIoTests.FakeLines()));
    }

    [Theory]
    [InlineData(0, false, 0)]
    [InlineData(50, false, 0.5)]
    [InlineData(100, false, 1)]
    [InlineData(101, false, 1)]
    [InlineData(-1, false, 0)]
    [InlineData(0, true, 1)]
    [InlineData(30, true, 0.7)]
    [InlineData(200, true, 0)]
    public void Percent_maps_to_duty_cycle(double percent, bool inverted, double duty) =>
        Assert.Equal(duty, GpioIo.DutyCycle(percent, inverted), 12);

    private sealed class FakePwm : IPwmOutputs
    {
        public Dictionary<(int Chip, int Channel), double> Duty { get; } = [];

        public List<string> Events { get; } = [];

        public (int Chip, int Channel)? Failing { get; init; }

        public (int Chip, int Channel)? FailingStart { get; init; }

        public void StartOutput(int chip, int channel, int frequencyHz, double dutyCycle)
        {
            if (FailingStart == (chip, channel))
            {
                throw new ArgumentException($"The chip number {chip} is invalid or is not enabled.");
            }

            Duty[(chip, channel)] = dutyCycle;
            Events.Add(FormattableString.Invariant($"start {chip}/{channel} {frequencyHz} Hz {dutyCycle}"));
        }

        public void SetDutyCycle(int chip, int channel, double dutyCycle)
        {
            Started(chip, channel);
            if (Failing == (chip, channel))
            {
                throw new IOException($"pwm{channel} gone");
            }

            Duty[(chip, channel)] = dutyCycle;
            Events.Add(FormattableString.Invariant($"duty {chip}/{channel} {dutyCycle}"));
        }

        public void StopOutput(int chip, int channel)
        {
            Started(chip, channel);
            if (Failing == (chip, channel))
            {
                throw new IOException($"pwm{channel} gone");
            }

            Events.Add(FormattableString.Invariant($"stop {chip}/{channel}"));
        }

        public void Dispose() => Events.Add("dispose");

        private void Started(int chip, int channel)
        {
            if (!Duty.ContainsKey((chip, channel)))
            {
                throw new InvalidOperationException("not started");
            }
        }
    }
}
