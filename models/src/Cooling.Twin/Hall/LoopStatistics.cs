namespace Cooling.Twin.Hall;

/// <summary>
/// What one CDU loop did over a run, accumulated every step on the plant's own numbers (not its sensors): supply
/// temperature against the firmware's working setpoint once the start-up window is over, the hottest GPU, pump
/// electric energy, IT heat, the pumps' work that ends as heat in the coolant, heat rejected to facility water, and the
/// heat stored in the loop at the start and now. Energies are sums of power × step as the plant integrates them, so
/// the energy balance IT heat + pump heat − heat rejected − Δ stored heat closes but for what the plant itself does not
/// conserve (its stored heat is valued at the coolant's ρ·cp of the moment).
/// </summary>
public sealed class LoopStatistics
{
    private double _deviationSumKelvin;
    private long _deviationSamples;
    private double _deviationMaximumKelvin;

    /// <summary>Plant time before which supply deviations are not counted (pumps start, flow is proven, the valve loop takes over), s.</summary>
    public double SettleSeconds { get; init; } = 600;

    /// <summary>Plant time covered, s.</summary>
    public double PlantSeconds { get; private set; }

    /// <summary>Mean |supply − setpoint| after the settle time, K (NaN before any sample).</summary>
    public double SupplyDeviationMeanKelvin => _deviationSamples > 0 ? _deviationSumKelvin / _deviationSamples : double.NaN;

    /// <summary>Largest |supply − setpoint| after the settle time, K (NaN before any sample).</summary>
    public double SupplyDeviationMaximumKelvin => _deviationSamples > 0 ? _deviationMaximumKelvin : double.NaN;

    /// <summary>Hottest GPU die temperature seen, °C.</summary>
    public double HottestGpuMaximumCelsius { get; private set; } = double.NegativeInfinity;

    /// <summary>Pump electric energy, J.</summary>
    public double PumpEnergyJoules { get; private set; }

    /// <summary>Heat from the racks into the coolant, J.</summary>
    public double ItHeatJoules { get; private set; }

    /// <summary>Pump work dissipated in the coolant, J.</summary>
    public double PumpHeatJoules { get; private set; }

    /// <summary>Heat rejected to facility water at the heat exchanger, J.</summary>
    public double HeatRejectedJoules { get; private set; }

    /// <summary>Heat stored in the loop when the statistics started, J.</summary>
    public double InitialStoredHeatJoules { get; private set; } = double.NaN;

    /// <summary>Heat stored in the loop after the last step, J.</summary>
    public double StoredHeatJoules { get; private set; }

    /// <summary>(IT heat + pump heat − heat rejected − Δ stored heat) / (IT heat + pump heat): the plant's energy-balance error (0 when no heat came in).</summary>
    public double EnergyBalanceError
    {
        get
        {
            var heatIn = ItHeatJoules + PumpHeatJoules;
            var residual = heatIn - HeatRejectedJoules - (StoredHeatJoules - InitialStoredHeatJoules);
            return heatIn > 0 ? residual / heatIn : 0;
        }
    }

    /// <summary>Takes the stored heat before the first step.</summary>
    public void Begin(double storedHeatJoules)
    {
        InitialStoredHeatJoules = storedHeatJoules;
        StoredHeatJoules = storedHeatJoules;
    }

    /// <summary>Adds one step: the plant's powers over it and the state after it.</summary>
    public void Add(double stepSeconds, double supplyCelsius, double setpointCelsius, double hottestGpuCelsius,
        double pumpPowerWatts, double itHeatWatts, double pumpHeatWatts, double heatRejectedWatts, double storedHeatJoules)
    {
        PlantSeconds += stepSeconds;
        if (PlantSeconds > SettleSeconds && double.IsFinite(setpointCelsius))
        {
            var deviation = Math.Abs(supplyCelsius - setpointCelsius);
            _deviationSumKelvin += deviation;
            _deviationSamples++;
            if (deviation > _deviationMaximumKelvin) _deviationMaximumKelvin = deviation;
        }

        if (hottestGpuCelsius > HottestGpuMaximumCelsius) HottestGpuMaximumCelsius = hottestGpuCelsius;
        PumpEnergyJoules += pumpPowerWatts * stepSeconds;
        ItHeatJoules += itHeatWatts * stepSeconds;
        PumpHeatJoules += pumpHeatWatts * stepSeconds;
        HeatRejectedJoules += heatRejectedWatts * stepSeconds;
        StoredHeatJoules = storedHeatJoules;
    }
}
