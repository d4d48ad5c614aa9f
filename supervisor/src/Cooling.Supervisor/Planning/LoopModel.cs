using System.Globalization;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// What the model-based planner has learned of one loop: a <see cref="RackModel"/> per rack, the loop's system curve
/// ΔP = K·Q² (K as an exponentially weighted mean of ΔP/Q² from the CDU's telemetry) and the highest power per GPU seen.
/// Each CDU message and each rack sample is learned from once, however often the loop is planned on it.
/// </summary>
public sealed class LoopModel(ModelBasedPlannerOptions options)
{
    private const double Weight = 0.05;
    private readonly Dictionary<string, RackModel> _racks = new(StringComparer.Ordinal);
    private DateTimeOffset _lastHydraulicSample = DateTimeOffset.MinValue;

    /// <summary>K of ΔP = K·Q², kPa/(L/min)² (NaN until learned).</summary>
    public double SystemCoefficient { get; private set; } = double.NaN;

    public long HydraulicSamples { get; private set; }

    /// <summary>Highest mean power per GPU of any rack seen, W.</summary>
    public double PeakGpuPowerWatts { get; private set; }

    public IReadOnlyDictionary<string, RackModel> Racks => _racks;

    public void Observe(LoopObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var cdu = observation.Cdu;
        if (cdu.ReceivedAt > _lastHydraulicSample && cdu.FlowLitersPerMinute is { } flow && flow > 50 && cdu.DeltaPressureKpa is { } deltaPressure && deltaPressure > 5)
        {
            _lastHydraulicSample = cdu.ReceivedAt;
            var k = deltaPressure / (flow * flow);
            SystemCoefficient = double.IsNaN(SystemCoefficient) ? k : SystemCoefficient + Weight * (k - SystemCoefficient);
            HydraulicSamples++;
        }

        foreach (var rack in observation.Racks)
        {
            if (!_racks.TryGetValue(rack.RackId, out var model))
            {
                model = new RackModel(rack.RackId, options);
                _racks[rack.RackId] = model;
            }

            model.Observe(rack, cdu.FlowLitersPerMinute, cdu.SupplyTemperatureCelsius);
            if (rack.GpuCount > 0)
            {
                PeakGpuPowerWatts = Math.Max(PeakGpuPowerWatts, rack.GpuPowerWatts / rack.GpuCount);
            }
        }
    }

    /// <summary>Why the loop's model cannot be trusted for <paramref name="observation"/>, or null when it can.</summary>
    public string? Shortfall(LoopObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Racks.Count == 0) return "no rack telemetry";
        if (HydraulicSamples < 10) return "system curve not learned yet";
        if (observation.Cdu.FlowLitersPerMinute is null || observation.Cdu.DeltaPressureKpa is null || observation.Cdu.SupplyTemperatureCelsius is null)
        {
            return "the CDU reports no valid flow, ΔP or supply temperature";
        }

        foreach (var rack in observation.Racks)
        {
            var model = _racks[rack.RackId];
            if (model.Identifier.Confidence.Shortfall(options.Confidence) is { } why)
            {
                return string.Create(CultureInfo.InvariantCulture, $"rack {rack.RackId}: {why}");
            }

            var thermal = model.Identifier.Model;
            if (!(thermal.Pole is > 0 and < 0.99) || !(thermal.GainKelvinPerKilowatt > 0) || double.IsNaN(model.FlowShare))
            {
                return string.Create(CultureInfo.InvariantCulture, $"rack {rack.RackId}: model not physical yet (a = {thermal.Pole:F3}, b = {thermal.GainKelvinPerKilowatt:F3})");
            }
        }

        return null;
    }
}
