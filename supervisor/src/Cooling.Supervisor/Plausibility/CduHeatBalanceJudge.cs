using System.Globalization;
using Cooling.Models.Coolant;
using Cooling.Supervisor.Contract;

namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// Judges one CDU's telemetry, message by message, against its heat balance (<see cref="HeatBalance"/>):
/// <list type="number">
/// <item>second law, no flow needed (while the facility valve is open): the facility return between the facility supply
///   and the secondary return; the secondary supply not below the colder of facility supply and secondary return;</item>
/// <item>first law, when every rack on the loop reports its heat: the secondary return within the range of return
///   temperatures the racks' heat plus the pump work implied over the last <see cref="PlausibilityOptions.LoopMemorySeconds"/>,
///   T_s(t′) + (ΣP(t′) + P_hyd(t′))/(ρ·c_p·V̇(t′)). The loop carries heat to the return through pipes (plug flow) and
///   mixed volumes, so the return at t is a weighted mean of what was implied over the loop's memory: it lies between
///   that window's lowest and highest value — true through load steps and job starts as much as in steady state.</item>
/// </list>
/// Each bound is widened by the sensors' accuracy (<see cref="PlausibilityOptions"/>): both RTDs' tolerances, the
/// flowmeter's and the racks' power accuracy applied to the implied temperature rise. A message beyond a bound is
/// implausible; the CDU is judged implausible after its messages have been so for <see cref="PlausibilityOptions.DwellSeconds"/>
/// without a break, and plausible again after they agree for <see cref="PlausibilityOptions.ClearDwellSeconds"/> (on the
/// messages' arrival times, the supervisor's clock). A message that cannot be judged (a sensor reported invalid, no flow,
/// the loop's memory not yet covered) stops both timers and changes nothing.
/// </summary>
public sealed class CduHeatBalanceJudge(PlausibilityOptions options)
{
    private static readonly TimeSpan MaximumGap = TimeSpan.FromSeconds(10);
    private readonly Coolant _coolant = Coolant.FromName(options.Coolant) ?? throw new ArgumentException($"unknown coolant \"{options.Coolant}\"", nameof(options));
    private readonly Queue<ImpliedReturn> _window = new();
    private DateTimeOffset _lastSampleAt;
    private DateTimeOffset? _beyondSince;
    private DateTimeOffset? _withinSince;

    private readonly record struct ImpliedReturn(DateTimeOffset At, double LowCelsius, double HighCelsius);

    /// <summary>True while the CDU's telemetry is judged to contradict its heat balance.</summary>
    public bool Implausible { get; private set; }

    /// <summary>Since when <see cref="Implausible"/> holds.</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>The latest message's judgement.</summary>
    public MessageJudgement Latest { get; private set; } = MessageJudgement.NotJudged("no telemetry judged yet");

    /// <summary>Messages that contradicted the balance beyond tolerance.</summary>
    public long ImplausibleMessages { get; private set; }

    /// <summary>Messages judged: every value the judged laws need was there.</summary>
    public long JudgedMessages { get; private set; }

    /// <summary>
    /// Judges one message received at <paramref name="at"/>; <paramref name="rackHeatWatts"/> is the heat of all racks on
    /// the loop (null when not every rack reports it). Returns true when <see cref="Implausible"/> changed.
    /// </summary>
    public bool Judge(CduTelemetry telemetry, double? rackHeatWatts, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        Latest = Check(telemetry, rackHeatWatts, at);
        var before = Implausible;
        if (!Latest.Judged)
        {
            _beyondSince = null;
            _withinSince = null;
        }
        else if (!Latest.Plausible)
        {
            JudgedMessages++;
            ImplausibleMessages++;
            _withinSince = null;
            _beyondSince ??= at;
            if (!Implausible && at - _beyondSince.Value >= TimeSpan.FromSeconds(options.DwellSeconds)) Implausible = true;
        }
        else
        {
            JudgedMessages++;
            _beyondSince = null;
            _withinSince ??= at;
            if (Implausible && at - _withinSince.Value >= TimeSpan.FromSeconds(options.ClearDwellSeconds)) Implausible = false;
        }

        if (Implausible != before) Since = at;
        return Implausible != before;
    }

    private MessageJudgement Check(CduTelemetry t, double? rackHeatWatts, DateTimeOffset at)
    {
        if (t.SupplyTemperatureCelsius is not { } supply || t.ReturnTemperatureCelsius is not { } ret)
        {
            _window.Clear();
            return MessageJudgement.NotJudged("supply or return reported invalid");
        }

        var supplyTolerance = options.RtdToleranceAt(supply);
        var returnTolerance = options.RtdToleranceAt(ret);
        var flow = t.FlowLitersPerMinute;
        var capacity = flow is { } f && f >= options.MinimumFlowLitersPerMinute ? HeatBalance.CapacityRateWattsPerKelvin(_coolant, f, supply, ret) : double.NaN;
        if (SecondLaw(t, supply, ret, capacity) is { } violated)
        {
            return violated;
        }

        if (double.IsNaN(capacity) || rackHeatWatts is not { } racks || !double.IsFinite(racks))
        {
            _window.Clear();
            return MessageJudgement.NotJudged(double.IsNaN(capacity) ? "secondary flow below the judged minimum or invalid" : "not every rack of the loop reports its heat");
        }

        // The implied return, widened by the flowmeter's and the racks' power accuracy.
        var pump = HeatBalance.PumpHeatWatts(flow!.Value, t.DeltaPressureKpa ?? 0);
        var power = options.RackPowerAccuracyPercent / 100;
        var flowAccuracy = options.FlowAccuracyPercent / 100;
        var low = HeatBalance.ImpliedReturnCelsius(supply, racks * (1 - power) + pump, capacity * (1 + flowAccuracy));
        var high = HeatBalance.ImpliedReturnCelsius(supply, racks * (1 + power) + pump, capacity * (1 - Math.Min(flowAccuracy, 0.99)));
        if (_window.Count > 0 && at - _lastSampleAt > MaximumGap) _window.Clear();
        _window.Enqueue(new ImpliedReturn(at, low, high));
        _lastSampleAt = at;
        var memory = TimeSpan.FromSeconds(options.LoopMemorySeconds);
        while (_window.Count > 1 && _window.ElementAt(1).At <= at - memory) _window.Dequeue();
        if (_window.Peek().At > at - memory)
        {
            return MessageJudgement.NotJudged("the loop's memory is not covered yet");
        }

        var lowest = double.MaxValue;
        var highest = double.MinValue;
        foreach (var implied in _window)
        {
            lowest = Math.Min(lowest, implied.LowCelsius);
            highest = Math.Max(highest, implied.HighCelsius);
        }

        var tolerance = supplyTolerance + returnTolerance;
        var beyond = ret < lowest - tolerance ? ret - (lowest - tolerance) : ret > highest + tolerance ? ret - (highest + tolerance) : 0;
        var secondary = capacity * (ret - supply);
        if (beyond == 0)
        {
            return MessageJudgement.Agrees(secondary);
        }

        return MessageJudgement.Contradicts(beyond, beyond * capacity, secondary, F(
            $"secondary heat {secondary / 1000:F1} kW (ρ·c_p·V̇·(T_return − T_supply) at {flow:F0} L/min, {supply:F2} → {ret:F2} °C) against {racks / 1000:F1} kW from the racks and {pump / 1000:F1} kW of pump work: the return is {Math.Abs(beyond):F2} K {(beyond > 0 ? "above" : "below")} the {lowest:F2} … {highest:F2} °C the loop's heat implied over the last {options.LoopMemorySeconds:F0} s (tolerance {tolerance:F2} K)"));
    }

    // The outlet-between-inlets rules; judged only while the facility valve is open (stagnant facility water reads the room).
    private MessageJudgement? SecondLaw(CduTelemetry t, double supply, double ret, double capacity)
    {
        if (t.FacilitySupplyTemperatureCelsius is not { } facilitySupply || t.ValvePositionPercent is not { } valve || valve < options.MinimumValvePositionPercent)
        {
            return null;
        }

        var rate = double.IsNaN(capacity) ? double.NaN : capacity;
        var inletTolerance = Math.Max(options.RtdToleranceAt(facilitySupply), options.RtdToleranceAt(ret));
        if (t.FacilityReturnTemperatureCelsius is { } facilityReturn)
        {
            var outside = HeatBalance.OutsideInletsKelvin(facilityReturn, facilitySupply, ret);
            var tolerance = options.RtdToleranceAt(facilityReturn) + inletTolerance;
            if (Math.Abs(outside) > tolerance)
            {
                var beyond = outside - Math.Sign(outside) * tolerance;
                return MessageJudgement.Contradicts(beyond, beyond * rate, double.NaN, F(
                    $"facility return {facilityReturn:F2} °C lies {Math.Abs(beyond):F2} K {(outside > 0 ? "above" : "below")} what an exchanger between facility supply {facilitySupply:F2} °C and secondary return {ret:F2} °C allows (tolerance {tolerance:F2} K)"));
            }
        }

        var below = supply - Math.Min(facilitySupply, ret);
        var supplyTolerance = options.RtdToleranceAt(supply) + inletTolerance;
        if (below < -supplyTolerance)
        {
            var beyond = below + supplyTolerance;
            return MessageJudgement.Contradicts(beyond, beyond * rate, double.NaN, F(
                $"secondary supply {supply:F2} °C lies {-beyond:F2} K below both the facility supply {facilitySupply:F2} °C and the secondary return {ret:F2} °C: no exchanger cools below its cold inlet (tolerance {supplyTolerance:F2} K)"));
        }

        return null;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// One CDU message judged against the heat balance: whether it could be judged, whether it agrees, by how much it
/// misses (K on the judged temperature, W at the secondary flow's ṁ·c_p; NaN without a flow) and why.
/// </summary>
public sealed record MessageJudgement(bool Judged, bool Plausible, double MismatchKelvin, double MismatchWatts, double SecondaryHeatWatts, string Reason)
{
    public static MessageJudgement NotJudged(string reason) => new(false, true, 0, 0, double.NaN, reason);

    public static MessageJudgement Agrees(double secondaryHeatWatts) => new(true, true, 0, 0, secondaryHeatWatts, "the heat balance agrees");

    public static MessageJudgement Contradicts(double kelvin, double watts, double secondaryHeatWatts, string reason) =>
        new(true, false, kelvin, watts, secondaryHeatWatts, reason);
}
