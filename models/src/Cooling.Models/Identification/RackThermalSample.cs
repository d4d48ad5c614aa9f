namespace Cooling.Models.Identification;

/// <summary>
/// One telemetry sample of a rack, as the reduced model sees it: coolant inlet temperature °C, rack flow L/min,
/// the rack's GPU power W (sum over its GPUs) and its hottest GPU's die temperature °C.
/// </summary>
public readonly record struct RackThermalSample(
    double InletTemperatureCelsius,
    double FlowLitersPerMinute,
    double GpuPowerWatts,
    double HottestGpuTemperatureCelsius)
{
    /// <summary>True when every value is finite and flow and power are positive (a sample the model can use).</summary>
    public bool IsUsable =>
        double.IsFinite(InletTemperatureCelsius) && double.IsFinite(FlowLitersPerMinute) && double.IsFinite(GpuPowerWatts)
        && double.IsFinite(HottestGpuTemperatureCelsius) && FlowLitersPerMinute > 0 && GpuPowerWatts > 0;
}
