using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;

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
/// The CDU's digital I/O on a Linux GPIO chip (<c>--io gpio --pins map.json</c>): pump fault contacts and leak zones in,
/// pump run commands, the isolation valves and the alarm relay out. Plain GPIO reads no analog value, so every
/// temperature, 4–20 mA transmitter (ΔP, flow, filter ΔP), the valve position, the pump speed feedback, the reservoir
/// level and the ambient sensor are reported missing (NaN, ambient invalid) and the analog commands (valve position,
/// pump speeds) go nowhere. The core degrades safely on that: the sensors are faulted, and a missing reservoir level
/// counts as empty, so the pumps stay stopped (reservoir low-low) — plain GPIO checks the digital wiring, it does not
/// run a CDU. A leak zone reads 100 % when wet, 0 % when dry. A line that cannot be read counts as asserted (fault / wet).
/// On <see cref="Dispose"/> every output is released de-energized (the alarm relay too: a stopped controller alarms
/// when the relay is wired energized-when-healthy).
/// </summary>
public sealed class GpioIo : ICduIo, IDisposable
{
    private readonly GpioPinMap _map;
    private readonly IDigitalLines _lines;
    private readonly object _gate = new();
    private bool _disposed;

    public GpioIo(GpioPinMap map, IDigitalLines lines)
    {
        _map = map ?? throw new ArgumentNullException(nameof(map));
        _lines = lines ?? throw new ArgumentNullException(nameof(lines));
        foreach (var input in map.PumpFaults.Concat(map.LeakZones))
        {
            lines.OpenInput(input.Pin, input.Bias);
        }

        foreach (var output in map.PumpRun.Append(map.IsolationValvesOpen).Append(map.AlarmRelay))
        {
            lines.OpenOutput(output.Pin, Level(output, energized: false));
        }
    }

    /// <summary>Opens the lines of <paramref name="map"/> on the machine's GPIO chip (libgpiod).</summary>
    public static GpioIo Open(GpioPinMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new GpioIo(map, new GpioControllerLines(map.GpioChip));
    }

    public void ReadInputs(CduInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        HilTopicIoMissing(inputs);
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

            _lines.Dispose();
        }
    }

    private static bool Level(PinAssignment line, bool energized) => energized != line.ActiveLow;

    // Everything plain GPIO cannot measure: missing, exactly as the HIL I/O reports a silent rig.
    private static void HilTopicIoMissing(CduInputs inputs) => Hil.HilTopicIo.SetMissing(inputs);

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
