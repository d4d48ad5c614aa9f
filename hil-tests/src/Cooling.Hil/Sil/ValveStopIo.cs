using Cdu.Firmware.Io;
using Cdu.Firmware.Platform;

namespace Cooling.Hil.Sil;

/// <summary>
/// A mechanical stop on the facility valve between the firmware and the plant: commands above
/// <see cref="TravelLimitPercent"/> reach the valve as the stop. The firmware is not told: its own output limit
/// (valve.maximumPercent) must match the valve's real travel for its anti-windup to work.
/// </summary>
public sealed class ValveStopIo(ICduIo inner, double travelLimitPercent) : ICduIo
{
    private readonly CduOutputs _limited = new();

    public double TravelLimitPercent { get; } = travelLimitPercent;

    public void ReadInputs(CduInputs inputs) => inner.ReadInputs(inputs);

    public void WriteOutputs(CduOutputs outputs)
    {
        _limited.CopyFrom(outputs);
        _limited.ValveCommandPercent = Math.Min(outputs.ValveCommandPercent, TravelLimitPercent);
        inner.WriteOutputs(_limited);
    }
}
