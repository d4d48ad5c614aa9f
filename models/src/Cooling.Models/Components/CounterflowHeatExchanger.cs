namespace Cooling.Models.Components;

/// <summary>
/// Plate heat exchanger in counterflow by the ε-NTU method:
///   NTU = UA / C_min,  C_r = C_min / C_max,
///   ε = (1 − e^(−NTU(1−C_r))) / (1 − C_r·e^(−NTU(1−C_r))),  and ε = NTU/(1+NTU) when C_r = 1;
///   Q = ε·C_min·(T_hot,in − T_cold,in).
/// Source: Incropera &amp; DeWitt, Fundamentals of Heat and Mass Transfer, 6th ed., Table 11.3;
/// Modelica Buildings, Buildings.Fluid.HeatExchangers.ConstantEffectiveness / PlateHeatExchangerEffectivenessNTU.
/// </summary>
/// <param name="conductanceWattsPerKelvin">UA, W/K (&gt; 0), taken as constant over the flow range.</param>
public sealed class CounterflowHeatExchanger(double conductanceWattsPerKelvin)
{
    public double ConductanceWattsPerKelvin { get; } = conductanceWattsPerKelvin;

    /// <summary>Effectiveness ε (0 … 1) for the two heat capacity rates, W/K.</summary>
    public double Effectiveness(double hotCapacityRateWattsPerKelvin, double coldCapacityRateWattsPerKelvin)
    {
        var minimum = Math.Min(hotCapacityRateWattsPerKelvin, coldCapacityRateWattsPerKelvin);
        var maximum = Math.Max(hotCapacityRateWattsPerKelvin, coldCapacityRateWattsPerKelvin);
        if (minimum <= 0)
        {
            return 0;
        }

        var ntu = ConductanceWattsPerKelvin / minimum;
        var ratio = minimum / maximum;
        if (Math.Abs(1 - ratio) < 1e-9)
        {
            return ntu / (1 + ntu);
        }

        var e = Math.Exp(-ntu * (1 - ratio));
        return (1 - e) / (1 - ratio * e);
    }

    /// <summary>Heat moved from the hot to the cold stream, W (≥ 0 when the hot inlet is warmer).</summary>
    public double HeatFlowWatts(double hotInletCelsius, double hotCapacityRateWattsPerKelvin, double coldInletCelsius, double coldCapacityRateWattsPerKelvin) =>
        Effectiveness(hotCapacityRateWattsPerKelvin, coldCapacityRateWattsPerKelvin)
        * Math.Min(hotCapacityRateWattsPerKelvin, coldCapacityRateWattsPerKelvin)
        * (hotInletCelsius - coldInletCelsius);
}
