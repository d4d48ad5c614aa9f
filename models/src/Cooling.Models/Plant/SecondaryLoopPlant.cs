using Cooling.Models.Components;

namespace Cooling.Models.Plant;

/// <summary>
/// One CDU's secondary (TCS) loop, in flow order: heat-exchanger outlet → mixed supply volume (the CDU's supply
/// sensors) → supply pipe (plug flow) → rack manifold → rack branches in parallel → return pipe (plug flow) → mixed
/// return volume with the reservoir (the return sensor) → pumps → heat exchanger:
///   Q_hx = ε·C_min·(T_r − T_fws)                          counterflow ε-NTU (<see cref="CounterflowHeatExchanger"/>)
///   C_s·dT_s/dt = ṁc·(T_hx,out − T_s)                     supply volume, exact step (<see cref="MixingVolume"/>)
///   T_rack,in(t) = T̄_s(t − V_sp/V̇)                        supply pipe (<see cref="PlugFlowPipe"/>)
///   T_rack,out = T_rack,in + Q_IT/ṁc                       racks (<see cref="GpuRack"/>)
///   C_r·dT_r/dt = ṁc·(T_rp,out − T_r) + P_hyd               return volume, explicit step; P_hyd = Σ V̇·Δp of the pumps
/// with ṁc = ρ(T)·cp(T)·V̇ and the coolant's properties taken once per step at the loop's mean temperature. Each part
/// passes on exactly the heat it did not keep, so over any run Σ(Q_IT + P_hyd − Q_hx)·Δt equals the change of
/// <see cref="StoredHeatJoules"/> up to the drift of ρ·cp with temperature. Flow and ΔP come from the pumps'
/// operating point on the loop's system curve (<see cref="LoopHydraulics"/>, <see cref="RackManifold"/>), scaled by
/// (μ(T)/μ(30 °C))^0.25 (Blasius friction in turbulent flow, an assumption for the whole loop). The step is fixed;
/// when ṁc·Δt/C_r exceeds 0.5 the thermal part is split into sub-steps so the explicit return volume stays stable.
/// </summary>
public sealed class SecondaryLoopPlant
{
    /// <summary>Temperature at which the loop's pressure ratings hold, °C.</summary>
    public const double HydraulicDesignCelsius = 30;

    private const double IsolatedSystemFactor = 1e6;
    private readonly CounterflowHeatExchanger _heatExchanger;
    private readonly double _fixedCoefficient;
    private readonly double _filterCoefficient;
    private readonly double _designViscosity;
    private readonly double _ratedHeatCapacityRate;

    /// <summary>The id of the rack at <paramref name="index"/> (0-based) on a loop: r01, r02, ….</summary>
    public static string RackId(int index) => $"r{index + 1:D2}";

    public SecondaryLoopPlant(LoopDescription description, int seed = 1)
    {
        Description = description;
        Valve = new EqualPercentageValve(description.ValveStrokeTimeSeconds, description.ValveRangeability);
        _heatExchanger = new CounterflowHeatExchanger(description.HeatExchangerConductanceWattsPerKelvin);
        var rated = description.PumpRatedFlowLitersPerMinute;
        var ratedSquared = rated * rated;
        _filterCoefficient = description.FilterCleanDeltaPressureKpa / ratedSquared;
        _fixedCoefficient = Math.Max(description.RatedDeltaPressureKpa - description.FilterCleanDeltaPressureKpa - description.RackBranchDeltaPressureKpa, 0) / ratedSquared;
        var branchFlow = rated / description.RackCount;
        Manifold = new RackManifold(description.RackCount, description.RackBranchDeltaPressureKpa / (branchFlow * branchFlow));
        var curve = (description.PumpShutoffHeadKpa - description.RatedDeltaPressureKpa) / ratedSquared;
        Pumps = new CentrifugalPump[description.PumpCount];
        for (var i = 0; i < Pumps.Length; i++)
        {
            Pumps[i] = new CentrifugalPump(description.PumpShutoffHeadKpa, curve, description.PumpEfficiencyPercent / 100,
                description.PumpAccelerationPercentPerSecond, description.PumpCoastDownSeconds, rated);
        }

        var coolant = description.Coolant;
        var initial = description.InitialCelsius;
        _designViscosity = coolant.DynamicViscosityPascalSeconds(HydraulicDesignCelsius);
        _ratedHeatCapacityRate = coolant.HeatCapacityRateWattsPerKelvin(rated);
        SupplyVolume = new MixingVolume(description.SupplyVolumeLiters, initial);
        ReturnVolume = new MixingVolume(description.ReturnVolumeLiters, initial);
        SupplyPipe = new PlugFlowPipe(description.SupplyPipeVolumeLiters, initial);
        ReturnPipe = new PlugFlowPipe(description.ReturnPipeVolumeLiters, initial);
        var loopLiters = description.SupplyVolumeLiters + description.SupplyPipeVolumeLiters + description.ReturnPipeVolumeLiters + description.ReturnVolumeLiters;
        Reservoir = new Reservoir(description.ReservoirCapacityLiters, description.ReservoirInitialLevelPercent, loopLiters, coolant.DensityKilogramsPerCubicMeter(initial));
        Ambient = new AmbientAir(description.AmbientCelsius, description.AmbientRelativeHumidityPercent);
        FacilitySupplyCelsius = description.FacilitySupplyProfile?.TemperatureCelsius(description.FacilitySupplyCelsius, TimeSpan.Zero) ?? description.FacilitySupplyCelsius;
        FacilityReturnCelsius = FacilitySupplyCelsius;
        RackInletCelsius = initial;
        RackReturnCelsius = initial;
        UpdateProperties();
        Racks = new GpuRack[description.RackCount];
        for (var i = 0; i < Racks.Length; i++)
        {
            Racks[i] = new GpuRack(RackId(i), description.Rack, seed * 1000 + i, initial);
        }
    }

    public LoopDescription Description { get; }

    public EqualPercentageValve Valve { get; }

    public CentrifugalPump[] Pumps { get; }

    public GpuRack[] Racks { get; }

    /// <summary>The rack branches; set a branch's resistance (a throttled or clogged branch) or close it here.</summary>
    public RackManifold Manifold { get; }

    public MixingVolume SupplyVolume { get; }

    public MixingVolume ReturnVolume { get; }

    public PlugFlowPipe SupplyPipe { get; }

    public PlugFlowPipe ReturnPipe { get; }

    public Reservoir Reservoir { get; }

    public LeakZones Leaks { get; } = new();

    /// <summary>Air at the CDU (temperature, humidity, dew point).</summary>
    public AmbientAir Ambient { get; }

    /// <summary>Plant time simulated so far.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds(ElapsedSeconds);

    public double ElapsedSeconds { get; private set; }

    /// <summary>Secondary supply temperature leaving the CDU (at its supply sensors), °C.</summary>
    public double SupplyCelsius => SupplyVolume.TemperatureCelsius;

    /// <summary>Secondary return temperature at the heat-exchanger inlet (at the CDU's return sensor), °C.</summary>
    public double ReturnCelsius => ReturnVolume.TemperatureCelsius;

    /// <summary>Coolant temperature at the rack inlets (the supply, one pipe delay later), °C.</summary>
    public double RackInletCelsius { get; private set; }

    /// <summary>Mixed coolant temperature of the rack outlets, °C.</summary>
    public double RackReturnCelsius { get; private set; }

    /// <summary>Facility water supply temperature, °C (follows the description's profile when it has one).</summary>
    public double FacilitySupplyCelsius { get; set; }

    public double FacilityReturnCelsius { get; private set; }

    public double FlowLitersPerMinute { get; private set; }

    /// <summary>Secondary ΔP across the loop (pump head at the operating point), kPa.</summary>
    public double DeltaPressureKpa { get; private set; }

    /// <summary>ΔP across the rack branches (supply to return header), kPa.</summary>
    public double ManifoldDeltaPressureKpa { get; private set; }

    /// <summary>ΔP across the secondary filter, kPa.</summary>
    public double FilterDeltaPressureKpa { get; private set; }

    /// <summary>Multiplies the whole loop's resistance (a closed manual valve: 1e6): 1 as designed.</summary>
    public double SystemResistanceFactor { get; set; } = 1;

    /// <summary>Filter fouling: 1 clean; the filter's resistance scales with it.</summary>
    public double FilterFouling { get; set; } = 1;

    /// <summary>The loop's resistance K in the last step (ΔP = K·Q²), kPa/(L/min)².</summary>
    public double SystemCoefficientKpaPerLpmSquared { get; private set; }

    /// <summary>(μ(T)/μ(30 °C))^0.25 in the last step: how the coolant's viscosity scales the loop's resistance.</summary>
    public double ViscosityFactor { get; private set; } = 1;

    public double FacilityFlowLitersPerMinute { get; private set; }

    /// <summary>True while the secondary isolation valves are open.</summary>
    public bool IsolationOpen { get; private set; } = true;

    /// <summary>Reservoir (expansion tank) level, % (a test or scenario may set it).</summary>
    public double ReservoirLevelPercent
    {
        get => Reservoir.LevelPercent;
        set => Reservoir.LevelPercent = value;
    }

    /// <summary>Wetness of each leak detection zone, % (<see cref="Leaks"/>; tests may write it).</summary>
    public double[] LeakZoneLevelPercent => Leaks.LevelPercent;

    /// <summary>Heat from the racks into the liquid in the last step, W.</summary>
    public double ItHeatWatts { get; private set; }

    /// <summary>Heat rejected to facility water in the last step, W.</summary>
    public double HeatExchangerWatts { get; private set; }

    /// <summary>Heat-exchanger effectiveness ε in the last step (0 … 1).</summary>
    public double HeatExchangerEffectiveness { get; private set; }

    /// <summary>Electric power of all pumps in the last step, W.</summary>
    public double PumpPowerWatts { get; private set; }

    /// <summary>Pump work given to the coolant (Σ V̇·Δp) in the last step, W: it ends as heat in the loop.</summary>
    public double PumpHeatWatts { get; private set; }

    /// <summary>ρ·cp of the coolant in the last step, J/(L·K).</summary>
    public double VolumetricHeatCapacityJoulesPerLiterKelvin { get; private set; }

    /// <summary>Heat stored in the loop's coolant relative to 0 °C (volumes and pipes), J.</summary>
    public double StoredHeatJoules => VolumetricHeatCapacityJoulesPerLiterKelvin * (
        SupplyVolume.VolumeLiters * SupplyCelsius + ReturnVolume.VolumeLiters * ReturnCelsius
        + SupplyPipe.VolumeTemperatureSumLiterKelvin + ReturnPipe.VolumeTemperatureSumLiterKelvin);

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
        if (d.FacilitySupplyProfile is { } profile) FacilitySupplyCelsius = profile.TemperatureCelsius(d.FacilitySupplyCelsius, Elapsed);
        IsolationOpen = isolationOpen;
        Valve.Step(valveCommandPercent, stepSeconds);
        UpdateProperties();
        SolveHydraulics(isolationOpen);
        FacilityFlowLitersPerMinute = d.FacilityMaximumFlowLitersPerMinute * Valve.RelativeFlowCoefficient;

        var secondaryRate = FlowLitersPerMinute / 60.0 * VolumetricHeatCapacityJoulesPerLiterKelvin;
        var ratio = secondaryRate * stepSeconds / (VolumetricHeatCapacityJoulesPerLiterKelvin * ReturnVolume.VolumeLiters);
        var subSteps = ratio > 0.5 ? (int)Math.Ceiling(ratio / 0.5) : 1;
        double it = 0, rejected = 0;
        for (var k = 0; k < subSteps; k++)
        {
            StepThermal(stepSeconds / subSteps, secondaryRate);
            it += ItHeatWatts;
            rejected += HeatExchangerWatts;
        }

        ItHeatWatts = it / subSteps;
        HeatExchangerWatts = rejected / subSteps;
        var spilled = Leaks.Step(stepSeconds);
        Reservoir.Step(Description.Coolant.DensityKilogramsPerCubicMeter(MeanCelsius), spilled);
        ElapsedSeconds += stepSeconds;
    }

    private double MeanCelsius => (SupplyCelsius + ReturnCelsius) / 2;

    private void UpdateProperties()
    {
        var coolant = Description.Coolant;
        var mean = Math.Clamp(MeanCelsius, coolant.MinimumCelsius, coolant.MaximumCelsius);
        VolumetricHeatCapacityJoulesPerLiterKelvin = coolant.VolumetricHeatCapacityJoulesPerLiterKelvin(mean);
        ViscosityFactor = Math.Pow(coolant.DynamicViscosityPascalSeconds(mean) / _designViscosity, 0.25);
    }

    private void SolveHydraulics(bool isolationOpen)
    {
        var branches = Manifold.EquivalentResistanceKpaPerLpmSquared;
        var scale = ViscosityFactor * SystemResistanceFactor * (isolationOpen ? 1 : IsolatedSystemFactor);
        var filter = _filterCoefficient * FilterFouling;
        SystemCoefficientKpaPerLpmSquared = (_fixedCoefficient + filter + branches) * scale;
        FlowLitersPerMinute = LoopHydraulics.Solve(Pumps, SystemCoefficientKpaPerLpmSquared, out var head);
        DeltaPressureKpa = head;
        var flowSquared = FlowLitersPerMinute * FlowLitersPerMinute;
        FilterDeltaPressureKpa = filter * scale * flowSquared;
        ManifoldDeltaPressureKpa = double.IsPositiveInfinity(branches) ? head : branches * scale * flowSquared;
        Manifold.Split(FlowLitersPerMinute);
        var power = 0.0;
        var hydraulic = 0.0;
        foreach (var p in Pumps)
        {
            power += p.PowerWatts;
            hydraulic += p.HydraulicPowerWatts;
        }

        PumpPowerWatts = power;
        PumpHeatWatts = hydraulic;
    }

    // One pass around the loop in flow order; each part hands on the mean temperature of what left it.
    private void StepThermal(double h, double secondaryRate)
    {
        var c = VolumetricHeatCapacityJoulesPerLiterKelvin;
        var facilityRate = Coolant.Coolant.Water.HeatCapacityRateWattsPerKelvin(FacilityFlowLitersPerMinute, FacilitySupplyCelsius);
        var hotInlet = ReturnCelsius;
        HeatExchangerEffectiveness = _heatExchanger.Effectiveness(secondaryRate, facilityRate);
        var rejected = HeatExchangerEffectiveness * Math.Min(secondaryRate, facilityRate) * (hotInlet - FacilitySupplyCelsius);
        HeatExchangerWatts = rejected;
        FacilityReturnCelsius = facilityRate > 0 ? FacilitySupplyCelsius + rejected / facilityRate : FacilitySupplyCelsius;

        // Below 1 % of rated flow the coolant barely moves: the racks' heat stays in the loop's return side.
        var moving = secondaryRate > 0.01 * _ratedHeatCapacityRate;
        var liters = FlowLitersPerMinute / 60.0 * h;
        var hxOutlet = secondaryRate > 0 ? hotInlet - rejected / secondaryRate : hotInlet;
        var supplyOut = SupplyVolume.StepExact(hxOutlet, secondaryRate, 0, c, h);
        RackInletCelsius = SupplyPipe.Step(supplyOut, liters);

        var itHeat = 0.0;
        for (var i = 0; i < Racks.Length; i++)
        {
            var rack = Racks[i];
            var branchFlow = Manifold.BranchFlowLitersPerMinute[i];
            var heat = rack.Step(RackInletCelsius, branchFlow, h);
            var branchRate = branchFlow / 60.0 * c;
            rack.OutletCelsius = moving && branchRate > 0 ? RackInletCelsius + heat / branchRate : RackInletCelsius;
            itHeat += heat;
        }

        ItHeatWatts = itHeat;
        RackReturnCelsius = moving ? RackInletCelsius + itHeat / secondaryRate : RackInletCelsius;
        var returnPipeOut = ReturnPipe.Step(RackReturnCelsius, liters);
        var heatIntoReturn = PumpHeatWatts + (moving ? 0 : itHeat);
        ReturnVolume.StepExplicit(returnPipeOut, secondaryRate, heatIntoReturn, c, h);
    }
}
