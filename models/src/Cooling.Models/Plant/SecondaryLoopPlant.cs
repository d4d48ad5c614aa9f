using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// One CDU's secondary (TCS) loop as two well-mixed volumes joined by the racks and the heat exchanger:
///   C_s·dT_s/dt = ṁc·(T_r − T_s) − Q_hx        supply volume (heat-exchanger outlet → rack inlets)
///   C_r·dT_r/dt = ṁc·(T_s − T_r) + Q_IT        return volume (rack outlets → heat-exchanger inlet)
///   Q_hx = ε·C_min·(T_r − T_fws)              (ε-NTU counterflow)
/// with ṁc the secondary heat capacity rate. Stored heat changes only by Q_IT − Q_hx, so energy is conserved by
/// construction. Flow and ΔP come from the pumps' operating point on the system curve (<see cref="LoopHydraulics"/>);
/// closed isolation valves stop the flow. Explicit Euler at a fixed step; stable while the step is well below the
/// volumes' residence times (≈ 20 s here). The reservoir level, the leak zones and the filter's fouling are plant
/// state that tests and scenarios set.
/// </summary>
public sealed class SecondaryLoopPlant
{
    private const double IsolatedSystemFactor = 1e6;
    private readonly CounterflowHeatExchanger _heatExchanger;
    private readonly double _supplyCapacityJoulesPerKelvin;
    private readonly double _returnCapacityJoulesPerKelvin;
    private readonly double _systemCoefficient;
    private readonly double _filterCoefficient;

    public SecondaryLoopPlant(LoopDescription description, int seed = 1)
    {
        Description = description;
        Valve = new EqualPercentageValve(description.ValveStrokeTimeSeconds);
        _heatExchanger = new CounterflowHeatExchanger(description.HeatExchangerConductanceWattsPerKelvin);
        _supplyCapacityJoulesPerKelvin = description.Coolant.HeatCapacityJoulesPerKelvin(description.SupplyVolumeLiters);
        _returnCapacityJoulesPerKelvin = description.Coolant.HeatCapacityJoulesPerKelvin(description.ReturnVolumeLiters);
        var rated = description.PumpRatedFlowLitersPerMinute;
        _systemCoefficient = description.RatedDeltaPressureKpa / (rated * rated);
        _filterCoefficient = description.FilterCleanDeltaPressureKpa / (rated * rated);
        var curve = (description.PumpShutoffHeadKpa - description.RatedDeltaPressureKpa) / (rated * rated);
        Pumps = new CentrifugalPump[description.PumpCount];
        for (var i = 0; i < Pumps.Length; i++)
        {
            Pumps[i] = new CentrifugalPump(description.PumpShutoffHeadKpa, curve, accelerationPercentPerSecond: description.PumpAccelerationPercentPerSecond);
        }

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

    public CentrifugalPump[] Pumps { get; }

    public GpuRack[] Racks { get; }

    /// <summary>Secondary supply temperature at the rack inlets, °C.</summary>
    public double SupplyCelsius { get; private set; }

    /// <summary>Secondary return temperature at the heat-exchanger inlet, °C.</summary>
    public double ReturnCelsius { get; private set; }

    public double FacilitySupplyCelsius { get; set; }

    public double FacilityReturnCelsius { get; private set; }

    public double FlowLitersPerMinute { get; private set; }

    /// <summary>Secondary ΔP across the loop (pump head at the operating point), kPa.</summary>
    public double DeltaPressureKpa { get; private set; }

    /// <summary>ΔP across the secondary filter, kPa.</summary>
    public double FilterDeltaPressureKpa { get; private set; }

    /// <summary>Multiplies the loop's system-curve coefficient (rack valves closing, a clogged branch): 1 as designed.</summary>
    public double SystemResistanceFactor { get; set; } = 1;

    /// <summary>Filter fouling: 1 clean; the filter's ΔP scales with it.</summary>
    public double FilterFouling { get; set; } = 1;

    public double FacilityFlowLitersPerMinute { get; private set; }

    /// <summary>True while the secondary isolation valves are open.</summary>
    public bool IsolationOpen { get; private set; } = true;

    /// <summary>Reservoir (expansion tank) level, %.</summary>
    public double ReservoirLevelPercent { get; set; } = 80;

    /// <summary>Wetness of each leak detection zone, %.</summary>
    public double[] LeakZoneLevelPercent { get; } = new double[4];

    /// <summary>Heat from the racks into the liquid in the last step, W.</summary>
    public double ItHeatWatts { get; private set; }

    /// <summary>Heat rejected to facility water in the last step, W.</summary>
    public double HeatExchangerWatts { get; private set; }

    /// <summary>Electric power of all pumps in the last step, W.</summary>
    public double PumpPowerWatts { get; private set; }

    /// <summary>Heat stored in the loop relative to 0 °C, J.</summary>
    public double StoredHeatJoules => _supplyCapacityJoulesPerKelvin * SupplyCelsius + _returnCapacityJoulesPerKelvin * ReturnCelsius;

    /// <summary>Advances the plant with pump 1 alone at <paramref name="pumpSpeedPercent"/> (tests of the thermal model).</summary>
    public void Step(double valveCommandPercent, double pumpSpeedPercent, bool pumpRunning, double stepSeconds)
    {
        for (var i = 0; i < Pumps.Length; i++)
        {
            Pumps[i].Step(i == 0 && pumpRunning, pumpSpeedPercent, stepSeconds);
        }

        StepLoop(valveCommandPercent, true, stepSeconds);
    }

    /// <summary>Advances the plant by <paramref name="stepSeconds"/> under the controller's commands.</summary>
    public void Step(double valveCommandPercent, bool[] pumpRun, double[] pumpSpeedPercent, bool isolationOpen, double stepSeconds)
    {
        for (var i = 0; i < Pumps.Length; i++)
        {
            Pumps[i].Step(pumpRun[i], pumpSpeedPercent[i], stepSeconds);
        }

        StepLoop(valveCommandPercent, isolationOpen, stepSeconds);
    }

    private void StepLoop(double valveCommandPercent, bool isolationOpen, double stepSeconds)
    {
        var d = Description;
        IsolationOpen = isolationOpen;
        Valve.Step(valveCommandPercent, stepSeconds);
        var system = _systemCoefficient * SystemResistanceFactor * (isolationOpen ? 1 : IsolatedSystemFactor);
        FlowLitersPerMinute = LoopHydraulics.Solve(Pumps, system, out var head);
        DeltaPressureKpa = head;
        FilterDeltaPressureKpa = _filterCoefficient * FilterFouling * FlowLitersPerMinute * FlowLitersPerMinute;
        var pumpPower = 0.0;
        foreach (var p in Pumps)
        {
            p.PowerWatts = p.FlowLitersPerMinute / 60000.0 * head * 1000 / p.Efficiency;
            pumpPower += p.PowerWatts;
        }

        PumpPowerWatts = pumpPower;
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
