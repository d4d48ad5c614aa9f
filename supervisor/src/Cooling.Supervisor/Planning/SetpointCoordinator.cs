using System.Buffers;
using System.Text.Json;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Plausibility;
using Cooling.Supervisor.State;
using Cooling.Supervisor.Storage;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Planning;

/// <summary>
/// Keeps every online CDU under a lease: observes each CDU's loop (its telemetry and its racks'), asks the planner
/// for setpoints, sends a request (new sequence number, lease, supply temperature, ΔP and announced IT load when
/// chosen) when they change or the renewal is due, and tracks how each CDU answers: <see cref="CduLinkStatus"/> ok,
/// refused, lagging or silent, with the time and reason, on the CDU's view. Every change of that status is logged
/// (an error while not ok) and reported through <see cref="LinkStatusChanged"/>, for an alarm engine to raise and
/// clear "CDU refuses / lags / goes silent".
/// A round (every planning period) plans a loop only when the telemetry of its CDU or of one of its racks is new since
/// the loop was last planned, or <see cref="SupervisorOptions.ReplanSeconds"/> have passed (time-driven steps: trim and
/// respond, slew, holds, renewals): a decision follows new telemetry within one period, and loops with nothing new cost
/// almost nothing. A request goes out when the decision moves towards more cooling (supply ≥ 0.05 K colder, ΔP ≥ 1 kPa
/// higher, IT load rising), when it relaxes (warmer, lower ΔP) by as much and the last request is at least
/// <see cref="SupervisorOptions.RelaxingRequestSeconds"/> old, and for the renewal — never merely because a round ran.
/// The link status is judged every round.
/// Before planning, the round judges the loop's telemetry against physics (<see cref="TelemetryTrust"/>): a rack message
/// that contradicts physics is left out of the observation; while the CDU's telemetry contradicts its heat balance the
/// loop is not planned at all — no request, no renewal — so the CDU's lease runs out and it runs on its local setpoints.
/// Requests carry an epoch and a sequence number per CDU (docs/mqtt.md): the epoch starts at the Unix time in
/// milliseconds of the supervisor's start, so it rises across supervisor restarts, and the sequence number counts from 1
/// within it. When the CDU refuses a request for its session (a stale epoch or sequence number — another client, or an
/// older supervisor, got there first), the coordinator opens an epoch above the one the acknowledgement reports and
/// sends again on the next round, so no message of anyone else locks it out for longer than one round.
/// While the broker is unreachable nothing is sent (and no sequence number is used): the request goes out on the
/// first round after the connection returns.
/// </summary>
public sealed class SetpointCoordinator(HallState hall, ISetpointPlanner planner, SupervisorOptions options, TimeProvider time,
    ITelemetryStore store, Func<string, byte[], bool> publish, ILogger logger)
{
    private readonly RackLoopMap _rackMap = new(options.RackAssignments);
    private readonly TelemetryTrust _trust = new(options.Plausibility, logger);
    private readonly List<RackView> _plausibleRacks = [];
    private readonly Lock _round = new();
    private readonly TimeSpan _replan = TimeSpan.FromSeconds(options.ReplanSeconds);
    private readonly TimeSpan _relaxing = TimeSpan.FromSeconds(options.RelaxingRequestSeconds);
    private readonly Dictionary<string, string?> _loopOfRack = new(StringComparer.Ordinal); // rack id → CDU id (RackLoopMap.CduOf, kept)
    private readonly Dictionary<(string Site, string Cdu), List<RackView>> _racksByLoop = [];
    private readonly Dictionary<CduView, LoopInputs> _planned = [];
    private long _loopsPlanned;
    private readonly long _startEpoch = time.GetUtcNow().ToUnixTimeMilliseconds();
    private long _requestsSent;
    private long _acknowledgements;

    public long RequestsSent => Interlocked.Read(ref _requestsSent);

    public long AcknowledgementsReceived => Interlocked.Read(ref _acknowledgements);

    /// <summary>Planner calls made (one per loop planned in a round).</summary>
    public long LoopsPlanned => Interlocked.Read(ref _loopsPlanned);

    public ISetpointPlanner Planner => planner;

    public RackLoopMap RackMap => _rackMap;

    /// <summary>The judgement of telemetry against physics: which racks and CDUs the planner does not plan on, and counts.</summary>
    public TelemetryTrust Trust => _trust;

    /// <summary>Raised (outside any lock) when a CDU's link status changes: the CDU, the old and the new status, and why.</summary>
    public event Action<CduView, CduLinkStatus, CduLinkStatus, string>? LinkStatusChanged;

    /// <summary>
    /// One planning round over every known CDU: plans the loops with new telemetry or a replan due, judges every link.
    /// A round that finds the previous one still running is skipped.
    /// </summary>
    public void Tick()
    {
        if (!_round.TryEnter()) return;
        try
        {
            var now = time.GetUtcNow();
            GroupRacksByLoop(hall.Racks);
            foreach (var cdu in hall.Cdus)
            {
                PlanOne(cdu, _racksByLoop.TryGetValue((cdu.SiteId, cdu.CduId), out var racks) ? racks : [], now);
            }
        }
        finally
        {
            _round.Exit();
        }
    }

    // Each rack under its loop, the rack-to-CDU mapping worked out once per rack id.
    private void GroupRacksByLoop(IReadOnlyCollection<RackView> racks)
    {
        foreach (var list in _racksByLoop.Values) list.Clear();
        foreach (var rack in racks)
        {
            if (!_loopOfRack.TryGetValue(rack.RackId, out var cduId))
            {
                cduId = _rackMap.CduOf(rack.RackId);
                _loopOfRack[rack.RackId] = cduId;
            }

            if (cduId is null) continue;
            if (!_racksByLoop.TryGetValue((rack.SiteId, cduId), out var list))
            {
                list = [];
                _racksByLoop[(rack.SiteId, cduId)] = list;
            }

            list.Add(rack);
        }
    }

    private void PlanOne(CduView cdu, List<RackView> racks, DateTimeOffset now)
    {
        var changes = new List<(CduLinkStatus From, CduLinkStatus To, string Reason)>(1);
        SetpointRequestRecord? request = null;
        CduTelemetry? telemetry;
        lock (cdu.Gate) telemetry = cdu.Telemetry;
        if (!_planned.TryGetValue(cdu, out var inputs))
        {
            inputs = new LoopInputs();
            _planned[cdu] = inputs;
        }

        var maximumRackAge = TimeSpan.FromSeconds(options.RackTelemetryMaximumAgeSeconds);
        var trusted = _trust.JudgeCdu(cdu, racks, now, maximumRackAge);
        var due = telemetry is not null && (inputs.IsNew(telemetry, racks) || now - inputs.PlannedAt >= _replan);
        LoopObservation? observation = null;
        if (due && trusted)
        {
            _plausibleRacks.Clear();
            foreach (var rack in racks)
            {
                if (_trust.IsRackPlausible(rack)) _plausibleRacks.Add(rack);
            }

            observation = LoopObservationBuilder.Build(cdu, _plausibleRacks, _rackMap, now, maximumRackAge);
        }

        lock (cdu.Gate)
        {
            if (due && trusted && cdu.Online && observation is not null && now - cdu.TelemetryReceivedAt <= TimeSpan.FromSeconds(options.SilenceSeconds))
            {
                var decision = planner.Plan(observation);
                Interlocked.Increment(ref _loopsPlanned);
                cdu.LastDecision = decision;
                request = RequestIfDue(cdu, decision, now, out var unsent);
                if (!unsent) inputs.Planned(telemetry!, racks, now); // a request the broker could not take is tried again next round
            }
            else if (due)
            {
                inputs.Planned(telemetry!, racks, now);
            }

            EvaluateLink(cdu, now, changes); // after sending: a CDU back from silence is judged on the request it gets now
        }

        Report(cdu, changes);
        if (request is not null)
        {
            store.AddSetpointRequest(cdu.SiteId, cdu.CduId, request);
            Interlocked.Increment(ref _requestsSent);
        }
    }

    private SetpointRequestRecord? RequestIfDue(CduView cdu, LoopDecision decision, DateTimeOffset now, out bool unsent)
    {
        unsent = false;
        var last = cdu.LastRequest;
        var supply = Math.Round(decision.SupplyTemperatureCelsius, 2);
        var deltaPressure = decision.DeltaPressureKpa is { } dp ? Math.Round(dp, 1) : (double?)null;
        var itLoad = decision.ItLoadKilowatts is { } kw ? Math.Round(kw, 1) : (double?)null;
        var due = last is null
            || cdu.RequestSessionRestartPending
            || now - last.SentAt >= TimeSpan.FromSeconds(options.RenewalSeconds)
            || supply <= last.SupplyTemperatureCelsius - 0.05 // more cooling: at once
            || deltaPressure.HasValue != last.DeltaPressureKpa.HasValue
            || (deltaPressure is { } d && last.DeltaPressureKpa is { } ld && d >= ld + 1.0)
            || (itLoad is { } l && (last.ItLoadKilowatts is not { } ll || l > ll * 1.05 + 1)) // a rising IT load goes out at once (feedforward)
            || (now - last.SentAt >= _relaxing // relaxing (warmer, lower ΔP) saves energy but is never urgent
                && (supply >= last.SupplyTemperatureCelsius + 0.05 || (deltaPressure is { } d2 && last.DeltaPressureKpa is { } ld2 && d2 <= ld2 - 1.0)));
        if (!due) return null;

        var epoch = cdu.RequestEpoch == 0 ? _startEpoch : cdu.RequestEpoch;
        var candidate = new SetpointRequestRecord(cdu.RequestSequence + 1, supply, options.LeaseSeconds, now, deltaPressure, itLoad, decision.Reason)
        {
            Epoch = epoch,
        };
        if (!publish(TopicAddress.SetpointRequestTopic(cdu.SiteId, cdu.CduId), Serialize(candidate)))
        {
            unsent = true;
            return null;
        }

        cdu.RequestEpoch = epoch;
        cdu.RequestSequence = candidate.Sequence;
        cdu.RequestSessionRestartPending = false;
        cdu.LastRequest = candidate;
        cdu.RequestsSent++;
        return candidate;
    }

    // Under the CDU's lock: silent (no telemetry, or offline), refused (last answer a rejection), lagging (no answer in time), else ok.
    private void EvaluateLink(CduView cdu, DateTimeOffset now, List<(CduLinkStatus, CduLinkStatus, string)> changes)
    {
        var last = cdu.LastRequest;
        var ack = cdu.LastAcknowledgement;
        var answered = last is not null && ack is not null && ack.Sequence >= last.Sequence;
        var overdue = last is not null && !answered && now - last.SentAt > TimeSpan.FromSeconds(options.AcknowledgementTimeoutSeconds);
        cdu.AcknowledgementOverdue = overdue;
        CduLinkStatus status;
        string reason;
        if (!cdu.Online || cdu.Telemetry is null || now - cdu.TelemetryReceivedAt > TimeSpan.FromSeconds(options.SilenceSeconds))
        {
            if (cdu.Telemetry is null && last is null) return; // never heard of: nothing to say
            status = CduLinkStatus.Silent;
            reason = !cdu.Online ? "the CDU's last will says offline" : $"no telemetry for more than {options.SilenceSeconds} s";
        }
        else if (last is null)
        {
            return;
        }
        else if (ack is not null && ack.Status == "rejected" && (answered || cdu.LinkStatus == CduLinkStatus.Refused) && !overdue)
        {
            status = CduLinkStatus.Refused;
            reason = $"request {ack.Sequence} rejected: {ack.Reason}";
        }
        else if (overdue)
        {
            status = CduLinkStatus.Lagging;
            reason = $"request {last.Sequence} not acknowledged within {options.AcknowledgementTimeoutSeconds} s";
        }
        else if (answered)
        {
            status = CduLinkStatus.Ok;
            reason = ack!.Status == "clamped" ? $"request {ack.Sequence} clamped: {ack.Reason}" : $"request {ack.Sequence} {ack.Status}";
        }
        else
        {
            return; // a request in flight, still within the timeout: no news
        }

        if (status != cdu.LinkStatus)
        {
            changes.Add((cdu.LinkStatus, status, reason));
            cdu.LinkStatus = status;
            cdu.LinkStatusSince = now;
        }

        cdu.LinkStatusReason = reason;
    }

    private void Report(CduView cdu, List<(CduLinkStatus From, CduLinkStatus To, string Reason)> changes)
    {
        foreach (var (from, to, reason) in changes)
        {
            var alarm = AlarmName(to);
            if (alarm is not null)
            {
                logger.LogError("Alarm {Alarm} raised: {Cdu}: {Reason}", alarm, cdu.CduId, reason);
            }
            else if (AlarmName(from) is { } cleared)
            {
                logger.LogInformation("Alarm {Alarm} cleared: {Cdu}: {Reason}", cleared, cdu.CduId, reason);
            }

            LinkStatusChanged?.Invoke(cdu, from, to, reason);
        }
    }

    /// <summary>The alarm a link status stands for (as <see cref="Alarms.HallAlarmRules"/> raises it); null when none.</summary>
    public static string? AlarmName(CduLinkStatus status) => status switch
    {
        CduLinkStatus.Refused => "CduRefusedSetpoint",
        CduLinkStatus.Lagging => "CduLaggingAcknowledgement",
        CduLinkStatus.Silent => "CduSilent",
        _ => null,
    };

    /// <summary>Records an acknowledgement (its latency, a refusal) and updates the CDU's link status at once.</summary>
    public void OnAcknowledgement(CduView cdu, SetpointAcknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(cdu);
        ArgumentNullException.ThrowIfNull(acknowledgement);
        Interlocked.Increment(ref _acknowledgements);
        var now = time.GetUtcNow();
        var changes = new List<(CduLinkStatus, CduLinkStatus, string)>(1);
        lock (cdu.Gate)
        {
            cdu.LastAcknowledgement = acknowledgement;
            cdu.AcknowledgementReceivedAt = now;
            cdu.AcknowledgementsReceived++;
            if (cdu.LastRequest is { } last && acknowledgement.Sequence == last.Sequence)
            {
                cdu.AcknowledgementLatency = now - last.SentAt;
            }

            if (acknowledgement.Status == "rejected")
            {
                cdu.Refusals++;
            }

            if (acknowledgement.RefusedForSession && cdu.LastRequest is { } refused && acknowledgement.Sequence == refused.Sequence)
            {
                RestartSession(cdu, acknowledgement, now);
            }

            EvaluateLink(cdu, now, changes);
        }

        Report(cdu, changes);
        if (acknowledgement.Status == "clamped")
        {
            logger.LogWarning("{Cdu} clamped request {Sequence} to {Applied} °C / {AppliedDeltaPressure} kPa: {Reason}", cdu.CduId, acknowledgement.Sequence,
                acknowledgement.AppliedSupplyTemperatureCelsius, acknowledgement.AppliedDeltaPressureKpa, acknowledgement.Reason);
        }
    }

    // Under the CDU's lock: a new epoch above both the CDU's and the supervisor's own (and not below the clock, so it keeps
    // rising across restarts), sequence numbers from 1 again; the next round sends.
    private void RestartSession(CduView cdu, SetpointAcknowledgement acknowledgement, DateTimeOffset now)
    {
        var epoch = Math.Max(Math.Max(cdu.RequestEpoch, acknowledgement.Epoch ?? 0) + 1, now.ToUnixTimeMilliseconds());
        logger.LogWarning("{Cdu} refused request {Sequence} of epoch {Epoch} ({Reason}; the CDU is at epoch {CduEpoch}): opening epoch {NewEpoch}",
            cdu.CduId, acknowledgement.Sequence, cdu.RequestEpoch, acknowledgement.Reason, acknowledgement.Epoch, epoch);
        cdu.RequestEpoch = epoch;
        cdu.RequestSequence = 0;
        cdu.RequestSessionRestartPending = true;
    }

    /// <summary>The request message of contract v1.</summary>
    public static byte[] Serialize(SetpointRequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("v", 1);
            w.WriteNumber("epoch", request.Epoch);
            w.WriteNumber("seq", request.Sequence);
            w.WriteNumber("issuedAtUnixMilliseconds", request.SentAt.ToUnixTimeMilliseconds());
            w.WriteNumber("leaseSeconds", request.LeaseSeconds);
            w.WriteNumber("supplyTemperatureCelsius", request.SupplyTemperatureCelsius);
            if (request.DeltaPressureKpa is { } deltaPressure) w.WriteNumber("deltaPressureKpa", deltaPressure);
            if (request.ItLoadKilowatts is { } itLoad) w.WriteNumber("itLoadKilowatts", itLoad);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
