namespace Cooling.Models.Components;

/// <summary>
/// The loop's expansion tank. Its level follows the coolant's thermal expansion and what leaks out:
///   V_tank = V_fill + V_loop·(ρ(T_fill)/ρ(T) − 1) − V_leaked,   level = V_tank / capacity
/// (the loop's mass is fixed at fill; a warmer coolant takes more room and pushes it into the tank).
/// Source: mass conservation; ρ(T) from the coolant's fit (<see cref="Coolant.Coolant"/>), as in ASHRAE Handbook
/// HVAC Systems and Equipment ch. 13 (expansion tanks).
/// </summary>
public sealed class Reservoir
{
    private readonly double _loopLiters;
    private readonly double _fillDensity;
    private double _baseLiters;
    private double _expansionLiters;

    /// <param name="capacityLiters">Tank volume, L.</param>
    /// <param name="fillLevelPercent">Level at fill, %.</param>
    /// <param name="loopLiters">Coolant in the loop outside the tank, L.</param>
    /// <param name="fillDensityKilogramsPerCubicMeter">Coolant density at the fill temperature.</param>
    public Reservoir(double capacityLiters, double fillLevelPercent, double loopLiters, double fillDensityKilogramsPerCubicMeter)
    {
        CapacityLiters = capacityLiters;
        _loopLiters = loopLiters;
        _fillDensity = fillDensityKilogramsPerCubicMeter;
        _baseLiters = capacityLiters * fillLevelPercent / 100;
    }

    public double CapacityLiters { get; }

    /// <summary>Coolant lost through leaks so far, L.</summary>
    public double LeakedLiters { get; private set; }

    /// <summary>Coolant in the tank, L (0 … capacity).</summary>
    public double LiquidLiters => Math.Clamp(_baseLiters + _expansionLiters, 0, CapacityLiters);

    /// <summary>Level, % of capacity.</summary>
    public double LevelPercent
    {
        get => LiquidLiters / CapacityLiters * 100;
        set => _baseLiters = Math.Clamp(double.IsFinite(value) ? value : 0, 0, 100) / 100 * CapacityLiters - _expansionLiters;
    }

    /// <summary>Updates the expansion for the loop's mean density and takes <paramref name="leakedLiters"/> out.</summary>
    public void Step(double meanDensityKilogramsPerCubicMeter, double leakedLiters)
    {
        _expansionLiters = _loopLiters * (_fillDensity / meanDensityKilogramsPerCubicMeter - 1);
        if (leakedLiters > 0)
        {
            _baseLiters -= leakedLiters;
            LeakedLiters += leakedLiters;
        }
    }
}
