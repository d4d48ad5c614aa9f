namespace Cooling.Supervisor;

/// <summary>The supervisor's settings. Defaults run a hall on the embedded broker with the fixed planner.</summary>
public sealed record SupervisorOptions
{
    /// <summary>Client id on the broker.</summary>
    public string ClientId { get; init; } = Cooling.Mqtt.Connection.MqttSessionOptions.UniqueClientId("supervisor");

    /// <summary>
    /// The sites whose topics the supervisor reads; empty: every site (<c>cooling/v1/+/…</c>). A broker that enforces
    /// identities lets the supervisor subscribe to its own sites only (docs/security.md).
    /// </summary>
    public IReadOnlyList<string> SiteIds { get; init; } = [];

    /// <summary>Supply temperature the fixed planner requests, °C.</summary>
    public double FixedSupplyTemperatureCelsius { get; init; } = 30.0;

    /// <summary>Lease carried by every request, s. The CDU falls back to local setpoints when it ends unrenewed.</summary>
    public int LeaseSeconds { get; init; } = 30;

    /// <summary>A request is renewed this long after the last one, s (well inside the lease).</summary>
    public int RenewalSeconds { get; init; } = 10;

    /// <summary>A request without an acknowledgement after this long raises an alarm, s.</summary>
    public int AcknowledgementTimeoutSeconds { get; init; } = 5;

    /// <summary>A CDU without telemetry for this long is silent (an alarm), s.</summary>
    public int SilenceSeconds { get; init; } = 10;

    /// <summary>Rack id → CDU id for racks that do not follow the "{cduId}-rNN" naming convention.</summary>
    public IReadOnlyDictionary<string, string> RackAssignments { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Rack telemetry older than this is left out of a loop's observation, s.</summary>
    public int RackTelemetryMaximumAgeSeconds { get; init; } = 10;

    /// <summary>
    /// How often a planning round runs, s: it plans each loop whose CDU or rack telemetry is new since its last
    /// planning, so a decision follows telemetry within this period (docs/planner.md, "When a loop is planned").
    /// </summary>
    public double PlanningPeriodSeconds { get; init; } = 0.2;

    /// <summary>A loop with no new telemetry is planned again after this long, s (time-driven steps, lease renewal).</summary>
    public double ReplanSeconds { get; init; } = 1.0;

    /// <summary>
    /// A request that only relaxes the setpoints (warmer supply, lower ΔP: less cooling, never urgent) goes out at most
    /// this often, s; requests for more cooling go out at once.
    /// </summary>
    public double RelaxingRequestSeconds { get; init; } = 1.0;

    /// <summary>How CDU and rack telemetry is judged against physics before the planner plans on it.</summary>
    public Plausibility.PlausibilityOptions Plausibility { get; init; } = new();

    /// <summary>Queues and workers of the ingestion path.</summary>
    public Ingestion.IngestionOptions Ingestion { get; init; } = new();

    /// <summary>Checks the settings; the message says what to change.</summary>
    public void Validate()
    {
        if (LeaseSeconds is < 5 or > 600) throw new ArgumentException("LeaseSeconds must be 5 … 600 (the firmware's allowed range).");
        if (RenewalSeconds < 1 || RenewalSeconds * 2 > LeaseSeconds) throw new ArgumentException("RenewalSeconds must be at least 1 and at most half of LeaseSeconds, so that one lost renewal does not end a lease.");
        if (AcknowledgementTimeoutSeconds < 1) throw new ArgumentException("AcknowledgementTimeoutSeconds must be at least 1.");
        if (SilenceSeconds < 2) throw new ArgumentException("SilenceSeconds must be at least 2 (two telemetry periods).");
        if (RackTelemetryMaximumAgeSeconds < 1) throw new ArgumentException("RackTelemetryMaximumAgeSeconds must be at least 1.");
        if (FixedSupplyTemperatureCelsius is < 5 or > 60) throw new ArgumentException("FixedSupplyTemperatureCelsius must be 5 … 60 °C.");
        if (PlanningPeriodSeconds is <= 0 or > 60) throw new ArgumentException("PlanningPeriodSeconds must be above 0 and at most 60.");
        if (ReplanSeconds < PlanningPeriodSeconds || ReplanSeconds > RenewalSeconds)
            throw new ArgumentException("ReplanSeconds must be at least PlanningPeriodSeconds and at most RenewalSeconds (a renewal is decided when a loop is planned).");
        if (RelaxingRequestSeconds < 0 || RelaxingRequestSeconds > RenewalSeconds) throw new ArgumentException("RelaxingRequestSeconds must be 0 … RenewalSeconds.");
        Ingestion.Validate();
        if (Plausibility.Validate("Plausibility") is [var plausibility, ..]) throw new ArgumentException(plausibility);
        if (SiteIds.Any(site => !Contract.TopicAddress.IsValidId(site))) throw new ArgumentException("SiteIds must each be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
        if (!Contract.TopicAddress.IsValidId(ClientId)) throw new ArgumentException("ClientId must be 1 … 32 characters of a-z, 0-9, '-' or '_'.");
    }
}
