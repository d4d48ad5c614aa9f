namespace Cooling.Supervisor.Planning;

/// <summary>
/// The slew limits of <see cref="LoopLimits"/> applied to a loop's successive requests: the supply may warm no
/// faster than <see cref="LoopLimits.SupplyWarmingSlewKelvinPerMinute"/> and the ΔP may fall no faster than
/// <see cref="LoopLimits.DeltaPressureLoweringSlewKpaPerSecond"/>; moves towards more cooling pass at once (the CDU
/// ramps every target at its own slew limit anyway).
/// </summary>
public sealed class RequestSlew
{
    private double _supply = double.NaN;
    private double? _deltaPressure;
    private DateTimeOffset _at;

    /// <summary>Limits (<paramref name="supplyCelsius"/>, <paramref name="deltaPressureKpa"/>) against the previous request and remembers them.</summary>
    public (double SupplyCelsius, double? DeltaPressureKpa) Apply(double supplyCelsius, double? deltaPressureKpa, DateTimeOffset now, LoopLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!double.IsNaN(_supply))
        {
            var seconds = Math.Max((now - _at).TotalSeconds, 0);
            supplyCelsius = Math.Min(supplyCelsius, _supply + limits.SupplyWarmingSlewKelvinPerMinute / 60 * seconds);
            if (deltaPressureKpa is { } dp && _deltaPressure is { } before)
            {
                deltaPressureKpa = Math.Max(dp, before - limits.DeltaPressureLoweringSlewKpaPerSecond * seconds);
            }
        }

        _supply = supplyCelsius;
        _deltaPressure = deltaPressureKpa;
        _at = now;
        return (supplyCelsius, deltaPressureKpa);
    }

    /// <summary>Starts again from given setpoints (a planner taking over).</summary>
    public void Reset(double supplyCelsius, double? deltaPressureKpa, DateTimeOffset now)
    {
        _supply = supplyCelsius;
        _deltaPressure = deltaPressureKpa;
        _at = now;
    }
}
