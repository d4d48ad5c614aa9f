using Cooling.Models.Identification;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// What the model-based planner has learned of one rack: its reduced thermal model (identified online), its share of
/// the loop's flow and its inlet's offset from the CDU's supply (pipe losses, mixing, transport delay), both as
/// exponentially weighted means (time constant ≈ 20 samples).
/// </summary>
public sealed class RackModel(string rackId, ModelBasedPlannerOptions options)
{
    private const double Weight = 0.05;

    public string RackId { get; } = rackId;

    public OnlineRackThermalIdentifier Identifier { get; } = new(options.RackSamplePeriodSeconds, options.ForgettingFactor, options.FlowExponent);

    /// <summary>The rack's flow as a fraction of the loop's (NaN until seen with a valid loop flow).</summary>
    public double FlowShare { get; private set; } = double.NaN;

    /// <summary>Rack inlet − CDU supply, K (0 until seen with a valid supply).</summary>
    public double InletOffsetKelvin { get; private set; }

    /// <summary>GPUs in the rack's last sample.</summary>
    public int GpuCount { get; private set; }

    /// <summary>Timestamp of the last sample taken.</summary>
    public DateTimeOffset LastSampledAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Takes the rack's sample if it is new; the loop's flow (L/min) and supply (°C) give share and offset.</summary>
    public void Observe(RackObservation rack, double? loopFlowLitersPerMinute, double? supplyCelsius)
    {
        ArgumentNullException.ThrowIfNull(rack);
        if (rack.SampledAt <= LastSampledAt) return;
        var gap = (rack.SampledAt - LastSampledAt).TotalSeconds;
        var continuous = Math.Abs(gap - Identifier.SamplePeriodSeconds) <= 0.5 * Identifier.SamplePeriodSeconds;
        Identifier.Observe(new RackThermalSample(rack.InletTemperatureCelsius, rack.FlowLitersPerMinute, rack.GpuPowerWatts, rack.HottestGpuTemperatureCelsius), continuous);
        LastSampledAt = rack.SampledAt;
        GpuCount = rack.GpuCount;
        if (loopFlowLitersPerMinute is > 1 && rack.FlowLitersPerMinute > 0)
        {
            var share = rack.FlowLitersPerMinute / loopFlowLitersPerMinute.Value;
            FlowShare = double.IsNaN(FlowShare) ? share : FlowShare + Weight * (share - FlowShare);
        }

        if (supplyCelsius is { } supply)
        {
            InletOffsetKelvin += Weight * (rack.InletTemperatureCelsius - supply - InletOffsetKelvin);
        }
    }
}
