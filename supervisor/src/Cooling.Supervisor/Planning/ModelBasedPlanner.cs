using System.Globalization;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// Model-based setpoints per loop (docs/planner.md; control practice in docs/physics-sources.md#control-practice): learns each rack's reduced model online (<see cref="LoopModel"/>) and,
/// while every model is confident, requests the warmest supply and the least ΔP that keep the hottest GPU at the
/// aim with every GPU at design power, at the least pump + facility power (<see cref="SetpointSearch"/>).
/// Feedforward on a rising IT load: the transport flow rises at once by Δṁ = ΔP_IT/(c·ΔT) — before any temperature
/// moves — the IT load is announced to the CDU (itLoadKilowatts, for its own valve and pump feedforward), a cooler
/// supply goes out in the same round if the model asks for one, and for the hold time the supply is not warmed nor
/// the ΔP lowered. While a model is not confident the loop falls back to ASHRAE Guideline 36 trim and respond,
/// taking over bumplessly from the last setpoints; the decision's reason says which and why. Requests keep the
/// loop's slew limits (<see cref="RequestSlew"/>) and never go below dew point + margin.
/// </summary>
public sealed class ModelBasedPlanner : ISetpointPlanner
{
    private readonly Dictionary<string, LoopState> _loops = new(StringComparer.Ordinal);
    private readonly TrimAndRespondPlanner _fallback;

    public ModelBasedPlanner(LoopLimits? limits = null, ModelBasedPlannerOptions? options = null, TrimAndRespondOptions? fallback = null)
    {
        Limits = limits ?? new LoopLimits();
        Limits.Validate();
        Options = options ?? new ModelBasedPlannerOptions();
        Options.Validate();
        _fallback = new TrimAndRespondPlanner(Limits, fallback);
    }

    public string Name => "model";

    public LoopLimits Limits { get; }

    public ModelBasedPlannerOptions Options { get; }

    /// <summary>What the planner has learned of <paramref name="cduId"/>'s loop (null before it saw it).</summary>
    public LoopModel? ModelOf(string cduId) => _loops.TryGetValue(cduId, out var state) ? state.Model : null;

    /// <summary>True while <paramref name="cduId"/>'s loop is planned from its model (false: trim and respond).</summary>
    public bool UsesModel(string cduId) => _loops.TryGetValue(cduId, out var state) && state.UsingModel;

    public LoopDecision Plan(LoopObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!_loops.TryGetValue(observation.CduId, out var state))
        {
            state = new LoopState(new LoopModel(Options));
            _loops[observation.CduId] = state;
        }

        state.Model.Observe(observation);
        var heatKilowatts = observation.Racks.Count > 0 ? observation.RackPowerWatts / 1000 : (double?)null;
        var feedforward = DetectRise(state, observation);
        var shortfall = state.Model.Shortfall(observation);
        var result = shortfall is null ? SetpointSearch.Search(state.Model, observation, Limits, Options) : null;
        double supply;
        double? deltaPressure;
        string reason;
        if (shortfall is not null)
        {
            if (state.UsingModel || state.Last is null)
            {
                var cdu = state.Last is { } last
                    ? observation.Cdu with { SupplyTemperatureTargetCelsius = last.SupplyTemperatureCelsius, DeltaPressureTargetKpa = last.DeltaPressureKpa }
                    : observation.Cdu;
                _fallback.TakeOver(observation.CduId, cdu, observation.Time);
                state.UsingModel = false;
            }

            var d = _fallback.Plan(observation);
            (supply, deltaPressure) = (d.SupplyTemperatureCelsius, d.DeltaPressureKpa);
            reason = $"{d.Reason} (model not confident: {shortfall})";
        }
        else if (result is null)
        {
            state.UsingModel = true;
            supply = Limits.SupplyFloorCelsius(observation.Cdu.DewPointCelsius);
            deltaPressure = Limits.DeltaPressureMaximumKpa;
            reason = "model: no setpoints hold the aim at design power within the ΔP range: coldest supply, highest ΔP";
        }
        else
        {
            state.UsingModel = true;
            (supply, deltaPressure) = (result.SupplyTemperatureCelsius, result.DeltaPressureKpa);
            reason = string.Create(CultureInfo.InvariantCulture,
                $"model: {result.FlowLitersPerMinute:F0} L/min bound by {result.FlowBoundBy}, est. pump {result.PumpPowerWatts / 1000:F2} kW + facility {result.FacilityPowerWatts / 1000:F1} kW");
        }

        if (observation.Time < state.HoldUntil && state.Last is { } before)
        {
            supply = Math.Min(supply, before.SupplyTemperatureCelsius);
            if (deltaPressure is { } dp && before.DeltaPressureKpa is { } dpBefore) deltaPressure = Math.Max(dp, dpBefore);
        }

        if (feedforward is not null) reason = $"{feedforward}; {reason}";
        (supply, deltaPressure) = state.Slew.Apply(supply, deltaPressure, observation.Time, Limits);
        supply = Math.Max(supply, Limits.SupplyFloorCelsius(observation.Cdu.DewPointCelsius)); // SAF-3 wins over the slew
        var decision = new LoopDecision(supply, deltaPressure, heatKilowatts, state.UsingModel ? Name : _fallback.Name, reason);
        state.Last = decision;
        return decision;
    }

    // A rise of the loop's IT load over its minimum in the last 30 s by more than the threshold starts a hold and names the flow it adds.
    private string? DetectRise(LoopState state, LoopObservation observation)
    {
        if (observation.Racks.Count == 0) return null;
        var now = observation.Time;
        var heat = observation.RackPowerWatts;
        state.History.Enqueue((now, heat));
        while (state.History.Count > 0 && now - state.History.Peek().At > TimeSpan.FromSeconds(30)) state.History.Dequeue();
        var lowest = state.History.Min(h => h.Watts);
        var design = observation.Racks.Sum(r => r.GpuCount) * Math.Max(Options.DesignGpuPowerWatts, state.Model.PeakGpuPowerWatts);
        var rise = heat - lowest;
        var threshold = Options.PowerRiseFraction * design;
        if (rise <= threshold)
        {
            state.AnnouncedRiseWatts = 0;
            return null;
        }

        if (rise <= state.AnnouncedRiseWatts + threshold) return null; // this step was announced already; a growing ramp is announced again

        state.AnnouncedRiseWatts = rise;
        state.HoldUntil = now + TimeSpan.FromSeconds(Options.FeedforwardHoldSeconds);
        var flow = rise / (Options.CoolantHeatCapacityJoulesPerLiterKelvin * Options.MaximumRackTemperatureRiseKelvin) * 60;
        return string.Create(CultureInfo.InvariantCulture, $"feedforward: IT load +{rise / 1000:F0} kW → flow +{flow:F0} L/min, IT load announced, no warming for {Options.FeedforwardHoldSeconds:F0} s");
    }

    private sealed class LoopState(LoopModel model)
    {
        public LoopModel Model { get; } = model;

        public RequestSlew Slew { get; } = new();

        public Queue<(DateTimeOffset At, double Watts)> History { get; } = new();

        public LoopDecision? Last { get; set; }

        public bool UsingModel { get; set; }

        public DateTimeOffset HoldUntil { get; set; } = DateTimeOffset.MinValue;

        /// <summary>The rise announced in the current 30 s window, W (0 once the window holds no rise).</summary>
        public double AnnouncedRiseWatts { get; set; }
    }
}
