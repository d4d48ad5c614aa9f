using Cooling.Models.Identification;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// What the model-based planner has learned of one rack: its reduced thermal model (identified online), its share of
/// the loop's flow and its inlet's offset from the CDU's supply (pipe losses, mixing, transport delay), both as
/// exponentially weighted means (time constant ≈ 20 samples).
/// A rack that does not measure its coolant (the dcgm-exporter bridge reports GPUs only; the fields are NaN) is still
/// identified: an absent inlet is taken as the CDU's supply plus the offset learned while it was measured (0 if it
/// never was), an absent flow as the whole loop's flow — the rack's share of it, constant for a given piping, is then
/// absorbed into the identified gain (T − T_in = b·P·(s·Q)^−n = (b·s^−n)·P·Q^−n) and its <see cref="FlowShare"/> is 1.
/// Without the CDU's supply or flow either, the sample is unusable: the identifier restarts its pairing and the loop
/// stays on trim and respond until it has learned enough. NaN never reaches the identifier or the means.
/// </summary>
public sealed class RackModel(string rackId, ModelBasedPlannerOptions options)
{
    private const double Weight = 0.05;

    public string RackId { get; } = rackId;

    public OnlineRackThermalIdentifier Identifier { get; } = new(options.RackSamplePeriodSeconds, options.ForgettingFactor, options.FlowExponent);

    /// <summary>The rack's flow as a fraction of the loop's (NaN until seen with a valid loop flow; 1 while the rack's flow is not measured).</summary>
    public double FlowShare { get; private set; } = double.NaN;

    /// <summary>Rack inlet − CDU supply, K (0 until seen with a measured inlet and a valid supply).</summary>
    public double InletOffsetKelvin { get; private set; }

    /// <summary>True when the rack's last sample carried its own coolant inlet temperature (else the CDU's supply stood in).</summary>
    public bool InletMeasured { get; private set; }

    /// <summary>True when the rack's last sample carried its own coolant flow (else the loop's flow stood in).</summary>
    public bool FlowMeasured { get; private set; }

    /// <summary>GPUs in the rack's last sample.</summary>
    public int GpuCount { get; private set; }

    /// <summary>Timestamp of the last sample taken.</summary>
    public DateTimeOffset LastSampledAt { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>
    /// Takes the rack's sample if it is new and at least (about) a model period after the last one taken; the loop's
    /// flow (L/min) and supply (°C) give share and offset, or stand in for absent rack values.
    /// </summary>
    public void Observe(RackObservation rack, double? loopFlowLitersPerMinute, double? supplyCelsius)
    {
        ArgumentNullException.ThrowIfNull(rack);
        if (rack.SampledAt <= LastSampledAt) return;
        var gap = (rack.SampledAt - LastSampledAt).TotalSeconds;
        // Racks that publish faster than the model's period (10 Hz agents): one sample a period, so that each pair the
        // identifier takes is one period apart (0.9: room for the jitter of agents that publish once a period).
        if (LastSampledAt != DateTimeOffset.MinValue && gap < 0.9 * Identifier.SamplePeriodSeconds) return;
        var continuous = Math.Abs(gap - Identifier.SamplePeriodSeconds) <= 0.5 * Identifier.SamplePeriodSeconds;
        var supply = supplyCelsius is { } s && double.IsFinite(s) ? s : double.NaN;
        var loopFlow = loopFlowLitersPerMinute is { } q && double.IsFinite(q) && q > 1 ? q : double.NaN;
        var inletMeasured = double.IsFinite(rack.InletTemperatureCelsius);
        var flowMeasured = double.IsFinite(rack.FlowLitersPerMinute);
        if (flowMeasured != FlowMeasured && LastSampledAt != DateTimeOffset.MinValue)
        {
            // The flow the gain refers to changes meaning (the rack's own ↔ the loop's): start the pairing and the share again.
            continuous = false;
            FlowShare = double.NaN;
        }

        InletMeasured = inletMeasured;
        FlowMeasured = flowMeasured;
        var inlet = inletMeasured ? rack.InletTemperatureCelsius : supply + InletOffsetKelvin;
        var flow = flowMeasured ? rack.FlowLitersPerMinute : loopFlow;
        Identifier.Observe(new RackThermalSample(inlet, flow, rack.GpuPowerWatts, rack.HottestGpuTemperatureCelsius), continuous);
        LastSampledAt = rack.SampledAt;
        GpuCount = rack.GpuCount;
        if (!double.IsNaN(loopFlow) && flow > 0)
        {
            var share = flowMeasured ? flow / loopFlow : 1.0;
            FlowShare = double.IsNaN(FlowShare) ? share : FlowShare + Weight * (share - FlowShare);
        }

        if (inletMeasured && !double.IsNaN(supply))
        {
            InletOffsetKelvin += Weight * (rack.InletTemperatureCelsius - supply - InletOffsetKelvin);
        }
    }
}
