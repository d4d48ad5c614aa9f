namespace Cooling.Models.Components;

/// <summary>
/// A rack of liquid-cooled GPUs in parallel on one rack manifold, each under its own cold plate.
/// Per GPU i: power P = (P_idle + u·(P_max − P_idle))·aᵢ; the die and its cold plate form one thermal capacitance
/// behind the plate's flow-dependent resistance, so the die temperature is a first-order lag,
///   τ·dTᵢ/dt = T_in + P·R(qᵢ)·rᵢ − Tᵢ,   τ ≈ 2 s (Modelica Buildings cold-plate default),
/// integrated as Tᵢ += h/(τ+h)·(target − Tᵢ) (implicit Euler: stable at any step). The rack flow q reaches plate i as
/// qᵢ = wᵢ·q/N (manifold maldistribution), so R(qᵢ) = R(q/N)·wᵢ^(−n): R(q/N) (<see cref="ColdPlate"/>) is computed
/// once per rack and step, wᵢ^(−n) once at construction. aᵢ (±3 % power), rᵢ (±5 % plate resistance) and wᵢ are seeded
/// and fixed. Memory (HBM, beside the die under the same plate) runs at T_in + 0.6·(Tᵢ − T_in) + 2 K (assumed split).
/// A GPU at or above its slowdown temperature (89 °C on Hopper SXM, nvidia-smi) throttles to 70 % power until it is
/// 2 K below it. The rest of the rack's liquid-cooled load (CPUs, NVSwitch, NICs) is a fixed fraction of GPU power.
/// </summary>
public sealed class GpuRack
{
    private readonly Gpu[] _gpus;
    private readonly double[] _resistanceFactor;
    private readonly double[] _flowShare;
    private double _nominalPowerWatts;

    public GpuRack(string rackId, GpuRackDescription description, int seed, double initialCelsius)
    {
        RackId = rackId;
        Description = description;
        var random = new Random(seed);
        var count = description.GpuCount;
        _gpus = new Gpu[count];
        _resistanceFactor = new double[count];
        _flowShare = new double[count];
        var spread = Math.Clamp(description.PlateFlowSpreadFraction, 0, 0.5);
        var flowShareSum = 0.0;
        for (var i = 0; i < count; i++)
        {
            ref var gpu = ref _gpus[i];
            gpu.PowerFactor = 1 + 0.03 * (2 * random.NextDouble() - 1);
            _resistanceFactor[i] = 1 + 0.05 * (2 * random.NextDouble() - 1);
            _flowShare[i] = 1 + spread * (2 * random.NextDouble() - 1);
            gpu.DieCelsius = initialCelsius;
            flowShareSum += _flowShare[i];
        }

        for (var i = 0; i < count; i++)
        {
            ref var gpu = ref _gpus[i];
            _flowShare[i] *= count / flowShareSum;
            _resistanceFactor[i] *= Math.Pow(_flowShare[i], -ColdPlate.FlowExponent);
            gpu.PowerResistanceFactor = gpu.PowerFactor * _resistanceFactor[i];
        }

        InletCelsius = initialCelsius;
        OutletCelsius = initialCelsius;
        HottestGpuCelsius = initialCelsius;
    }

    public string RackId { get; }

    public GpuRackDescription Description { get; }

    /// <summary>GPU utilization 0 … 1 that sets the power draw.</summary>
    public double Utilization { get; set; } = 0.3;

    /// <summary>Coolant inlet temperature of the last step, °C.</summary>
    public double InletCelsius { get; private set; }

    /// <summary>Coolant outlet temperature of the last step (mixed, T_in + Q/(ṁ·cp)), °C; set by the loop that knows cp.</summary>
    public double OutletCelsius { get; internal set; }

    /// <summary>Rack coolant flow of the last step, L/min.</summary>
    public double FlowLitersPerMinute { get; private set; }

    /// <summary>Heat into the liquid in the last step, W.</summary>
    public double HeatWatts { get; private set; }

    /// <summary>Hottest GPU die temperature after the last step, °C.</summary>
    public double HottestGpuCelsius { get; private set; }

    public int GpuCount => _gpus.Length;

    public double GpuTemperatureCelsius(int index) => _gpus[index].DieCelsius;

    public double GpuMemoryTemperatureCelsius(int index) => InletCelsius + 0.6 * (_gpus[index].DieCelsius - InletCelsius) + 2;

    public double GpuPowerWatts(int index) => _nominalPowerWatts * _gpus[index].PowerFactor * (_gpus[index].Throttled ? 0.7 : 1);

    public bool GpuThrottled(int index) => _gpus[index].Throttled;

    /// <summary>Flow through GPU <paramref name="index"/>'s cold plate in the last step, L/min.</summary>
    public double GpuPlateFlowLitersPerMinute(int index) => FlowLitersPerMinute / GpuCount * _flowShare[index];

    /// <summary>
    /// GPU <paramref name="index"/>'s case-to-inlet resistance relative to <see cref="ColdPlate"/>'s fit at the even
    /// flow share: rᵢ·wᵢ^(−n). Its steady die temperature is T_in + P·R(q/N)·this.
    /// </summary>
    public double GpuResistanceFactor(int index) => _resistanceFactor[index];

    /// <summary>Power spread aᵢ of GPU <paramref name="index"/> (its power relative to the rack's nominal).</summary>
    public double GpuPowerFactor(int index) => _gpus[index].PowerFactor;

    /// <summary>Advances the GPUs by <paramref name="stepSeconds"/> with the given coolant inlet and rack flow; returns the heat into the liquid, W.</summary>
    public double Step(double inletCelsius, double flowLitersPerMinute, double stepSeconds)
    {
        var d = Description;
        InletCelsius = inletCelsius;
        FlowLitersPerMinute = flowLitersPerMinute;
        var resistance = ColdPlate.ResistanceKelvinPerWatt(flowLitersPerMinute / GpuCount);
        var alpha = stepSeconds / (d.ColdPlateTimeConstantSeconds + stepSeconds);
        var nominalPower = d.IdlePowerWatts + Math.Clamp(Utilization, 0, 1) * (d.MaximumPowerWatts - d.IdlePowerWatts);
        var slowdown = d.SlowdownCelsius;
        var recovered = slowdown - 2;
        var throttledPower = 0.7 * nominalPower;
        var inletAlpha = alpha * inletCelsius;
        var keep = 1 - alpha;
        var gpuHeat = 0.0;
        var hottest = double.MinValue;
        var gpus = _gpus;
        for (var i = 0; i < gpus.Length; i++)
        {
            ref var gpu = ref gpus[i];
            var die = gpu.DieCelsius;
            if (gpu.Throttled ? die < recovered : die >= slowdown) gpu.Throttled = !gpu.Throttled;
            var power = gpu.Throttled ? throttledPower : nominalPower;
            die = keep * die + inletAlpha + alpha * power * resistance * gpu.PowerResistanceFactor;
            gpu.DieCelsius = die;
            hottest = die > hottest ? die : hottest;
            gpuHeat += power * gpu.PowerFactor;
        }

        _nominalPowerWatts = nominalPower;
        HottestGpuCelsius = hottest;
        HeatWatts = gpuHeat * (1 + d.OtherLoadFraction);
        return HeatWatts;
    }

    // What the step reads and writes for one GPU, side by side in memory (32 bytes).
    private struct Gpu
    {
        public double DieCelsius;
        public double PowerFactor;
        public double PowerResistanceFactor;
        public bool Throttled;
    }
}
