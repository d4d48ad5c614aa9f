namespace Cooling.Models.Components;

/// <summary>
/// A well-mixed volume of coolant (heat-exchanger hold-up, CDU piping, reservoir): with heat capacity C = ρ·cp·V and
/// a through-flow of heat capacity rate ṁc at inlet temperature T_in,
///   C·dT/dt = ṁc·(T_in − T) + Q.
/// <see cref="StepExact"/> integrates it exactly over a step with T_in and Q held (unconditionally stable) and returns
/// the mean outlet temperature over the step, T̄_out = T_in + (Q·Δt − C·ΔT)/(ṁc·Δt), so that what leaves carries
/// exactly the heat the volume did not keep. <see cref="StepExplicit"/> lets the outlet be the temperature at the
/// start of the step (explicit Euler; stable for ṁc·Δt/C &lt; 1), for the one volume whose outlet a loop must know
/// first. Source: lumped-capacitance energy balance, e.g. Incropera &amp; DeWitt §5.2; Modelica Buildings
/// Fluid.MixingVolumes.MixingVolume.
/// </summary>
public sealed class MixingVolume(double volumeLiters, double initialCelsius)
{
    public double VolumeLiters { get; } = volumeLiters;

    public double TemperatureCelsius { get; private set; } = initialCelsius;

    /// <summary>Exact step; returns the mean outlet temperature over the step, °C.</summary>
    /// <param name="volumetricHeatCapacity">ρ·cp, J/(L·K).</param>
    public double StepExact(double inletCelsius, double heatCapacityRateWattsPerKelvin, double heatWatts, double volumetricHeatCapacity, double stepSeconds)
    {
        var capacity = volumetricHeatCapacity * VolumeLiters;
        var start = TemperatureCelsius;
        if (heatCapacityRateWattsPerKelvin <= 0)
        {
            TemperatureCelsius = start + heatWatts * stepSeconds / capacity;
            return start;
        }

        var equilibrium = inletCelsius + heatWatts / heatCapacityRateWattsPerKelvin;
        TemperatureCelsius = equilibrium + (start - equilibrium) * Math.Exp(-heatCapacityRateWattsPerKelvin * stepSeconds / capacity);
        return inletCelsius + (heatWatts * stepSeconds - capacity * (TemperatureCelsius - start)) / (heatCapacityRateWattsPerKelvin * stepSeconds);
    }

    /// <summary>Explicit step: the outlet over the step is the temperature at its start (returned), °C.</summary>
    public double StepExplicit(double inletCelsius, double heatCapacityRateWattsPerKelvin, double heatWatts, double volumetricHeatCapacity, double stepSeconds)
    {
        var start = TemperatureCelsius;
        TemperatureCelsius = start + (heatCapacityRateWattsPerKelvin * (inletCelsius - start) + heatWatts) * stepSeconds / (volumetricHeatCapacity * VolumeLiters);
        return start;
    }
}
