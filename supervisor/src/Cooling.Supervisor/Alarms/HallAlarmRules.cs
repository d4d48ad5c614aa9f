using System.Globalization;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.Planning;
using Cooling.Supervisor.Plausibility;
using Cooling.Supervisor.State;

namespace Cooling.Supervisor.Alarms;

/// <summary>
/// The alarm rules, run over what the supervisor knows of the hall (one pass per evaluation period):
/// GPUs — each GPU's die and memory temperature and throttling (<see cref="GpuAlarmRules"/>); racks — many throttling
/// GPUs, coolant inlet and outlet (when the rack reports them), silence;
/// CDUs — offline (last will), silence, supply off its setpoint, the alarms the firmware lists in its telemetry;
/// setpoint link — a CDU that refuses requests or lags (the link status the <see cref="SetpointCoordinator"/> keeps), or
/// falls silent (no telemetry for the supervisor's silence time while online — offline has its own alarm);
/// plausibility — a CDU whose telemetry contradicts its heat balance, a rack whose latest message contradicts physics
/// (as the planner's <see cref="TelemetryTrust"/> judged them, when given).
/// Threshold alarms are held back during start-up suppression; status and link alarms never are.
/// Each message is judged once (dwell and clear dwell are measured over messages that keep saying so); a device that
/// falls silent is not judged on its last values, its threshold alarms hold until it speaks again.
/// </summary>
public sealed class HallAlarmRules(HallState hall, AlarmEngine engine, TimeProvider time, double cduSilenceSeconds = 10, TelemetryTrust? trust = null)
{
    /// <summary>A CDU's telemetry contradicts its heat balance beyond the sensors' tolerance: the planner does not plan on it (Critical).</summary>
    public const string CduHeatBalanceImplausible = "CduHeatBalanceImplausible";

    /// <summary>A rack's latest message contradicts physics (outlet below inlet under load, GPUs below the inlet): not planned on (Warning).</summary>
    public const string RackTelemetryImplausible = "RackTelemetryImplausible";

    public const string RackTelemetryStale = "RackTelemetryStale";
    public const string CduOffline = "CduOffline";
    /// <summary>A CDU silent (no telemetry for the supervisor's silence time) while online (link status Silent).</summary>
    public const string CduTelemetryStale = "CduTelemetryStale";

    /// <summary>A CDU lagging: a request unanswered past the acknowledgement timeout (link status Lagging; docs/mqtt.md).</summary>
    public const string CduNotAcknowledging = "CduNotAcknowledging";

    /// <summary>A CDU refusing requests (link status Refused; docs/mqtt.md).</summary>
    public const string CduRefusedSetpoint = "CduRefusedSetpoint";
    public const string GpuThrottled = "GpuThrottled";
    public const string GpuThrottledCritical = "GpuThrottledCritical";
    public const string AboveUpperCaution = "TemperatureAboveUpperCautionThreshold";
    public const string AboveUpperCritical = "TemperatureAboveUpperCriticalThreshold";
    public const string BelowLowerCaution = "TemperatureBelowLowerCautionThreshold";
    public const string BelowLowerCritical = "TemperatureBelowLowerCriticalThreshold";

    private static readonly string[] RunningModes = ["automatic", "fallback", "degraded"];
    private readonly Dictionary<string, long> _refusalsSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object> _judged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _judgedRacks = new(StringComparer.Ordinal);
    private readonly GpuAlarmRules _gpus = new(engine);

    public AlarmEngine Engine => engine;

    /// <summary>GPUs of the hall with an alarm active or a raise being timed (the GPUs each pass looks at beyond the racks' summaries).</summary>
    public int GpusWithAlarmsAlive
    {
        get
        {
            lock (_judged) return _gpus.GpusAlive;
        }
    }

    /// <summary>One pass of every rule over the hall (passes never overlap).</summary>
    public void Evaluate()
    {
        lock (_judged)
        {
            EvaluateAll();
        }
    }

    private void EvaluateAll()
    {
        var now = time.GetUtcNow();
        var mayRaiseThresholds = !engine.InStartupSuppression(now);
        foreach (var rack in hall.Racks)
        {
            EvaluateRack(rack, now, mayRaiseThresholds);
        }

        foreach (var cdu in hall.Cdus)
        {
            EvaluateCdu(cdu, now, mayRaiseThresholds);
        }
    }

    private void EvaluateRack(RackView rack, DateTimeOffset now, bool mayRaise)
    {
        var o = engine.Options;
        var source = $"{rack.SiteId}/rack/{rack.RackId}";
        var age = now - rack.ReceivedAt;
        var stale = age > TimeSpan.FromSeconds(o.RackTelemetryStaleSeconds);
        engine.Flag(new AlarmKey(AlarmOrigin.Supervisor, RackTelemetryStale, source), AlarmSeverity.Warning, rack.SiteId, stale, TimeSpan.Zero, true,
            () => F($"no telemetry from rack {rack.RackId} for {age.TotalSeconds:F0} s"), now);
        if (stale) return;
        if (trust is not null)
        {
            var contradiction = trust.RackContradiction(rack.SiteId, rack.RackId);
            engine.Flag(new AlarmKey(AlarmOrigin.Supervisor, RackTelemetryImplausible, source), AlarmSeverity.Warning, rack.SiteId, contradiction is not null,
                TimeSpan.FromSeconds(trust.Options.RackAlarmDwellSeconds), true,
                () => $"rack {rack.RackId} telemetry contradicts physics and is not planned on: {contradiction}", now);
        }

        _gpus.Evaluate(rack, source, now, mayRaise);
        if (!FirstLook(source, rack.Message)) return;

        var t = rack.Telemetry;
        engine.Threshold(new AlarmKey(AlarmOrigin.Supervisor, GpuThrottledCritical, $"{source}/gpus"), AlarmSeverity.Critical, rack.SiteId, t.ThrottledGpuCount,
            o.ThrottledGpus.Critical, o.ThrottledGpus, mayRaise,
            () => F($"{t.ThrottledGpuCount} GPUs of rack {rack.RackId} throttling (threshold {o.ThrottledGpus.Critical:F0})"), now);
        Coolant(rack.SiteId, $"{source}/inlet", t.InletTemperatureCelsius, o.RackInletTemperatureCelsius, mayRaise, now,
            (v, limit) => F($"coolant inlet of rack {rack.RackId} at {v:F1} °C (threshold {limit:F1} °C)"));
        Coolant(rack.SiteId, $"{source}/outlet", t.OutletTemperatureCelsius, o.RackOutletTemperatureCelsius, mayRaise, now,
            (v, limit) => F($"coolant outlet of rack {rack.RackId} at {v:F1} °C (threshold {limit:F1} °C)"));
    }

    // A rack coolant value is optional in the contract (NaN when absent): absent is unknown, so its alarms hold (timers stop, an active one stands).
    private void Coolant(string site, string source, double value, ThresholdAlarmOptions limits, bool mayRaise, DateTimeOffset now, Func<double, double, string> message)
    {
        if (double.IsNaN(value))
        {
            engine.Hold(Key(AboveUpperCaution, source));
            engine.Hold(Key(AboveUpperCritical, source));
            return;
        }

        Upper(site, source, value, limits, mayRaise, now, message);
    }

    private void EvaluateCdu(CduView cdu, DateTimeOffset now, bool mayRaise)
    {
        CduTelemetry? telemetry;
        DateTimeOffset receivedAt;
        bool offline;
        long refusals;
        SetpointAcknowledgement? lastAck;
        CduLinkStatus link;
        string linkReason;
        CduHeatBalanceStatus heatBalance;
        lock (cdu.Gate)
        {
            heatBalance = cdu.HeatBalance;
            telemetry = cdu.Telemetry;
            receivedAt = cdu.TelemetryReceivedAt;
            offline = cdu.State is { Online: false };
            refusals = cdu.Refusals;
            lastAck = cdu.LastAcknowledgement;
            link = cdu.LinkStatus;
            linkReason = cdu.LinkStatusReason;
        }

        var o = engine.Options;
        var site = cdu.SiteId;
        var source = $"{site}/cdu/{cdu.CduId}";
        engine.Flag(Key(CduOffline, source), AlarmSeverity.Critical, site, offline, TimeSpan.Zero, true,
            () => $"CDU {cdu.CduId} is offline (its last will was published)", now);

        var age = now - receivedAt;
        engine.Flag(Key(CduTelemetryStale, source), AlarmSeverity.Warning, site, telemetry is not null && !offline && age > TimeSpan.FromSeconds(cduSilenceSeconds),
            TimeSpan.Zero, true, () => F($"CDU {cdu.CduId}: no telemetry for {age.TotalSeconds:F0} s"), now);
        engine.Flag(Key(CduNotAcknowledging, source), AlarmSeverity.Warning, site, link == CduLinkStatus.Lagging, TimeSpan.Zero, true,
            () => $"CDU {cdu.CduId}: {linkReason}", now);

        // A refusal answered at once by an acceptance still counts: the refusal count rose since the last pass.
        _refusalsSeen.TryGetValue(source, out var seen);
        _refusalsSeen[source] = refusals;
        var refused = link == CduLinkStatus.Refused || refusals > seen;
        engine.Flag(Key(CduRefusedSetpoint, source), AlarmSeverity.Warning, site, refused, TimeSpan.Zero, true,
            () => $"CDU {cdu.CduId} refused setpoint request {lastAck?.Sequence}: {lastAck?.Reason}", now);

        engine.Flag(Key(CduHeatBalanceImplausible, $"{source}/heatBalance"), AlarmSeverity.Critical, site, heatBalance.Implausible, TimeSpan.Zero, true,
            () => $"CDU {cdu.CduId} telemetry contradicts its heat balance; the planner does not plan on it and its lease runs out (local setpoints): {heatBalance.Reason}",
            now, double.IsFinite(heatBalance.MismatchWatts) ? heatBalance.MismatchWatts : null); // the mismatch in W (none without a flow)

        var stale = telemetry is null || now - receivedAt > TimeSpan.FromSeconds(o.CduTelemetryStaleSeconds);
        if (telemetry is null || stale || offline || !FirstLook(source, telemetry)) return;
        ReportedAlarms(site, source, telemetry, now);
        if (telemetry.SupplyTemperatureCelsius is { } supply && Array.IndexOf(RunningModes, telemetry.Mode) >= 0
            && telemetry.UptimeMilliseconds >= o.CduStartupSuppressionSeconds * 1000)
        {
            var deviation = supply - telemetry.SupplyTemperatureSetpointCelsius;
            var setpoint = telemetry.SupplyTemperatureSetpointCelsius;
            Pair(site, AboveUpperCaution, AboveUpperCritical, $"{source}/supply", deviation, o.CduSupplyDeviationKelvin, mayRaise, now,
                (v, limit) => F($"supply of CDU {cdu.CduId} at {supply:F2} °C, {v:F2} K above its setpoint {setpoint:F2} °C (threshold {limit:F2} K)"));
            Pair(site, BelowLowerCaution, BelowLowerCritical, $"{source}/supply", -deviation, o.CduSupplyDeviationKelvin, mayRaise, now,
                (v, limit) => F($"supply of CDU {cdu.CduId} at {supply:F2} °C, {v:F2} K below its setpoint {setpoint:F2} °C (threshold {limit:F2} K)"));
        }
    }

    // The alarms the firmware lists as active ("code@source"): raised as soon as listed, cleared when no longer listed.
    private void ReportedAlarms(string site, string cduSource, CduTelemetry telemetry, DateTimeOffset now)
    {
        var listed = new HashSet<AlarmKey>();
        foreach (var entry in telemetry.ActiveAlarms)
        {
            var at = entry.IndexOf('@', StringComparison.Ordinal);
            var code = at < 0 ? entry : entry[..at];
            var key = new AlarmKey(AlarmOrigin.Cdu, code, at < 0 ? cduSource : $"{cduSource}/{entry[(at + 1)..]}");
            listed.Add(key);
            engine.Flag(key, ReportedSeverity(code), site, true, TimeSpan.Zero, true, () => $"CDU reports {entry}", now);
        }

        foreach (var key in engine.ActiveKeysUnder(AlarmOrigin.Cdu, cduSource))
        {
            if (!listed.Contains(key))
            {
                engine.Flag(key, ReportedSeverity(key.Code), site, false, TimeSpan.Zero, true, () => key.ToString(), now);
            }
        }
    }

    /// <summary>The firmware's Critical alarms (docs/mqtt.md, Alarms): those named Critical, and ControlCycleFault.</summary>
    public static AlarmSeverity ReportedSeverity(string code) =>
        code.Contains("Critical", StringComparison.Ordinal) || code == "ControlCycleFault" ? AlarmSeverity.Critical : AlarmSeverity.Warning;

    private void Upper(string site, string source, double value, ThresholdAlarmOptions limits, bool mayRaise, DateTimeOffset now,
        Func<double, double, string> message) =>
        Pair(site, AboveUpperCaution, AboveUpperCritical, source, value, limits, mayRaise, now, message);

    private void Pair(string site, string cautionCode, string criticalCode, string source, double value, ThresholdAlarmOptions limits, bool mayRaise,
        DateTimeOffset now, Func<double, double, string> message)
    {
        engine.Threshold(new AlarmKey(AlarmOrigin.Supervisor, cautionCode, source), AlarmSeverity.Warning, site, value, limits.Caution, limits,
            mayRaise, () => message(value, limits.Caution), now);
        engine.Threshold(new AlarmKey(AlarmOrigin.Supervisor, criticalCode, source), AlarmSeverity.Critical, site, value, limits.Critical, limits, mayRaise, () => message(value, limits.Critical), now);
    }

    // True the first time a pass sees this message of the rack (by its number).
    private bool FirstLook(string source, long rackMessage)
    {
        if (_judgedRacks.TryGetValue(source, out var last) && last == rackMessage) return false;
        _judgedRacks[source] = rackMessage;
        return true;
    }

    // True the first time a pass sees this message of the device.
    private bool FirstLook(string source, object message)
    {
        if (_judged.TryGetValue(source, out var last) && ReferenceEquals(last, message)) return false;
        _judged[source] = message;
        return true;
    }

    private static AlarmKey Key(string code, string source) => new(AlarmOrigin.Supervisor, code, source);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
