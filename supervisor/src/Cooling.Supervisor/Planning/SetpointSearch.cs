namespace Cooling.Supervisor.Planning;

/// <summary>
/// The model-based planner's optimisation for one loop: over supply temperatures from the warmest allowed down to
/// dew point + margin, the least loop flow that (a) holds every rack's hottest GPU at the aim (limit − margin) in
/// steady state even with every GPU at design power — the rack models inverted: q = (b·P / (T_aim − T_in))^(1/n),
/// divided by the rack's share of the loop flow — and (b) carries the present heat with a rack temperature rise of
/// at most ΔT_max (Q = P_IT / (c·ΔT_max)); its ΔP from the learned system curve ΔP = K·Q²; then the candidate with
/// the least pump power (Q·ΔP/η) plus facility power (proxy, falling with warmer supply). Candidates needing more
/// than the maximum ΔP are infeasible, and so is a candidate whose flow for some rack cannot be computed (never a NaN
/// that would drop the rack from the comparison).
/// </summary>
public static class SetpointSearch
{
    public static SearchResult? Search(LoopModel model, LoopObservation observation, LoopLimits limits, ModelBasedPlannerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        var k = model.SystemCoefficient;
        var aim = limits.GpuLimitCelsius - limits.GpuMarginKelvin;
        var heatWatts = observation.RackPowerWatts;
        var transportFlow = heatWatts / (options.CoolantHeatCapacityJoulesPerLiterKelvin * options.MaximumRackTemperatureRiseKelvin) * 60;
        var minimumFlow = Math.Sqrt(limits.DeltaPressureMinimumKpa / k);
        var maximumFlow = Math.Sqrt(limits.DeltaPressureMaximumKpa / k);
        var perGpu = Math.Max(options.DesignGpuPowerWatts, model.PeakGpuPowerWatts);
        var floor = limits.SupplyFloorCelsius(observation.Cdu.DewPointCelsius);
        SearchResult? best = null;
        for (var step = 0; limits.SupplyTemperatureMaximumCelsius - step * options.SupplySearchStepKelvin >= floor - 1e-9; step++)
        {
            var supply = limits.SupplyTemperatureMaximumCelsius - step * options.SupplySearchStepKelvin;
            var thermalFlow = 0.0;
            string limitingRack = "none";
            foreach (var rack in observation.Racks)
            {
                var rackModel = model.Racks[rack.RackId];
                var designPower = Math.Max(rack.GpuCount * perGpu, rack.GpuPowerWatts);
                // A rack inlet is never taken as colder than the supply: a negative offset is a ramp seen through the pipe's delay.
                var rackFlow = rackModel.Identifier.Model.RequiredFlowLitersPerMinute(supply + Math.Max(rackModel.InletOffsetKelvin, 0), designPower, aim);
                var loopFlow = rackFlow / rackModel.FlowShare;
                if (double.IsNaN(loopFlow)) loopFlow = double.PositiveInfinity; // a requirement that cannot be computed is not met by any flow
                if (loopFlow > thermalFlow)
                {
                    thermalFlow = loopFlow;
                    limitingRack = rack.RackId;
                }
            }

            var flow = Math.Max(Math.Max(thermalFlow, transportFlow), minimumFlow);
            if (!(flow <= maximumFlow)) continue;
            var deltaPressure = Math.Max(k * flow * flow, limits.DeltaPressureMinimumKpa);
            var pumpWatts = flow / 60000 * deltaPressure * 1000 / options.PumpEfficiency;
            var facilityWatts = options.Facility.ChillerPowerWatts(heatWatts, supply);
            var binding = flow == thermalFlow ? $"rack {limitingRack} at design power" : flow == transportFlow ? "heat transport" : "minimum ΔP";
            var candidate = new SearchResult(supply, deltaPressure, flow, pumpWatts, facilityWatts, binding);
            if (best is null || candidate.PowerWatts < best.PowerWatts - 1e-6)
            {
                best = candidate;
            }
        }

        return best;
    }
}

/// <summary>The chosen setpoints, the flow they give, the estimated pump and facility power (W) and what bounds the flow.</summary>
public sealed record SearchResult(double SupplyTemperatureCelsius, double DeltaPressureKpa, double FlowLitersPerMinute, double PumpPowerWatts,
    double FacilityPowerWatts, string FlowBoundBy)
{
    public double PowerWatts => PumpPowerWatts + FacilityPowerWatts;
}
