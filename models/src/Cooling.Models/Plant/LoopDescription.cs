using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// Ratings of one CDU loop: its pumps, valve, heat exchanger, pipes, hold-up volumes, reservoir and racks. Defaults
/// size a ≈ 500 kW loop of four 126 kW racks at ≈ 1.4 L/min per kW (Vertiv 360AI reference: 1.35 L/min/kW), with
/// 24 °C facility water and a heat exchanger that gives ≈ 3 K approach at full load (Project Deschutes: 3 °C approach; docs/physics-sources.md#cdus). In description
/// files each property is a field of the "loop" object, named in camelCase (models/README.md).
/// </summary>
public sealed record LoopDescription
{
    /// <summary>Secondary coolant ("water" or "PG25" in files).</summary>
    public Coolant.Coolant Coolant { get; init; } = Models.Coolant.Coolant.PropyleneGlycol25;

    /// <summary>Racks on this loop (1 … 64).</summary>
    public int RackCount { get; init; } = 4;

    public GpuRackDescription Rack { get; init; } = new();

    /// <summary>Secondary flow of one pump at 100 % speed on the loop's system curve, L/min (its best-efficiency point).</summary>
    public double PumpRatedFlowLitersPerMinute { get; init; } = 800;

    /// <summary>Secondary ΔP at rated flow, kPa: the whole loop (pipes, heat exchanger, clean filter, rack branches) is ΔP = K·Q² with K = this / rated flow².</summary>
    public double RatedDeltaPressureKpa { get; init; } = 150;

    /// <summary>Pumps in parallel (N+1), identical.</summary>
    public int PumpCount { get; init; } = 2;

    /// <summary>Pump shutoff head at 100 % speed, kPa (with the rated point it fixes the pump curve).</summary>
    public double PumpShutoffHeadKpa { get; init; } = 250;

    /// <summary>Pump wire-to-water efficiency at its best-efficiency point, % (Modelica Buildings CDU default: 70 %).</summary>
    public double PumpEfficiencyPercent { get; init; } = 70;

    /// <summary>Pump drive acceleration, % of rated speed per second.</summary>
    public double PumpAccelerationPercentPerSecond { get; init; } = 50;

    /// <summary>Time constant of a pump coasting down after a stop or trip, s.</summary>
    public double PumpCoastDownSeconds { get; init; } = 1.5;

    /// <summary>Filter ΔP at rated flow when clean, kPa (ΔP ∝ Q²); part of <see cref="RatedDeltaPressureKpa"/>.</summary>
    public double FilterCleanDeltaPressureKpa { get; init; } = 20;

    /// <summary>ΔP across one rack branch (rack valve, manifold, cold plates) at its share of rated flow, kPa; part of <see cref="RatedDeltaPressureKpa"/>.</summary>
    public double RackBranchDeltaPressureKpa { get; init; } = 60;

    /// <summary>Facility valve full stroke, s.</summary>
    public double ValveStrokeTimeSeconds { get; init; } = 120;

    /// <summary>Facility valve rangeability R of the equal-percentage characteristic (Kvs/Kv at the smallest controllable opening).</summary>
    public double ValveRangeability { get; init; } = 50;

    /// <summary>Facility water flow with the valve fully open, L/min.</summary>
    public double FacilityMaximumFlowLitersPerMinute { get; init; } = 900;

    /// <summary>Facility water supply temperature, °C (the mean of a daily profile, the start of a ramp).</summary>
    public double FacilitySupplyCelsius { get; init; } = 24;

    /// <summary>How the facility water supply temperature moves over plant time; null: constant at <see cref="FacilitySupplyCelsius"/>.</summary>
    public FacilityWaterProfile? FacilitySupplyProfile { get; init; }

    /// <summary>Heat-exchanger conductance UA, W/K.</summary>
    public double HeatExchangerConductanceWattsPerKelvin { get; init; } = 120_000;

    /// <summary>Well-mixed secondary volume from the heat-exchanger outlet past the CDU's supply sensors, L.</summary>
    public double SupplyVolumeLiters { get; init; } = 300;

    /// <summary>Supply pipe from the CDU to the rack manifold (plug flow), L.</summary>
    public double SupplyPipeVolumeLiters { get; init; } = 120;

    /// <summary>Return pipe from the rack manifold back to the CDU (plug flow), L.</summary>
    public double ReturnPipeVolumeLiters { get; init; } = 120;

    /// <summary>Well-mixed secondary volume from the CDU's return inlet (with the reservoir) to the heat-exchanger inlet, L.</summary>
    public double ReturnVolumeLiters { get; init; } = 300;

    /// <summary>Reservoir (expansion tank) capacity, L.</summary>
    public double ReservoirCapacityLiters { get; init; } = 60;

    /// <summary>Reservoir level at fill (at <see cref="InitialCelsius"/>), %.</summary>
    public double ReservoirInitialLevelPercent { get; init; } = 80;

    /// <summary>Uniform coolant temperature at the start, °C.</summary>
    public double InitialCelsius { get; init; } = 27;

    /// <summary>Air temperature at the CDU, °C.</summary>
    public double AmbientCelsius { get; init; } = 24;

    /// <summary>Relative humidity of the air at the CDU, %.</summary>
    public double AmbientRelativeHumidityPercent { get; init; } = 45;
}
