using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Plausibility;

/// <summary>
/// Decides which telemetry the planner may plan on. Each rack message is judged once against physics
/// (<see cref="RackPlausibility"/>): a contradicting one is counted, kept with its reason for the alarm rules, and left
/// out of its loop's observation. Each CDU message is judged once against the loop's heat balance with the racks'
/// reported heat (<see cref="CduHeatBalanceJudge"/>); the result is the CDU's <see cref="CduView.HeatBalance"/>, and
/// while it is implausible the planner does not plan on the CDU (no request, so its lease runs out and the CDU runs on
/// its local setpoints). Called by the planning round (one at a time); the alarm rules read the results from their own thread.
/// </summary>
public sealed class TelemetryTrust(PlausibilityOptions options, ILogger logger)
{
    private readonly Dictionary<CduView, (CduHeatBalanceJudge Judge, CduTelemetry? Last)> _cdus = [];
    private readonly Dictionary<string, RackJudgement> _racks = new(StringComparer.Ordinal);
    private long _rackMessagesRejected;
    private long _cduMessagesImplausible;

    public PlausibilityOptions Options => options;

    /// <summary>Rack messages that contradicted physics (left out of planning).</summary>
    public long RackMessagesRejected => Interlocked.Read(ref _rackMessagesRejected);

    /// <summary>CDU messages that contradicted their heat balance.</summary>
    public long CduMessagesImplausible => Interlocked.Read(ref _cduMessagesImplausible);

    /// <summary>The judgement of a rack's latest message the planner saw: null when plausible or never judged, otherwise why not.</summary>
    public string? RackContradiction(string siteId, string rackId)
    {
        lock (_racks)
        {
            return _racks.TryGetValue($"{siteId}/{rackId}", out var judged) ? judged.Contradiction : null;
        }
    }

    /// <summary>True when the rack's latest message agrees with physics (judged once per message, counted when it does not).</summary>
    public bool IsRackPlausible(RackView rack)
    {
        ArgumentNullException.ThrowIfNull(rack);
        var key = $"{rack.SiteId}/{rack.RackId}";
        lock (_racks)
        {
            if (_racks.TryGetValue(key, out var judged) && judged.Message == rack.Message) return judged.Contradiction is null;
            var contradiction = RackPlausibility.Contradiction(rack.Telemetry, options);
            _racks[key] = new RackJudgement(rack.Message, contradiction);
            if (contradiction is null) return true;
            Interlocked.Increment(ref _rackMessagesRejected);
            logger.LogWarning("Rack {Rack} message {Sequence} contradicts physics, not planned on: {Reason}", rack.RackId, rack.Telemetry.Sequence, contradiction);
            return false;
        }
    }

    /// <summary>
    /// Judges the CDU's latest message (once) against the heat of <paramref name="loopRacks"/> — every rack the supervisor
    /// knows on the loop; their heat counts only when each reported within <paramref name="maximumRackAge"/> and agrees
    /// with physics — and records the result on the CDU's view. Returns true when the planner may plan on the CDU.
    /// </summary>
    public bool JudgeCdu(CduView cdu, IReadOnlyList<RackView> loopRacks, DateTimeOffset now, TimeSpan maximumRackAge)
    {
        ArgumentNullException.ThrowIfNull(cdu);
        ArgumentNullException.ThrowIfNull(loopRacks);
        CduTelemetry? telemetry;
        DateTimeOffset receivedAt;
        lock (cdu.Gate)
        {
            telemetry = cdu.Telemetry;
            receivedAt = cdu.TelemetryReceivedAt;
        }

        if (!_cdus.TryGetValue(cdu, out var entry))
        {
            entry = (new CduHeatBalanceJudge(options), null);
        }

        var judge = entry.Judge;
        if (telemetry is null || ReferenceEquals(telemetry, entry.Last)) return !judge.Implausible;
        _cdus[cdu] = (judge, telemetry);
        var changed = judge.Judge(telemetry, RackHeat(loopRacks, now, maximumRackAge), receivedAt);
        var latest = judge.Latest;
        if (latest is { Judged: true, Plausible: false }) Interlocked.Increment(ref _cduMessagesImplausible);
        var status = new CduHeatBalanceStatus(judge.Implausible, judge.Since, latest.Reason, latest.MismatchKelvin, latest.MismatchWatts, judge.ImplausibleMessages,
            judge.JudgedMessages);
        lock (cdu.Gate) cdu.HeatBalance = status;
        if (changed && judge.Implausible)
        {
            logger.LogError("CDU {Cdu} telemetry contradicts its heat balance; the planner stops planning on it and its lease runs out: {Reason}", cdu.CduId, latest.Reason);
        }
        else if (changed)
        {
            logger.LogInformation("CDU {Cdu} telemetry agrees with its heat balance again; planning resumes", cdu.CduId);
        }

        return !judge.Implausible;
    }

    // ΣP of the loop's racks, or null when a rack is stale, implausible or does not measure its coolant (the balance is then
    // not judged). A rack without coolant values (the dcgm-exporter bridge) reports its GPUs' power, not its heat into the liquid.
    private double? RackHeat(IReadOnlyList<RackView> racks, DateTimeOffset now, TimeSpan maximumAge)
    {
        if (racks.Count == 0) return null;
        var sum = 0.0;
        foreach (var rack in racks)
        {
            var t = rack.Telemetry;
            if (now - rack.ReceivedAt > maximumAge || !IsRackPlausible(rack) || double.IsNaN(t.InletTemperatureCelsius) || !double.IsFinite(t.PowerWatts)) return null;
            sum += rack.Telemetry.PowerWatts;
        }

        return sum;
    }

    private readonly record struct RackJudgement(long Message, string? Contradiction);
}
