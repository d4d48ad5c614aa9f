using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// One CDU's secondary (TCS) loop as two well-mixed volumes joined by the racks and the heat exchanger:
///   C_s·dT_s/dt = ṁc·(T_hx,out − T_s)         supply volume (heat-exchanger outlet → rack inlets)
///   C_r·dT_r/dt = ṁc·(T_s − T_r) + Q_IT       return volume (rack outlets → heat-exchanger inlet)
///   T_hx,out = T_r − Q_hx/ṁc,  Q_hx = ε·C_min·(T_r − T_fws)   (ε-NTU counterflow)
/// with ṁc the secondary heat capacity rate. Stored heat changes only by Q_IT − Q_hx, so energy is conserved
/// by construction. Flow ∝ pump speed and ΔP ∝ flow² (affinity laws on a fixed system curve). Explicit Euler
/// at a fixed step; stable while the step is well below the volumes' residence times (≈ 20 s here).
/// </summary>
public sealed class SecondaryLoopPlant
{
    private readonly CounterflowHeatExchanger _heatExchanger;
    private readonly double _supplyCapacityJoulesPerKelvin;
    private readonly double _returnCapacityJoulesPerKelvin;

    public SecondaryLoopPlant(LoopDescription description, int seed = 1)
    {
        Description = description;
        Valve = new EqualPercentageValve(description.ValveStrokeTimeSeconds);
        _heatExchanger = new CounterflowHeatExchanger(description.HeatExchangerConductanceWattsPerKelvin);
        _supplyCapacityJoulesPerKelvin = description.Coolant.HeatCapacityJoulesPerKelvin(description.SupplyVolumeLiters);
        _returnCapacityJoulesPerKelvin = description.Coolant.HeatCapacityJoulesPerKelvin(description.ReturnVolumeLiters);
        SupplyCelsius = description.InitialCelsius;
        ReturnCelsius = description.InitialCelsius;
        FacilitySupplyCelsius = description.FacilitySupplyCelsius;
        FacilityReturnCelsius = description.FacilitySupplyCelsius;
        Racks = new GpuRack[description.RackCount];
        for (var i = 0; i < Racks.Length; i++)
        {
            Racks[i] = new GpuRack($"r{i + 1:D2}", description.Rack, seed * 1000 + i, description.InitialCelsius);
        }
    }

    public LoopDescription Description { get; }

    public EqualPercentageValve Valve { get; }

    public GpuRack[] Racks { get; }

    /// <summary>Secondary supply temperature at the rack inlets, °C.</summary>
    public double SupplyCelsius { get; private set; }

    /// <summary>Secondary return temperature at the heat-exchanger inlet, °C.</summary>
    public double ReturnCelsius { get; private set; }

    public double FacilitySupplyCelsius { get; set; }

    public double FacilityReturnCelsius { get; private set; }

    public double FlowLitersPerMinute { get; private set; }

    public double DeltaPressureKpa { get; private set; }

    public double FacilityFlowLitersPerMinute { get; private set; }

    /// <summary>Heat from the racks into the liquid in the last step, W.</summary>
    public double ItHeatWatts { get; private set; }

    /// <summary>Heat rejected to facility water in the last step, W.</summary>
    public double HeatExchangerWatts { get; private set; }

    /// <summary>Heat stored in the loop relative to 0 °C, J.</summary>
    public double StoredHeatJoules => _supplyCapacityJoulesPerKelvin * SupplyCelsius + _returnCapacityJoulesPerKelvin * ReturnCelsius;

    /// <summary>Advances the plant by <paramref name="stepSeconds"/> under the given actuator commands.</summary>
    public void Step(double valveCommandPercent, double pumpSpeedPercent, bool pumpRunning, double stepSeconds)
    {
        var d = Description;
        Valve.Step(valveCommandPercent, stepSeconds);
        var speed = pumpRunning ? Math.Clamp(pumpSpeedPercent, 0, 100) / 100.0 : 0;
        FlowLitersPerMinute = d.PumpRatedFlowLitersPerMinute * speed;
        DeltaPressureKpa = d.RatedDeltaPressureKpa * speed * speed;
        FacilityFlowLitersPerMinute = d.FacilityMaximumFlowLitersPerMinute * Valve.RelativeFlowCoefficient;

        var rackFlow = FlowLitersPerMinute / Racks.Length;
        var itHeat = 0.0;
        foreach (var rack in Racks)
        {
            itHeat += rack.Step(SupplyCelsius, rackFlow, stepSeconds);
        }

        var secondaryRate = d.Coolant.HeatCapacityRateWattsPerKelvin(FlowLitersPerMinute);
        var facilityRate = Coolant.Coolant.Water.HeatCapacityRateWattsPerKelvin(FacilityFlowLitersPerMinute);
        var heatExchanger = _heatExchanger.HeatFlowWatts(ReturnCelsius, secondaryRate, FacilitySupplyCelsius, facilityRate);

        var supplyChange = (secondaryRate * (ReturnCelsius - SupplyCelsius) - heatExchanger) / _supplyCapacityJoulesPerKelvin;
        var returnChange = (secondaryRate * (SupplyCelsius - ReturnCelsius) + itHeat) / _returnCapacityJoulesPerKelvin;
        SupplyCelsius += supplyChange * stepSeconds;
        ReturnCelsius += returnChange * stepSeconds;

        ItHeatWatts = itHeat;
        HeatExchangerWatts = heatExchanger;
        FacilityReturnCelsius = facilityRate > 0 ? FacilitySupplyCelsius + heatExchanger / facilityRate : FacilitySupplyCelsius;
    }
}
