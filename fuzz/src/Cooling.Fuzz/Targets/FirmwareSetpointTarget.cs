using Cdu.Firmware;
using Cdu.Firmware.Link;
using Cdu.Firmware.Messages;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The firmware's setpoint requests: each line of the input is one request, read by <see cref="JsonMessageReader"/> and
/// decided by one <see cref="SetpointArbiter"/> in turn (as the controller does). Invariants: a rejection changes
/// nothing; what is applied lies in the envelope (supply within its limits and above dew point + margin, ΔP within its
/// limits, the lease within its limits) and is what the arbiter then holds.
/// </summary>
public sealed class FirmwareSetpointTarget : FuzzTarget
{
    private const double DewPointCelsius = 15.0;
    private const double ToleranceKelvin = 1e-9;

    private readonly JsonMessageReader _reader = new();
    private readonly SetpointDecision _decision = new();

    public override void Run(byte[] input)
    {
        var settings = new CduSettings();
        var arbiter = new SetpointArbiter(settings);
        var start = 0;
        var now = 0L;
        while (start <= input.Length)
        {
            var end = Array.IndexOf(input, (byte)'\n', start);
            if (end < 0) end = input.Length;
            now += 1000;
            Decide(settings, arbiter, input, start, end - start, now);
            start = end + 1;
        }
    }

    private void Decide(CduSettings settings, SetpointArbiter arbiter, byte[] input, int offset, int length, long now)
    {
        var sequenceBefore = arbiter.LastSequence;
        var leaseBefore = arbiter.LeaseActive;
        var targetBefore = arbiter.TargetSupplyTemperatureCelsius(DewPointCelsius);
        var error = _reader.Parse(input, offset, length);
        if (error != JsonError.None)
        {
            arbiter.RejectUnreadable(JsonErrorText.Describe(error), DewPointCelsius, _decision);
        }
        else
        {
            arbiter.Decide(_reader, now, DewPointCelsius, _decision);
        }

        InvariantViolationException.Check(Enum.IsDefined(_decision.Status), $"undefined status {(int)_decision.Status}");
        InvariantViolationException.Check(!string.IsNullOrEmpty(_decision.Reason), "a decision without a reason");
        if (_decision.Status == SetpointStatus.Rejected)
        {
            InvariantViolationException.Check(arbiter.LastSequence == sequenceBefore && arbiter.LeaseActive == leaseBefore, $"rejected ({_decision.Reason}) but the arbiter moved");
            InvariantViolationException.Check(arbiter.TargetSupplyTemperatureCelsius(DewPointCelsius).Equals(targetBefore), "rejected but the supply target moved");
            InvariantViolationException.Check(_decision.LeaseSeconds == 0, "rejected with a lease");
            return;
        }

        InvariantViolationException.Check(_decision.Sequence > sequenceBefore && arbiter.LastSequence == _decision.Sequence, $"applied sequence {_decision.Sequence} after {sequenceBefore}");
        InvariantViolationException.Check(arbiter.LeaseActive, "applied without a lease in force");
        InvariantViolationException.Check(_decision.LeaseSeconds >= settings.Lease.MinimumSeconds && _decision.LeaseSeconds <= settings.Lease.MaximumSeconds, $"lease {_decision.LeaseSeconds} s outside its limits");
        var applied = _decision.AppliedSupplyTemperatureCelsius;
        var floor = DewPointCelsius + settings.Supply.DewPointMarginKelvin;
        InvariantViolationException.Check(double.IsFinite(applied), $"applied supply {applied}");
        InvariantViolationException.Check(applied >= floor - ToleranceKelvin, $"applied supply {applied} °C below dew point + margin {floor} °C");
        InvariantViolationException.Check(applied >= settings.Supply.MinimumSetpointCelsius - ToleranceKelvin && applied <= Math.Max(settings.Supply.MaximumSetpointCelsius, floor) + ToleranceKelvin, $"applied supply {applied} °C outside the envelope");
        InvariantViolationException.Check(arbiter.TargetSupplyTemperatureCelsius(DewPointCelsius).Equals(applied), "the arbiter holds another supply target than it acknowledged");
        var deltaPressure = _decision.AppliedDeltaPressureKpa;
        var requestedDeltaPressure = !double.IsNaN(_decision.RequestedDeltaPressureKpa);
        InvariantViolationException.Check(
            requestedDeltaPressure
                ? deltaPressure >= settings.Pump.DeltaPressureMinimumKpa && deltaPressure <= settings.Pump.DeltaPressureMaximumKpa
                : deltaPressure.Equals(settings.Pump.DeltaPressureSetpointKpa),
            $"applied ΔP {deltaPressure} kPa (requested: {_decision.RequestedDeltaPressureKpa})");
        InvariantViolationException.Check(_decision.Status == SetpointStatus.Accepted == (applied.Equals(_decision.RequestedSupplyTemperatureCelsius) && (!requestedDeltaPressure || deltaPressure.Equals(_decision.RequestedDeltaPressureKpa))), $"status {_decision.Status} for {_decision.RequestedSupplyTemperatureCelsius} → {applied}");
        InvariantViolationException.Check(arbiter.AnnouncedItLoadKilowatts is >= 0 and <= 100000, $"IT load {arbiter.AnnouncedItLoadKilowatts} kW");
    }
}
