using System.Globalization;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// ASHRAE Guideline 36 trim and respond on one reset variable per loop, sequenced as G36 resets a chilled-water
/// plant (§5.20.5): from 0 % to 50 % the ΔP setpoint rises from its minimum to its maximum at the warmest supply;
/// from 50 % to 100 % the supply setpoint falls from its maximum to its minimum at the highest ΔP. So the cheap
/// lever — pump pressure — is spent before the expensive one — colder facility water. Requests come from racks
/// whose hottest GPU nears the limit (see <see cref="TrimAndRespondOptions"/>). It needs no model; it serves alone
/// and as the model-based planner's fallback. The reset variable starts where the CDU's current targets put it,
/// so taking over is bumpless; its requests keep the loop's slew limits (<see cref="RequestSlew"/>).
/// </summary>
public sealed class TrimAndRespondPlanner(LoopLimits? limits = null, TrimAndRespondOptions? options = null) : ISetpointPlanner
{
    private readonly Dictionary<string, LoopState> _loops = new(StringComparer.Ordinal);

    public string Name => "trim-and-respond";

    public LoopLimits Limits { get; } = Validated(limits ?? new LoopLimits());

    public TrimAndRespondOptions Options { get; } = Validated(options ?? new TrimAndRespondOptions());

    /// <summary>The reset variable of <paramref name="cduId"/>'s loop, % (NaN before the loop was seen).</summary>
    public double ResetPercent(string cduId) => _loops.TryGetValue(cduId, out var s) ? s.ResetPercent : double.NaN;

    public LoopDecision Plan(LoopObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!_loops.TryGetValue(observation.CduId, out var state))
        {
            state = new LoopState(ResetFromTargets(observation.Cdu), observation.Time);
            _loops[observation.CduId] = state;
        }

        string reason;
        var requests = Requests(observation, out var hottestRack);
        var sinceStart = (observation.Time - state.FirstSeen).TotalSeconds;
        if (sinceStart < Options.InitialDelaySeconds)
        {
            reason = "trim-and-respond: initial delay";
        }
        else if (observation.Racks.Count == 0)
        {
            reason = "trim-and-respond: no rack telemetry: holding";
        }
        else if ((observation.Time - state.LastPeriod).TotalSeconds >= Options.PeriodSeconds)
        {
            state.LastPeriod = observation.Time;
            if (requests > Options.IgnoredRequests)
            {
                var respond = Math.Min(Options.RespondPercentPerRequest * (requests - Options.IgnoredRequests), Options.RespondMaximumPercent);
                state.ResetPercent = Math.Min(100, state.ResetPercent + respond);
                reason = string.Create(CultureInfo.InvariantCulture, $"trim-and-respond: {requests} request(s), hottest rack {hottestRack}: respond +{respond:F1} %");
            }
            else
            {
                state.ResetPercent = Math.Max(0, state.ResetPercent + Options.TrimPercent);
                reason = string.Create(CultureInfo.InvariantCulture, $"trim-and-respond: no requests: trim {Options.TrimPercent:F1} %");
            }
        }
        else
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"trim-and-respond: holding ({requests} request(s))");
        }

        var (wantedSupply, wantedDeltaPressure) = Setpoints(state.ResetPercent, observation.Cdu.DewPointCelsius);
        var (supply, deltaPressure) = state.Slew.Apply(wantedSupply, wantedDeltaPressure, observation.Time, Limits);
        supply = Math.Max(supply, Limits.SupplyFloorCelsius(observation.Cdu.DewPointCelsius)); // SAF-3 wins over the slew
        return new LoopDecision(supply, deltaPressure, null, Name,
            string.Create(CultureInfo.InvariantCulture, $"{reason}; reset {state.ResetPercent:F1} %"));
    }

    /// <summary>Supply (°C) and ΔP (kPa) for a reset variable (%), the supply never below dew point + margin.</summary>
    public (double SupplyTemperatureCelsius, double DeltaPressureKpa) Setpoints(double resetPercent, double dewPointCelsius)
    {
        var l = Limits;
        var r = Math.Clamp(resetPercent, 0, 100);
        var deltaPressure = l.DeltaPressureMinimumKpa + (l.DeltaPressureMaximumKpa - l.DeltaPressureMinimumKpa) * Math.Min(r, 50) / 50;
        var supply = l.SupplyTemperatureMaximumCelsius - (l.SupplyTemperatureMaximumCelsius - l.SupplyTemperatureMinimumCelsius) * Math.Max(r - 50, 0) / 50;
        return (Math.Max(supply, l.SupplyFloorCelsius(dewPointCelsius)), deltaPressure);
    }

    /// <summary>The reset variable that reproduces the CDU's current targets (bumpless start), %.</summary>
    public double ResetFromTargets(CduObservation cdu)
    {
        ArgumentNullException.ThrowIfNull(cdu);
        var l = Limits;
        var supply = Math.Clamp(cdu.SupplyTemperatureTargetCelsius, l.SupplyTemperatureMinimumCelsius, l.SupplyTemperatureMaximumCelsius);
        if (supply < l.SupplyTemperatureMaximumCelsius - 0.01)
        {
            return 50 + 50 * (l.SupplyTemperatureMaximumCelsius - supply) / (l.SupplyTemperatureMaximumCelsius - l.SupplyTemperatureMinimumCelsius);
        }

        var deltaPressure = Math.Clamp(cdu.DeltaPressureTargetKpa ?? cdu.DeltaPressureKpa ?? l.DeltaPressureMaximumKpa, l.DeltaPressureMinimumKpa, l.DeltaPressureMaximumKpa);
        return 50 * (deltaPressure - l.DeltaPressureMinimumKpa) / (l.DeltaPressureMaximumKpa - l.DeltaPressureMinimumKpa);
    }

    /// <summary>Moves <paramref name="cduId"/>'s reset variable to reproduce given setpoints (a planner taking over from another).</summary>
    public void TakeOver(string cduId, CduObservation cdu, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cdu);
        _loops[cduId] = new LoopState(ResetFromTargets(cdu), now - TimeSpan.FromSeconds(Options.InitialDelaySeconds)) { LastPeriod = now };
    }

    private int Requests(LoopObservation observation, out string hottestRack)
    {
        var aim = Limits.GpuLimitCelsius - Limits.GpuMarginKelvin;
        var requests = 0;
        hottestRack = "none";
        var hottest = double.MinValue;
        foreach (var rack in observation.Racks)
        {
            var t = rack.HottestGpuTemperatureCelsius;
            if (t > hottest)
            {
                hottest = t;
                hottestRack = string.Create(CultureInfo.InvariantCulture, $"{rack.RackId} at {t:F1} °C");
            }

            requests += t > Limits.GpuLimitCelsius ? 3 : t > aim ? 2 : t > aim - Options.RequestBandKelvin ? 1 : 0;
        }

        return requests;
    }

    private static LoopLimits Validated(LoopLimits limits)
    {
        limits.Validate();
        return limits;
    }

    private static TrimAndRespondOptions Validated(TrimAndRespondOptions options)
    {
        options.Validate();
        return options;
    }

    private sealed class LoopState(double resetPercent, DateTimeOffset firstSeen)
    {
        public double ResetPercent { get; set; } = resetPercent;

        public DateTimeOffset FirstSeen { get; } = firstSeen;

        public DateTimeOffset LastPeriod { get; set; } = firstSeen;

        public RequestSlew Slew { get; } = new();
    }
}
