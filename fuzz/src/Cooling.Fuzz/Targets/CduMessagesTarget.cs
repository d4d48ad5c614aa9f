using Cooling.Supervisor.Contract;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The supervisor's general contract reader for CDU messages (<see cref="CduMessageReader"/>): every input is read as
/// telemetry, acknowledgement, state and event. Invariants: a refusal is a reason, never an exception; what is accepted
/// satisfies the contract's bounds.
/// </summary>
public sealed class CduMessagesTarget : FuzzTarget
{
    private static readonly string[] Statuses = ["accepted", "clamped", "rejected"];
    private static readonly string[] Severities = ["OK", "Warning", "Critical"];

    public override void Run(byte[] input)
    {
        if (Accepted(CduMessageReader.ReadTelemetry(input)) is { } t)
        {
            InvariantViolationException.Check(t.Sequence >= 0 && t.UptimeMilliseconds >= 0 && t.LastRequestSequence >= 0 && t.RejectedMessages >= 0, $"negative counter in {t}");
            InvariantViolationException.Check(Text(t.Mode) && Text(t.SetpointSource) && Text(t.FirmwareVersion), "a text field out of bounds");
            InvariantViolationException.Check(Within(t.SupplyTemperatureSetpointCelsius, -20, 150) && Within(t.SupplyTemperatureTargetCelsius, -20, 150), "a setpoint out of bounds");
            InvariantViolationException.Check(Within(t.ValveCommandPercent, 0, 100) && Within(t.PumpSpeedPercent, 0, 100) && Within(t.LeaseRemainingSeconds, 0, 100_000), "a command out of bounds");
            InvariantViolationException.Check(Sensor(t.SupplyTemperatureCelsius, -20, 150) && Sensor(t.FlowLitersPerMinute, 0, 100_000) && Sensor(t.ValvePositionPercent, 0, 100), "a sensor out of bounds");
            InvariantViolationException.Check(t.ActiveAlarms.Count <= 256 && t.CriticalAlarmCount <= t.ActiveAlarms.Count && t.CriticalAlarmCount >= 0, "alarms out of bounds");
            InvariantViolationException.Check(Sensor(t.DeltaPressureSetpointKpa, 0, 2000) && Sensor(t.DeltaPressureTargetKpa, 0, 2000), "a ΔP out of bounds");
        }

        if (Accepted(CduMessageReader.ReadAcknowledgement(input)) is { } a)
        {
            InvariantViolationException.Check(a.Sequence >= -1 && a.LeaseSeconds >= 0, $"sequence {a.Sequence}, lease {a.LeaseSeconds}");
            InvariantViolationException.Check(Statuses.Contains(a.Status) && Text(a.Reason), $"status '{a.Status}', reason '{a.Reason}'");
            InvariantViolationException.Check(Within(a.AppliedSupplyTemperatureCelsius, -20, 150) && Sensor(a.AppliedDeltaPressureKpa, 0, 2000), "an applied value out of bounds");
        }

        if (Accepted(CduMessageReader.ReadState(input)) is { } s)
        {
            InvariantViolationException.Check(s.Online ? Text(s.FirmwareVersion) && Text(s.Mode) : s.FirmwareVersion is null && s.Mode is null, $"state {s}");
        }

        if (Accepted(CduMessageReader.ReadEvent(input)) is { } e)
        {
            InvariantViolationException.Check(e.Sequence >= 0 && Text(e.Name) && Text(e.Reason) && Severities.Contains(e.Severity), $"event {e}");
        }
    }

    private static T? Accepted<T>(ParseResult<T> result) where T : class
    {
        InvariantViolationException.Check(result.IsSuccess ? result.Value is not null : result.Error is { Length: > 0 }, "a result with neither value nor reason");
        return result.Value;
    }

    private static bool Text(string? text) => text is { Length: > 0 and <= 256 };

    private static bool Within(double value, double minimum, double maximum) => value >= minimum && value <= maximum;

    private static bool Sensor(double? value, double minimum, double maximum) => value is null || Within(value.Value, minimum, maximum);
}
