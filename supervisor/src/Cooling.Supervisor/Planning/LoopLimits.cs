namespace Cooling.Supervisor.Planning;

/// <summary>
/// What every planner must respect on a loop: the allowed supply and ΔP ranges (the CDU firmware's envelope
/// defaults: 18 … 45 °C, 30 … 200 kPa — the firmware clamps to its own envelope anyway), the dew-point margin
/// (SAF-3: never below dew point + 2 K), the rate at which requests may warm the supply, and the GPU limit with
/// the planner's margin (SUP-1: 87 °C max operating − 2 °C = 85 °C; planners aim below it by the margin).
/// </summary>
public sealed record LoopLimits
{
    public double SupplyTemperatureMinimumCelsius { get; init; } = 18;

    public double SupplyTemperatureMaximumCelsius { get; init; } = 45;

    public double DeltaPressureMinimumKpa { get; init; } = 30;

    /// <summary>Highest ΔP a planner asks for, kPa: what the loop's pumps can hold (the rated point of the reference loop).</summary>
    public double DeltaPressureMaximumKpa { get; init; } = 150;

    public double DewPointMarginKelvin { get; init; } = 2;

    /// <summary>Fastest a planner warms the requested supply, K/min (cooling requests may step; the CDU ramps them).</summary>
    public double SupplyWarmingSlewKelvinPerMinute { get; init; } = 2;

    /// <summary>Fastest a planner lowers the requested ΔP, kPa/s (raising may step; the CDU ramps it).</summary>
    public double DeltaPressureLoweringSlewKpaPerSecond { get; init; } = 2;

    /// <summary>The hottest GPU must stay at or below this, °C (SUP-1).</summary>
    public double GpuLimitCelsius { get; init; } = 85;

    /// <summary>Planners aim this far below <see cref="GpuLimitCelsius"/>, K.</summary>
    public double GpuMarginKelvin { get; init; } = 3;

    /// <summary>The warmest supply allowed by range and dew point: never below dew point + margin, °C.</summary>
    public double SupplyFloorCelsius(double dewPointCelsius) => Math.Max(SupplyTemperatureMinimumCelsius, dewPointCelsius + DewPointMarginKelvin);

    /// <summary>Checks the limits; the message says what to change.</summary>
    public void Validate()
    {
        if (SupplyTemperatureMinimumCelsius >= SupplyTemperatureMaximumCelsius) throw new ArgumentException("LoopLimits: SupplyTemperatureMinimumCelsius must be below SupplyTemperatureMaximumCelsius.");
        if (DeltaPressureMinimumKpa <= 0 || DeltaPressureMinimumKpa >= DeltaPressureMaximumKpa) throw new ArgumentException("LoopLimits: DeltaPressureMinimumKpa must be positive and below DeltaPressureMaximumKpa.");
        if (DewPointMarginKelvin < 2) throw new ArgumentException("LoopLimits: DewPointMarginKelvin must be at least 2 K (SAF-3).");
        if (SupplyWarmingSlewKelvinPerMinute <= 0 || DeltaPressureLoweringSlewKpaPerSecond <= 0) throw new ArgumentException("LoopLimits: slew limits must be positive.");
        if (GpuMarginKelvin < 0 || GpuLimitCelsius - GpuMarginKelvin <= SupplyTemperatureMaximumCelsius) throw new ArgumentException("LoopLimits: GpuLimitCelsius − GpuMarginKelvin must lie above the supply range and the margin must not be negative.");
    }
}
