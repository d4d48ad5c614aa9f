using System.Numerics;
using System.Runtime.InteropServices;

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
/// While no GPU is throttled or at its slowdown temperature every GPU draws the nominal power, and the step updates
/// all dies with vector arithmetic (the same operations in the same order as one at a time, so the same result).
/// </summary>
public sealed class GpuRack
{
    private readonly double[] _dieCelsius;
    private readonly double[] _powerFactor;
    private readonly double[] _powerResistanceFactor;
    private readonly bool[] _throttled;
    private readonly double[] _resistanceFactor;
    private readonly double[] _flowShare;
    private readonly double _powerFactorSum;
    private int _throttledCount;
    private double _nominalPowerWatts;

    public GpuRack(string rackId, GpuRackDescription description, int seed, double initialCelsius)
    {
        RackId = rackId;
        Description = description;
        var random = new Random(seed);
        var count = description.GpuCount;
        _dieCelsius = new double[count];
        _powerFactor = new double[count];
        _powerResistanceFactor = new double[count];
        _throttled = new bool[count];
        _resistanceFactor = new double[count];
        _flowShare = new double[count];
        var spread = Math.Clamp(description.PlateFlowSpreadFraction, 0, 0.5);
        var flowShareSum = 0.0;
        for (var i = 0; i < count; i++)
        {
            _powerFactor[i] = 1 + 0.03 * (2 * random.NextDouble() - 1);
            _resistanceFactor[i] = 1 + 0.05 * (2 * random.NextDouble() - 1);
            _flowShare[i] = 1 + spread * (2 * random.NextDouble() - 1);
            _dieCelsius[i] = initialCelsius;
            flowShareSum += _flowShare[i];
        }

        for (var i = 0; i < count; i++)
        {
            _flowShare[i] *= count / flowShareSum;
            _resistanceFactor[i] *= Math.Pow(_flowShare[i], -ColdPlate.FlowExponent);
            _powerResistanceFactor[i] = _powerFactor[i] * _resistanceFactor[i];
            _powerFactorSum += _powerFactor[i];
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

    public int GpuCount => _dieCelsius.Length;

    public double GpuTemperatureCelsius(int index) => _dieCelsius[index];

    public double GpuMemoryTemperatureCelsius(int index) => InletCelsius + 0.6 * (_dieCelsius[index] - InletCelsius) + 2;

    public double GpuPowerWatts(int index) => _nominalPowerWatts * _powerFactor[index] * (_throttled[index] ? 0.7 : 1);

    public bool GpuThrottled(int index) => _throttled[index];

    /// <summary>GPUs throttled now.</summary>
    public int ThrottledGpuCount => _throttledCount;

    /// <summary>Flow through GPU <paramref name="index"/>'s cold plate in the last step, L/min.</summary>
    public double GpuPlateFlowLitersPerMinute(int index) => FlowLitersPerMinute / GpuCount * _flowShare[index];

    /// <summary>
    /// GPU <paramref name="index"/>'s case-to-inlet resistance relative to <see cref="ColdPlate"/>'s fit at the even
    /// flow share: rᵢ·wᵢ^(−n). Its steady die temperature is T_in + P·R(q/N)·this.
    /// </summary>
    public double GpuResistanceFactor(int index) => _resistanceFactor[index];

    /// <summary>Power spread aᵢ of GPU <paramref name="index"/> (its power relative to the rack's nominal).</summary>
    public double GpuPowerFactor(int index) => _powerFactor[index];

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
        var throttledPower = 0.7 * nominalPower;
        var nominalGain = alpha * nominalPower * resistance;
        var keep = 1 - alpha;
        var inletAlpha = alpha * inletCelsius;
        double gpuHeat, hottest;
        if (_throttledCount == 0 && HottestGpuCelsius < slowdown)
        {
            hottest = UpdateAllNominal(keep, inletAlpha, nominalGain);
            gpuHeat = nominalPower * _powerFactorSum;
        }
        else
        {
            (gpuHeat, hottest) = UpdateWithThrottling(keep, inletAlpha, nominalPower, throttledPower, alpha * throttledPower * resistance, nominalGain, slowdown);
        }

        _nominalPowerWatts = nominalPower;
        HottestGpuCelsius = hottest;
        HeatWatts = gpuHeat * (1 + d.OtherLoadFraction);
        return HeatWatts;
    }

    // Tᵢ = keep·Tᵢ + h/(τ+h)·T_in + gain·(aᵢrᵢwᵢ^(−n)) for every GPU at the nominal power; returns the hottest.
    private double UpdateAllNominal(double keep, double inletAlpha, double gain)
    {
        var die = _dieCelsius;
        var factor = _powerResistanceFactor;
        var hottest = double.MinValue;
        var i = 0;
        if (Vector.IsHardwareAccelerated && die.Length >= Vector<double>.Count)
        {
            var dies = MemoryMarshal.Cast<double, Vector<double>>(die.AsSpan());
            var factors = MemoryMarshal.Cast<double, Vector<double>>(factor.AsSpan());
            var keepV = new Vector<double>(keep);
            var inletV = new Vector<double>(inletAlpha);
            var gainV = new Vector<double>(gain);
            var hottestV = new Vector<double>(double.MinValue);
            for (var k = 0; k < dies.Length; k++)
            {
                var t = keepV * dies[k] + inletV + gainV * factors[k];
                dies[k] = t;
                hottestV = Vector.Max(hottestV, t);
            }

            for (var lane = 0; lane < Vector<double>.Count; lane++) hottest = Math.Max(hottest, hottestV[lane]);
            i = dies.Length * Vector<double>.Count;
        }

        for (; i < die.Length; i++)
        {
            var t = keep * die[i] + inletAlpha + gain * factor[i];
            die[i] = t;
            hottest = t > hottest ? t : hottest;
        }

        return hottest;
    }

    // One GPU at a time: a GPU at or above slowdown throttles, one 2 K below it recovers.
    private (double GpuHeat, double Hottest) UpdateWithThrottling(double keep, double inletAlpha, double nominalPower, double throttledPower, double throttledGain, double nominalGain, double slowdown)
    {
        var recovered = slowdown - 2;
        var die = _dieCelsius;
        var factor = _powerResistanceFactor;
        var throttled = _throttled;
        var powerFactor = _powerFactor;
        var gpuHeat = 0.0;
        var hottest = double.MinValue;
        for (var i = 0; i < die.Length; i++)
        {
            var t = die[i];
            var isThrottled = throttled[i];
            if (isThrottled ? t < recovered : t >= slowdown)
            {
                isThrottled = !isThrottled;
                throttled[i] = isThrottled;
                _throttledCount += isThrottled ? 1 : -1;
            }

            t = keep * t + inletAlpha + (isThrottled ? throttledGain : nominalGain) * factor[i];
            die[i] = t;
            hottest = t > hottest ? t : hottest;
            gpuHeat += (isThrottled ? throttledPower : nominalPower) * powerFactor[i];
        }

        return (gpuHeat, hottest);
    }
}
