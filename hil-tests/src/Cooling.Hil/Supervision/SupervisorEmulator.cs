using System.Globalization;
using System.Text;
using Cooling.Hil.Scenarios;
using Cooling.Supervisor.Planning;

namespace Cooling.Hil.Supervision;

/// <summary>A setpoint request the supervisor sent, whether it reached the CDU, and the status the CDU acknowledged.</summary>
public sealed record RequestRecord(long Sequence, double SentAtSeconds, double SupplyTemperatureCelsius, bool Delivered)
{
    public string? Status { get; set; }
}

/// <summary>
/// The supervisor in a scenario: once per rack-telemetry period it gives its planner (the supervisor's own
/// <see cref="ISetpointPlanner"/>) the loop's observation and sends a leased request — supply, and ΔP and IT load
/// when the planner chose them — when the plan changes by ≥ 0.05 K, 0.5 kPa or 5 % of the announced IT load, or
/// the renewal is due (as the supervisor's SetpointCoordinator does). It can crash (silent; restarts with a fresh planner), lose its broker
/// (nothing observed or sent), or have its requests lost on the way (lease loss).
/// </summary>
public sealed class SupervisorEmulator(SupervisorSpec spec, string plannerName, Action<byte[]> deliver)
{
    private ISetpointPlanner? _planner = plannerName == PlannerNames.None ? null : PlannerNames.Create(plannerName, spec);
    private long _sequence = 1_000;
    private long _epoch = 1;
    private double _lastSentSeconds = double.NegativeInfinity;
    private double _lastSentCelsius = double.NaN;
    private double? _lastSentKpa;
    private double? _lastSentLoad;

    public string PlannerName => plannerName;

    public List<RequestRecord> Requests { get; } = [];

    /// <summary>Silent (crashed).</summary>
    public bool Crashed { get; private set; }

    /// <summary>The supervisor cannot reach the broker.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Requests are sent but lost before the CDU.</summary>
    public bool RequestsLost { get; set; }

    /// <summary>Time of the last request whose setpoints differed from the one before, s.</summary>
    public double LastChangeSeconds { get; private set; } = double.NaN;

    /// <summary>The planner's last reason, for the event log.</summary>
    public string LastReason { get; private set; } = "";

    public void Crash() => Crashed = true;

    /// <summary>A restart: a fresh planner (nothing remembered); sequence numbers keep rising.</summary>
    public void Restart()
    {
        Crashed = false;
        _planner = plannerName == PlannerNames.None ? null : PlannerNames.Create(plannerName, spec);
        _lastSentSeconds = double.NegativeInfinity;
    }

    /// <summary>
    /// Continues the request session of a CDU that has run before (it refuses stale epochs and sequence numbers): in the
    /// CDU's epoch <paramref name="epoch"/> when it is above the emulator's, above <paramref name="lastAccepted"/>, the last
    /// sequence number the CDU accepted in it.
    /// </summary>
    public void ContinueAbove(long epoch, long lastAccepted)
    {
        if (epoch > _epoch) _epoch = epoch;
        if (epoch == _epoch) _sequence = Math.Max(_sequence, lastAccepted);
    }

    /// <summary>One planning round at plant time <paramref name="seconds"/>.</summary>
    public void Tick(double seconds, LoopObservation observation)
    {
        if (_planner is null || Crashed || Disconnected) return;
        if (spec.StopAtSeconds is { } stop && seconds >= stop) return;
        var decision = _planner.Plan(observation);
        LastReason = decision.Reason;
        var supply = Math.Round(decision.SupplyTemperatureCelsius, 2);
        var kpa = decision.DeltaPressureKpa is { } dp ? Math.Round(dp, 1) : (double?)null;
        var load = decision.ItLoadKilowatts is { } kw ? Math.Round(kw, 1) : (double?)null;
        var changed = !(Math.Abs(supply - _lastSentCelsius) < 0.05)
            || (kpa is { } k && !(Math.Abs(k - (_lastSentKpa ?? double.NaN)) < 0.5))
            || (load is { } l && !(Math.Abs(l - (_lastSentLoad ?? double.NaN)) < Math.Max(1, 0.05 * l)));
        if (!changed && seconds - _lastSentSeconds < spec.RenewalSeconds) return;
        if (changed && !double.IsNaN(_lastSentCelsius)) LastChangeSeconds = seconds;
        _sequence++;
        _lastSentSeconds = seconds;
        _lastSentCelsius = supply;
        _lastSentKpa = kpa;
        _lastSentLoad = load;
        var delivered = !RequestsLost;
        Requests.Add(new RequestRecord(_sequence, seconds, supply, delivered));
        if (!delivered) return;
        var message = new StringBuilder(160).Append(CultureInfo.InvariantCulture,
            $"{{\"v\":1,\"epoch\":{_epoch},\"seq\":{_sequence},\"leaseSeconds\":{spec.LeaseSeconds},\"supplyTemperatureCelsius\":{supply}");
        if (kpa is { } pressure) message.Append(CultureInfo.InvariantCulture, $",\"deltaPressureKpa\":{pressure}");
        if (load is { } announced) message.Append(CultureInfo.InvariantCulture, $",\"itLoadKilowatts\":{announced}");
        deliver(Encoding.UTF8.GetBytes(message.Append('}').ToString()));
    }

    /// <summary>Records the CDU's acknowledgement of request <paramref name="sequence"/>.</summary>
    public void Acknowledged(long sequence, string status)
    {
        for (var i = Requests.Count - 1; i >= 0; i--)
        {
            if (Requests[i].Sequence == sequence)
            {
                Requests[i].Status = status;
                return;
            }
        }
    }
}
