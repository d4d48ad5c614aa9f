namespace Cooling.Models.Components;

/// <summary>
/// Variable-speed centrifugal pump on a drive (VFD). Head at speed fraction s and flow Q by the affinity laws:
///   H(Q, s) = H₀·s² − b·Q²   (kPa, Q in L/min),
/// electric power P = Q·H/η. The drive ramps speed at most <see cref="AccelerationPercentPerSecond"/>; a stopped
/// or tripped pump coasts down with time constant <see cref="CoastDownSeconds"/>. Source: affinity laws, e.g.
/// Karassik, Pump Handbook, 4th ed., §2.3; Modelica Buildings Fluid.Movers (η ≈ 0.7 in its CDU example).
/// </summary>
public sealed class CentrifugalPump(double shutoffHeadKpa = 250, double curveCoefficientKpaPerLpmSquared = 1.5625e-4,
    double efficiency = 0.7, double accelerationPercentPerSecond = 50, double coastDownSeconds = 1.5)
{
    public double ShutoffHeadKpa { get; } = shutoffHeadKpa;

    public double CurveCoefficient { get; } = curveCoefficientKpaPerLpmSquared;

    public double Efficiency { get; } = efficiency;

    public double AccelerationPercentPerSecond { get; } = accelerationPercentPerSecond;

    public double CoastDownSeconds { get; } = coastDownSeconds;

    /// <summary>Actual speed, % of rated.</summary>
    public double SpeedPercent { get; private set; }

    /// <summary>A trip (injected fault): the drive stops and reports a fault until cleared.</summary>
    public bool Tripped { get; set; }

    /// <summary>Flow through this pump in the last hydraulic solution, L/min.</summary>
    public double FlowLitersPerMinute { get; internal set; }

    /// <summary>Electric power in the last step, W.</summary>
    public double PowerWatts { get; internal set; }

    /// <summary>Head available at <paramref name="flowLitersPerMinute"/> at the current speed, kPa (can be negative).</summary>
    public double HeadKpa(double flowLitersPerMinute)
    {
        var s = SpeedPercent / 100.0;
        return ShutoffHeadKpa * s * s - CurveCoefficient * flowLitersPerMinute * flowLitersPerMinute;
    }

    /// <summary>A seized pump (a bearing failure): it stops turning while its drive reports no fault.</summary>
    public bool Seized { get; private set; }

    public void Seize()
    {
        Seized = true;
        SpeedPercent = 0;
    }

    /// <summary>A speed disturbance: the actual speed drops at once by <paramref name="fraction"/> (0 … 1); the drive then ramps back.</summary>
    public void Disturb(double fraction) => SpeedPercent *= 1 - Math.Clamp(fraction, 0, 1);

    /// <summary>Moves the speed towards the command for <paramref name="stepSeconds"/>.</summary>
    public void Step(bool run, double speedCommandPercent, double stepSeconds)
    {
        if (run && !Tripped && !Seized)
        {
            var target = Math.Clamp(double.IsFinite(speedCommandPercent) ? speedCommandPercent : 0, 0, 100);
            var maximum = AccelerationPercentPerSecond * stepSeconds;
            SpeedPercent += Math.Clamp(target - SpeedPercent, -maximum, maximum);
        }
        else
        {
            SpeedPercent -= SpeedPercent * stepSeconds / (CoastDownSeconds + stepSeconds);
            if (SpeedPercent < 0.01) SpeedPercent = 0;
        }
    }
}
