namespace Cooling.Models.Components;

/// <summary>
/// Modulating valve with an actuator of finite stroke time and an equal-percentage characteristic:
///   φ(x) = R^(x − 1) for x ≥ x_shut, 0 below (tight shut-off), with rangeability R (typically 25 … 50).
/// The actuator moves at most 100 % per stroke time (≈ 120 s for CDU facility valves; docs/physics-sources.md#valve-and-loop-control).
/// Source: Modelica Buildings, Buildings.Fluid.Actuators.Valves.TwoWayEqualPercentage; ISA-75.11.
/// </summary>
public sealed class EqualPercentageValve(double strokeTimeSeconds = 120, double rangeability = 50, double shutOffPercent = 1)
{
    /// <summary>Actuator position, % open (0 … 100).</summary>
    public double PositionPercent { get; private set; }

    public double StrokeTimeSeconds { get; } = strokeTimeSeconds;

    /// <summary>Moves the actuator towards <paramref name="commandPercent"/> for <paramref name="stepSeconds"/>.</summary>
    public void Step(double commandPercent, double stepSeconds)
    {
        var command = Math.Clamp(double.IsFinite(commandPercent) ? commandPercent : PositionPercent, 0, 100);
        var maximumMove = 100.0 / StrokeTimeSeconds * stepSeconds;
        PositionPercent += Math.Clamp(command - PositionPercent, -maximumMove, maximumMove);
    }

    /// <summary>Sets the actuator position directly (initial state).</summary>
    public void SetPosition(double percent) => PositionPercent = Math.Clamp(percent, 0, 100);

    /// <summary>Relative flow coefficient φ = Kv/Kvs at the current position (0 … 1).</summary>
    public double RelativeFlowCoefficient =>
        PositionPercent < shutOffPercent ? 0 : Math.Pow(rangeability, PositionPercent / 100.0 - 1);
}
