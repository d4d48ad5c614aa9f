using Cooling.Models.Components;
using Cooling.Models.Energy;
using Cooling.Models.Identification;

namespace Cooling.Supervisor.Planning;

/// <summary>Settings of <see cref="ModelBasedPlanner"/>.</summary>
public sealed record ModelBasedPlannerOptions
{
    /// <summary>When a rack's reduced model is trusted; below it the loop falls back to trim and respond.</summary>
    public ConfidenceCriteria Confidence { get; init; } = new();

    /// <summary>RLS forgetting factor λ of the rack models (memory ≈ 1/(1 − λ) samples).</summary>
    public double ForgettingFactor { get; init; } = 0.998;

    /// <summary>Rack telemetry period, s: the models' sample period.</summary>
    public double RackSamplePeriodSeconds { get; init; } = 1.0;

    /// <summary>Exponent n of the cold plates' flow law R ∝ q^(−n) (known; OCP 1 kW OAM plate: 0.38).</summary>
    public double FlowExponent { get; init; } = ColdPlate.FlowExponent;

    /// <summary>
    /// Power per GPU that every GPU of the loop may draw at any moment, W (a synchronized training step goes from
    /// idle to full in milliseconds — faster than any loop can react). The supply and flow are chosen so that the
    /// hottest GPU stays below the aim even then. Default: a GB300-class GPU, 1.4 kW; the highest GPU power seen
    /// counts when it is higher.
    /// </summary>
    public double DesignGpuPowerWatts { get; init; } = 1400;

    /// <summary>Largest coolant temperature rise across a rack at the present load, K: sets the transport flow Q = P/(c·ΔT) (OCP: ≈ 10 K typical).</summary>
    public double MaximumRackTemperatureRiseKelvin { get; init; } = 15;

    /// <summary>Volumetric heat capacity of the secondary coolant, J/(L·K) (PG25 ≈ 3950 J/(kg·K) × 1.013 kg/L).</summary>
    public double CoolantHeatCapacityJoulesPerLiterKelvin { get; init; } = 4000;

    /// <summary>A loop IT load rising by more than this fraction of its design load within the rise window triggers feedforward.</summary>
    public double PowerRiseFraction { get; init; } = 0.05;

    /// <summary>After a rise the supply is not warmed and the ΔP not lowered for this long, s.</summary>
    public double FeedforwardHoldSeconds { get; init; } = 120;

    /// <summary>Resolution of the supply-temperature search, K.</summary>
    public double SupplySearchStepKelvin { get; init; } = 0.1;

    /// <summary>Wire-to-water efficiency of the loop's pumps, for the pump-power estimate (Modelica Buildings CDU: 0.7).</summary>
    public double PumpEfficiency { get; init; } = 0.7;

    /// <summary>The facility side's electric power proxy the planner minimises with the pump power.</summary>
    public FacilityEnergyProxy Facility { get; init; } = new();

    /// <summary>Checks the settings; the message says what to change.</summary>
    public void Validate()
    {
        if (ForgettingFactor is < 0.9 or > 1) throw new ArgumentException("ModelBasedPlannerOptions: ForgettingFactor must be 0.9 … 1.");
        if (RackSamplePeriodSeconds <= 0 || FlowExponent <= 0) throw new ArgumentException("ModelBasedPlannerOptions: RackSamplePeriodSeconds and FlowExponent must be positive.");
        if (DesignGpuPowerWatts <= 0 || MaximumRackTemperatureRiseKelvin <= 0 || CoolantHeatCapacityJoulesPerLiterKelvin <= 0) throw new ArgumentException("ModelBasedPlannerOptions: DesignGpuPowerWatts, MaximumRackTemperatureRiseKelvin and CoolantHeatCapacityJoulesPerLiterKelvin must be positive.");
        if (PowerRiseFraction <= 0 || FeedforwardHoldSeconds < 0 || SupplySearchStepKelvin <= 0 || PumpEfficiency is <= 0 or > 1) throw new ArgumentException("ModelBasedPlannerOptions: PowerRiseFraction and SupplySearchStepKelvin must be positive, FeedforwardHoldSeconds not negative, PumpEfficiency 0 … 1.");
        ArgumentNullException.ThrowIfNull(Confidence);
        ArgumentNullException.ThrowIfNull(Facility);
    }
}
