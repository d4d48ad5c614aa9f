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

    /// <summary>Secondary flow of one pump at 100 % speed on the loop's system curve, L/min.</summary>
    public double PumpRatedFlowLitersPerMinute { get; init; } = 800;

    /// <summary>Secondary ΔP at rated flow, kPa: the system curve is ΔP = K·Q² with K = this / rated flow².</summary>
    public double RatedDeltaPressureKpa { get; init; } = 150;

    /// <summary>Pumps in parallel (N+1), identical.</summary>
    public int PumpCount { get; init; } = 2;

    /// <summary>Pump shutoff head at 100 % speed, kPa (with the rated point it fixes the pump curve).</summary>
    public double PumpShutoffHeadKpa { get; init; } = 250;

    /// <summary>Pump drive acceleration, % of rated speed per second.</summary>
    public double PumpAccelerationPercentPerSecond { get; init; } = 50;

    /// <summary>Filter ΔP at rated flow when clean, kPa (ΔP ∝ Q²).</summary>
    public double FilterCleanDeltaPressureKpa { get; init; } = 20;

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
