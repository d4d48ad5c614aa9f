namespace Cooling.Models.Components;

/// <summary>
/// Ratings of one GPU rack. Defaults: a GB300-class NVL72 rack, 72 GPUs at up to 1.4 kW each plus 25 % other
/// liquid-cooled load ≈ 126 kW (GB200 NVL72 ≈ 120 kW, GB300 NVL72 ≈ 142 kW per rack; docs/physics-sources.md#flow-and-rack-loads).
/// </summary>
/// <param name="GpuCount">GPUs per rack (1 … 144).</param>
/// <param name="IdlePowerWatts">Power per GPU at zero utilization, W.</param>
/// <param name="MaximumPowerWatts">Power per GPU at full utilization, W.</param>
/// <param name="OtherLoadFraction">Other liquid-cooled load as a fraction of GPU power (0 … 1).</param>
/// <param name="ColdPlateTimeConstantSeconds">First-order time constant of die temperature, s.</param>
/// <param name="SlowdownCelsius">Die temperature at which the GPU throttles, °C.</param>
public sealed record GpuRackDescription(
    int GpuCount = 72,
    double IdlePowerWatts = 150,
    double MaximumPowerWatts = 1400,
    double OtherLoadFraction = 0.25,
    double ColdPlateTimeConstantSeconds = 2,
    double SlowdownCelsius = 89)
{
    /// <summary>
    /// Flow maldistribution among the rack's cold plates: plate i gets wᵢ of the even share, wᵢ fixed and seeded,
    /// spread uniformly within ±this fraction (0 … 0.5) and normalised so that Σwᵢ = GPU count.
    /// </summary>
    public double PlateFlowSpreadFraction { get; init; } = 0.05;
}
