using System.Device.Pwm;

namespace Cdu.Firmware.Host.Gpio;

/// <summary>
/// PWM outputs as <see cref="GpioIo"/> uses them (Linux sysfs PWM through System.Device.Pwm, or a test double). A channel
/// is named by its chip and channel number; the duty cycle is 0 … 1. <see cref="IDisposable.Dispose"/> releases every
/// channel that was started.
/// </summary>
public interface IPwmOutputs : IDisposable
{
    /// <summary>Opens the channel at <paramref name="frequencyHz"/> with <paramref name="dutyCycle"/> and starts it.</summary>
    void StartOutput(int chip, int channel, int frequencyHz, double dutyCycle);

    /// <summary>Sets the duty cycle (0 … 1) of a started channel.</summary>
    void SetDutyCycle(int chip, int channel, double dutyCycle);

    /// <summary>Stops a started channel (its output goes to the controller's idle level).</summary>
    void StopOutput(int chip, int channel);
}

/// <summary><see cref="IPwmOutputs"/> on <see cref="PwmChannel"/> (on Linux: <c>/sys/class/pwm/pwmchipN/pwmM</c>).</summary>
internal sealed class PwmChannelOutputs : IPwmOutputs
{
    private readonly Dictionary<(int Chip, int Channel), PwmChannel> _channels = [];

    public void StartOutput(int chip, int channel, int frequencyHz, double dutyCycle)
    {
        if (_channels.ContainsKey((chip, channel)))
        {
            throw new InvalidOperationException($"PWM chip {chip} channel {channel} is already started.");
        }

        var pwm = PwmChannel.Create(chip, channel, frequencyHz, dutyCycle);
        try
        {
            pwm.Start();
            _channels.Add((chip, channel), pwm);
        }
        catch
        {
            pwm.Dispose();
            throw;
        }
    }

    public void SetDutyCycle(int chip, int channel, double dutyCycle) => Channel(chip, channel).DutyCycle = dutyCycle;

    public void StopOutput(int chip, int channel) => Channel(chip, channel).Stop();

    public void Dispose()
    {
        foreach (var pwm in _channels.Values)
        {
            try
            {
                pwm.Dispose();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                // Unexporting failed: nothing more to do from a process that is stopping.
            }
        }

        _channels.Clear();
    }

    private PwmChannel Channel(int chip, int channel) => _channels.TryGetValue((chip, channel), out var pwm)
        ? pwm
        : throw new InvalidOperationException($"PWM chip {chip} channel {channel} is not started.");
}
