using System.Device.Gpio;
using System.Globalization;
using System.Device.Gpio.Drivers;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdu.Firmware.Host.Gpio;

/// <summary>Digital lines as <see cref="GpioIo"/> uses them (the GPIO chip, or a test double).</summary>
public interface IDigitalLines : IDisposable
{
    void OpenInput(int pin, LineBias bias);

    void OpenOutput(int pin, bool level);

    /// <summary>True when the line reads high.</summary>
    bool Read(int pin);

    void Write(int pin, bool level);
}

/// <summary>
/// The CDU's I/O on a Linux GPIO chip (<c>--io gpio --pins map.json</c>): pump fault contacts and leak zones in,
/// pump run commands, the isolation valves and the alarm relay out, and — when the pin map has <c>valvePwm</c> /
/// <c>pumpSpeedPwm</c> — the analog commands out as PWM duty cycles (System.Device.Pwm, Linux sysfs PWM): the valve
/// command % → duty 0 … 1 (clamped; NaN → 0; <c>inverted</c> → 1 − duty), each pump's speed % as its duty while its run
/// command is on, else 0. The CDU board filters the PWM (RC) and amplifies it to 0–10 V. Without PWM entries the analog
/// commands go nowhere. GPIO reads no analog value, so every temperature, 4–20 mA transmitter (ΔP, flow, filter ΔP), the
/// valve position, the pump speed feedback, the reservoir level and the ambient sensor are reported missing (NaN, ambient
/// invalid). The core degrades safely on that: the sensors are faulted, and a missing reservoir level counts as empty,
/// so the pumps stay stopped (reservoir low-low) — GPIO I/O checks the wiring (contacts, relays, the 0–10 V outputs), it
/// does not run a CDU. A leak zone reads 100 % when wet, 0 % when dry. A line that cannot be read counts as asserted
/// (fault / wet). A PWM channel that cannot be written is counted (<see cref="PwmWriteFailures"/>) and logged once per
/// channel; the cycle goes on and the next one writes it again. Every PWM output starts at 0 %. On <see cref="Dispose"/>
/// every output is released de-energized (the alarm relay too: a stopped controller alarms when the relay is wired
/// energized-when-healthy) and every PWM output is set to 0 %, then stopped.
/// </summary>
public sealed class GpioIo : ICduIo, IDisposable
{
    private readonly GpioPinMap _map;
    private readonly IDigitalLines _lines;
    private readonly IPwmOutputs? _pwm;
    private readonly PwmAssignment[] _pwmOutputs;
    private readonly bool[] _pwmFailureLogged;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private long _pwmWriteFailures;
    private bool _disposed;

    /// <param name="map">The pin map.</param>
    /// <param name="lines">The digital lines.</param>
    /// <param name="pwm">The PWM outputs; required when the map has <c>valvePwm</c> or <c>pumpSpeedPwm</c>, else unused.</param>
    /// <param name="logger">Where a PWM channel that cannot be written is reported.</param>
    public GpioIo(GpioPinMap map, IDigitalLines lines, IPwmOutputs? pwm = null, ILogger? logger = null)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _lines = lines ?? throw new ArgumentNullException(nameof(lines));
        _logger = logger ?? NullLogger.Instance;
        _pwmOutputs = map.AllPwm().ToArray();
        _pwmFailureLogged = new bool[_pwmOutputs.Length];
        if (_pwmOutputs.Length > 0)
        {
            _pwm = pwm ?? throw new ArgumentNullException(nameof(pwm), "The pin map has PWM outputs (valvePwm / pumpSpeedPwm).");
        }

        foreach (var input in map.PumpFaults.Concat(map.LeakZones))
        {
            lines.OpenInput(input.Pin, input.Bias);
        }

        foreach (var output in map.PumpRun.Append(map.IsolationValvesOpen).Append(map.AlarmRelay))
        {
            lines.OpenOutput(output.Pin, Level(output, energized: false));
        }

        foreach (var output in _pwmOutputs)
        {
            try
            {
                _pwm!.StartOutput(output.Chip, output.Channel, output.FrequencyHz, DutyCycle(0, output.Inverted));
            }
            catch (Exception ex) when (IsPwmFailure(ex))
            {
                throw new IOException(string.Create(CultureInfo.InvariantCulture,
                    $"{output.Field}: PWM chip {output.Chip} channel {output.Channel} cannot be started at {output.FrequencyHz} Hz ({ex.Message}); is the PWM overlay enabled and /sys/class/pwm writable?"), ex);
            }
        }
    }

    /// <summary>PWM writes that failed since the start (a channel that throws is counted on every cycle it fails).</summary>
    public long PwmWriteFailures => Interlocked.Read(ref _pwmWriteFailures);

    /// <summary>
    /// Opens the lines of <paramref name="map"/> on the machine's GPIO chip (libgpiod) and its PWM outputs (sysfs PWM).
    /// A PWM channel that cannot be opened fails the whole opening (an <see cref="IOException"/> naming the field), with
    /// everything opened so far released. Without <paramref name="logger"/>, PWM write failures are logged on stderr
    /// (category <c>gpio</c>, in the executable's line format).
    /// </summary>
    public static GpioIo Open(GpioPinMap map, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        logger ??= StandardErrorLogger();
        var lines = new GpioControllerLines(map.GpioChip);
        PwmChannelOutputs? pwm = null;
        try
        {
            pwm = map.AllPwm().Any() ? new PwmChannelOutputs() : null;
            return new GpioIo(map, lines, pwm, logger);
        }
        catch
        {
            pwm?.Dispose();
            lines.Dispose();
            throw;
        }
    }

    private static ILogger StandardErrorLogger()
    {
        // Nothing to dispose: the provider flushes every line it writes.
        var provider = new TextWriterLoggerProvider(Console.Error, TimeProvider.System);
        return provider.CreateLogger("gpio");
    }

    /// <summary>The duty cycle (0 … 1) for a command of <paramref name="percent"/> % (clamped to 0 … 100; NaN → 0).</summary>
    public static double DutyCycle(double percent, bool inverted)
    {
        var duty = double.IsNaN(percent) ? 0 : Math.Clamp(percent / 100, 0, 1);
        return inverted ? 1 - duty : duty;
    }

    public void ReadInputs(CduInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.SetMissing(); // everything plain GPIO cannot measure: missing, exactly as the HIL I/O reports a silent rig
        lock (_gate)
        {
            for (var i = 0; i < _map.PumpFaults.Count; i++)
            {
                inputs.PumpFault[i] = Asserted(_map.PumpFaults[i]);
            }

            for (var i = 0; i < CduInputs.LeakZoneCount; i++)
            {
                inputs.LeakZoneLevelPercent[i] = Asserted(_map.LeakZones[i]) ? 100 : 0;
            }
        }
    }

    public void WriteOutputs(CduOutputs outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            for (var i = 0; i < _map.PumpRun.Count; i++)
            {
                Drive(_map.PumpRun[i], outputs.PumpRunCommand[i]);
            }

            Drive(_map.IsolationValvesOpen, outputs.IsolationValvesOpen);
            Drive(_map.AlarmRelay, _map.AlarmRelayEnergizedWhenHealthy ? !outputs.AlarmRelay : outputs.AlarmRelay);
            var index = 0;
            if (_map.ValvePwm is { } valve)
            {
                WritePwm(index++, valve, outputs.ValveCommandPercent);
            }

            for (var i = 0; i < _map.PumpSpeedPwm.Count; i++)
            {
                WritePwm(index++, _map.PumpSpeedPwm[i], outputs.PumpRunCommand[i] ? outputs.PumpSpeedCommandPercent[i] : 0);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var output in _map.PumpRun.Append(_map.IsolationValvesOpen).Append(_map.AlarmRelay))
            {
                try
                {
                    _lines.Write(output.Pin, Level(output, energized: false));
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                }
            }

            for (var i = 0; i < _pwmOutputs.Length; i++)
            {
                var output = _pwmOutputs[i];
                WritePwm(i, output, 0);
                try
                {
                    _pwm!.StopOutput(output.Chip, output.Channel);
                }
                catch (Exception ex) when (IsPwmFailure(ex))
                {
                    Interlocked.Increment(ref _pwmWriteFailures);
                }
            }

            _pwm?.Dispose();
            _lines.Dispose();
        }
    }

    private static bool Level(PinAssignment line, bool energized) => energized != line.ActiveLow;

    private bool Asserted(PinAssignment line)
    {
        try
        {
            return _lines.Read(line.Pin) != line.ActiveLow;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            return true;
        }
    }

    private void Drive(PinAssignment line, bool energized)
    {
        try
        {
            _lines.Write(line.Pin, Level(line, energized));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // A line that cannot be driven cannot be helped from here; the next cycle tries again.
        }
    }

    private static bool IsPwmFailure(Exception ex) =>
        ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException or NotSupportedException;

    private void WritePwm(int index, PwmAssignment output, double percent)
    {
        try
        {
            _pwm!.SetDutyCycle(output.Chip, output.Channel, DutyCycle(percent, output.Inverted));
        }
        catch (Exception ex) when (IsPwmFailure(ex))
        {
            // Like a digital line: nothing to be done from here, the next cycle writes it again. Counted always, logged once.
            Interlocked.Increment(ref _pwmWriteFailures);
            if (!_pwmFailureLogged[index])
            {
                _pwmFailureLogged[index] = true;
                _logger.LogError("{Field}: PWM chip {Chip} channel {Channel} cannot be written ({Problem}); its output may hold a stale value. Further failures of this channel are counted, not logged",
                    output.Field, output.Chip, output.Channel, ex.Message);
            }
        }
    }
}

/// <summary><see cref="IDigitalLines"/> on a Linux GPIO chip through System.Device.Gpio (libgpiod).</summary>
internal sealed class GpioControllerLines : IDigitalLines
{
    private readonly GpioController _controller;

    public GpioControllerLines(int chip)
    {
        _controller = new GpioController(new LibGpiodDriver(chip));
    }

    public void OpenInput(int pin, LineBias bias) => _controller.OpenPin(pin, bias switch
    {
        LineBias.PullUp => PinMode.InputPullUp,
        LineBias.PullDown => PinMode.InputPullDown,
        _ => PinMode.Input,
    });

    public void OpenOutput(int pin, bool level)
    {
        _controller.OpenPin(pin, PinMode.Output);
        _controller.Write(pin, level ? PinValue.High : PinValue.Low);
    }

    public bool Read(int pin) => _controller.Read(pin) == PinValue.High;

    public void Write(int pin, bool level) => _controller.Write(pin, level ? PinValue.High : PinValue.Low);

    public void Dispose() => _controller.Dispose();
}
