using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// Ratings of one CDU loop: its pump, valve, heat exchanger, hold-up volumes and racks. Defaults size a
/// ≈ 500 kW loop of four 126 kW racks at ≈ 1.4 L/min per kW (Vertiv 360AI reference: 1.35 L/min/kW), with
/// 24 °C facility water and a heat exchanger that gives ≈ 3 K approach at full load (DESIGN §5).
/// </summary>
public sealed record LoopDescription
{
    /// <summary>Secondary coolant.</summary>
    public Coolant.Coolant Coolant { get; init; } = Models.Coolant.Coolant.PropyleneGlycol25;

    /// <summary>Racks on this loop (1 … 64).</summary>
    public int RackCount { get; init; } = 4;

    public GpuRackDescription Rack { get; init; } = new();

    /// <summary>Secondary flow at 100 % pump speed on the loop's design system curve, L/min. Flow ∝ speed (affinity law).</summary>
    public double PumpRatedFlowLitersPerMinute { get; init; } = 800;

    /// <summary>Secondary ΔP at rated flow, kPa; ΔP ∝ flow² on a fixed system curve.</summary>
    public double RatedDeltaPressureKpa { get; init; } = 150;

    /// <summary>Facility valve full stroke, s.</summary>
    public double ValveStrokeTimeSeconds { get; init; } = 120;

    /// <summary>Facility water flow with the valve fully open, L/min.</summary>
    public double FacilityMaximumFlowLitersPerMinute { get; init; } = 900;

    /// <summary>Facility water supply temperature, °C.</summary>
    public double FacilitySupplyCelsius { get; init; } = 24;

    /// <summary>Heat-exchanger conductance UA, W/K.</summary>
    public double HeatExchangerConductanceWattsPerKelvin { get; init; } = 120_000;

    /// <summary>Secondary volume between heat-exchanger outlet and rack inlets, L.</summary>
    public double SupplyVolumeLiters { get; init; } = 300;

    /// <summary>Secondary volume between rack outlets and heat-exchanger inlet (manifolds, reservoir), L.</summary>
    public double ReturnVolumeLiters { get; init; } = 300;

    /// <summary>Uniform coolant temperature at the start, °C.</summary>
    public double InitialCelsius { get; init; } = 27;
}
