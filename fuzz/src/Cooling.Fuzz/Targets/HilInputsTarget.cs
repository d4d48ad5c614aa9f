using Cdu.Firmware.Hil;
using Cdu.Firmware.Io;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The HIL I/O sensor message codec of the core (<see cref="HilSensorScanner.Scan"/>), which the virtual CDU and the
/// device both use. Invariants: a refusal is a reason of the form
/// "field: what was wrong"; an accepted message has a non-negative sequence and fills every input with a finite
/// value or NaN (absent), never an infinity.
/// </summary>
public sealed class HilInputsTarget : FuzzTarget
{
    public override void Run(byte[] input)
    {
        var inputs = new CduInputs();
        var scanner = new HilSensorScanner();
        var accepted = scanner.Scan(input, input.Length, inputs);
        var reason = scanner.Reason;
        var sequence = scanner.Sequence;
        if (!accepted)
        {
            InvariantViolationException.Check(reason.Contains(':', StringComparison.Ordinal), $"refusal without a field: '{reason}'");
            return;
        }

        InvariantViolationException.Check(sequence >= 0, $"accepted with sequence {sequence}");
        double[] scalars =
        [
            inputs.ReturnTemperatureCelsius, inputs.FacilitySupplyTemperatureCelsius, inputs.FacilityReturnTemperatureCelsius,
            inputs.DeltaPressureMilliamps, inputs.FlowMilliamps, inputs.FilterDeltaPressureMilliamps, inputs.ValvePositionPercent,
            inputs.AmbientTemperatureCelsius, inputs.RelativeHumidityPercent, inputs.ReservoirLevelPercent,
        ];
        foreach (var value in scalars.Concat(inputs.SupplyTemperatureCelsius).Concat(inputs.PumpSpeedFeedbackPercent).Concat(inputs.LeakZoneLevelPercent))
        {
            InvariantViolationException.Check(!double.IsInfinity(value), "accepted an infinite reading");
        }

        InvariantViolationException.Check(
            inputs.SupplyTemperatureCelsius.Length == CduInputs.SupplySensorCount && inputs.PumpFault.Length == CduInputs.MaximumPumps
            && inputs.PumpSpeedFeedbackPercent.Length == CduInputs.MaximumPumps && inputs.LeakZoneLevelPercent.Length == CduInputs.LeakZoneCount,
            "the inputs changed shape");
    }
}
