using System.Globalization;
using Cooling.Hil.Scenarios;

namespace Cooling.Hil.Supervision;

/// <summary>A setpoint request the supervisor sent, whether it reached the CDU, and the status the CDU acknowledged.</summary>
public sealed record RequestRecord(long Sequence, double SentAtSeconds, double SupplyTemperatureCelsius, bool Delivered)
{
    public string? Status { get; set; }
}

/// <summary>
/// The supervisor in a scenario: once per rack-telemetry period it gives its planner the loop's observation and
/// sends a leased setpoint request when the plan changes by ≥ 0.05 K or the renewal is due (as the supervisor's
/// SetpointCoordinator does). It can crash (silent, planner state lost, restarts with a fresh planner), lose
/// its broker (nothing observed or sent), or have its requests lost on the way (lease loss).
/// </summary>
public sealed class SupervisorEmulator(SupervisorSpec spec, string plannerName, Action<byte[]> deliver)
{
    private ILoopPlanner? _planner = plannerName == PlannerNames.None ? null : PlannerNames.Create(plannerName, spec);
    private long _sequence = 1_000;
    private double _lastSentSeconds = double.NegativeInfinity;
    private double _lastSentCelsius = double.NaN;

    public string PlannerName => plannerName;

    public List<RequestRecord> Requests { get; } = [];

    /// <summary>Silent (crashed, or past its stop time).</summary>
    public bool Crashed { get; private set; }

    /// <summary>The supervisor cannot reach the broker.</summary>
    public bool Disconnected { get; set; }

    /// <summary>Requests are sent but lost before the CDU.</summary>
    public bool RequestsLost { get; set; }

    /// <summary>Time of the last request whose setpoint differed from the one before, s.</summary>
    public double LastChangeSeconds { get; private set; } = double.NaN;

    public void Crash() => Crashed = true;

    /// <summary>A restart: a fresh planner (nothing remembered), sequence numbers keep rising.</summary>
    public void Restart()
    {
        Crashed = false;
        _planner = plannerName == PlannerNames.None ? null : PlannerNames.Create(plannerName, spec);
        _lastSentSeconds = double.NegativeInfinity;
    }

    /// <summary>One planning round at <paramref name="observation"/>'s time.</summary>
    public void Tick(LoopObservation observation)
    {
        if (_planner is null || Crashed || Disconnected) return;
        if (spec.StopAtSeconds is { } stop && observation.Seconds >= stop) return;
        var wanted = Math.Round(_planner.PlanSupplyTemperatureCelsius(observation), 2);
        var due = observation.Seconds - _lastSentSeconds >= spec.RenewalSeconds || !(Math.Abs(wanted - _lastSentCelsius) < 0.05);
        if (!due) return;
        if (!(Math.Abs(wanted - _lastSentCelsius) < 0.05) && !double.IsNaN(_lastSentCelsius)) LastChangeSeconds = observation.Seconds;
        _sequence++;
        _lastSentSeconds = observation.Seconds;
        _lastSentCelsius = wanted;
        var delivered = !RequestsLost;
        Requests.Add(new RequestRecord(_sequence, observation.Seconds, wanted, delivered));
        if (delivered)
        {
            deliver(System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $$"""{"v":1,"seq":{{_sequence}},"leaseSeconds":{{spec.LeaseSeconds}},"supplyTemperatureCelsius":{{wanted}}}""")));
        }
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
