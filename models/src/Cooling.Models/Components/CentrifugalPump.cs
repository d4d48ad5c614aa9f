namespace Cooling.Models.Components;

/// <summary>
/// Variable-speed centrifugal pump on a drive (VFD), by the affinity laws (Q ∝ s, H ∝ s², P ∝ s³ at similar points).
/// At speed fraction s and flow Q (L/min):
///   head        H(Q, s) = (1 − w)·H₀·s² − b·Q²                              kPa
///   efficiency  η(Q, s) = (1 − w)·η_bep·x·(2 − x),  x = Q / (s·Q_bep)          (parabola through 0 and the best-efficiency point)
///   electric    P = V̇·H/η = s·Q_bep·H / ((1 − w)·η_bep·(2 − x))             W (x limited to 1.8: finite power at shut-off)
/// w is the wear fraction (impeller and wear-ring erosion: head and efficiency fall; assumed to fall alike).
/// The drive ramps speed at most <see cref="AccelerationPercentPerSecond"/>; a stopped or tripped pump coasts down
/// with time constant <see cref="CoastDownSeconds"/> and draws no power. Source: affinity laws, e.g. Karassik, Pump
/// Handbook, 4th ed., §2.3; Modelica Buildings Fluid.Movers (η ≈ 0.7 in its CDU example; docs/physics-sources.md#pumps).
/// </summary>
public sealed class CentrifugalPump(double shutoffHeadKpa = 250, double curveCoefficientKpaPerLpmSquared = 1.5625e-4,
    double efficiency = 0.7, double accelerationPercentPerSecond = 50, double coastDownSeconds = 1.5, double bestEfficiencyFlowLitersPerMinute = 800)
{
    private const double MaximumSimilarFlowRatio = 1.8;

    public double ShutoffHeadKpa { get; } = shutoffHeadKpa;

    public double CurveCoefficient { get; } = curveCoefficientKpaPerLpmSquared;

    /// <summary>Wire-to-water efficiency at the best-efficiency point, new (0 … 1).</summary>
    public double Efficiency { get; } = efficiency;

    /// <summary>Flow at the best-efficiency point at 100 % speed, L/min.</summary>
    public double BestEfficiencyFlowLitersPerMinute { get; } = bestEfficiencyFlowLitersPerMinute;

    public double AccelerationPercentPerSecond { get; } = accelerationPercentPerSecond;

    public double CoastDownSeconds { get; } = coastDownSeconds;

    /// <summary>Actual speed, % of rated.</summary>
    public double SpeedPercent { get; private set; }

    /// <summary>True while the drive drives the pump (commanded to run, not tripped, not seized).</summary>
    public bool Driven { get; private set; }

    /// <summary>A trip (injected fault): the drive stops and reports a fault until cleared.</summary>
    public bool Tripped { get; set; }

    /// <summary>Wear, 0 (new) … 0.9: the fraction of head and efficiency lost.</summary>
    public double WearFraction
    {
        get;
        set => field = Math.Clamp(double.IsFinite(value) ? value : 0, 0, 0.9);
    }

    /// <summary>Flow through this pump in the last hydraulic solution, L/min.</summary>
    public double FlowLitersPerMinute { get; internal set; }

    /// <summary>Head at the last operating point, kPa.</summary>
    public double HeadAtOperatingPointKpa { get; private set; }

    /// <summary>Electric power in the last step, W.</summary>
    public double PowerWatts { get; private set; }

    /// <summary>Hydraulic power V̇·Δp given to the coolant in the last step, W (dissipated in the loop by friction).</summary>
    public double HydraulicPowerWatts { get; private set; }

    /// <summary>Head available at <paramref name="flowLitersPerMinute"/> at the current speed, kPa (can be negative).</summary>
    public double HeadKpa(double flowLitersPerMinute)
    {
        var s = SpeedPercent / 100.0;
        return (1 - WearFraction) * ShutoffHeadKpa * s * s - CurveCoefficient * flowLitersPerMinute * flowLitersPerMinute;
    }

    /// <summary>Efficiency at <paramref name="flowLitersPerMinute"/> at the current speed (0 … 1).</summary>
    public double EfficiencyAt(double flowLitersPerMinute)
    {
        var x = SimilarFlowRatio(flowLitersPerMinute);
        return (1 - WearFraction) * Efficiency * Math.Max(x * (2 - x), 0);
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
        Driven = run && !Tripped && !Seized;
        if (Driven)
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

    /// <summary>Sets the operating point found by the loop's hydraulics and the electric power it takes.</summary>
    internal void SetOperatingPoint(double flowLitersPerMinute, double headKpa)
    {
        FlowLitersPerMinute = flowLitersPerMinute;
        HeadAtOperatingPointKpa = headKpa;
        HydraulicPowerWatts = flowLitersPerMinute / 60_000.0 * headKpa * 1000;
        var s = SpeedPercent / 100.0;
        PowerWatts = Driven && s > 0
            ? s * BestEfficiencyFlowLitersPerMinute / 60_000.0 * Math.Max(headKpa, 0) * 1000 / ((1 - WearFraction) * Efficiency * (2 - SimilarFlowRatio(flowLitersPerMinute)))
            : 0;
    }

    private double SimilarFlowRatio(double flowLitersPerMinute)
    {
        var s = SpeedPercent / 100.0;
        return s > 0 ? Math.Min(flowLitersPerMinute / (s * BestEfficiencyFlowLitersPerMinute), MaximumSimilarFlowRatio) : 0;
    }
}
