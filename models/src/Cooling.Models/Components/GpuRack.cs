namespace Cooling.Models.Components;

/// <summary>
/// A rack of liquid-cooled GPUs in parallel on one manifold, each with its own cold plate.
/// Per GPU: P = P_idle + u·(P_max − P_idle);  die temperature T follows T_in + P·R(q) with a first-order lag
/// τ ≈ 2 s (Modelica Buildings cold-plate default), where q is the rack flow shared evenly among the plates.
/// Memory runs cooler than the die: T_mem = T_in + 0.6·(T − T_in) + 2 K (assumed split; HBM sits beside the die
/// under the same plate). A GPU above its slowdown temperature (89 °C on Hopper SXM) throttles to 70 % power
/// until it is 2 K below it. The rest of the rack's liquid-cooled load (CPUs, NVSwitch, NICs) is a fixed
/// fraction of GPU power. Each GPU has a seeded, fixed spread of ±3 % power and ±5 % plate resistance.
/// </summary>
public sealed class GpuRack
{
    private readonly double[] _powerSpread;
    private readonly double[] _resistanceSpread;
    private readonly double[] _dieCelsius;
    private readonly bool[] _throttled;
    private readonly double[] _powerWatts;

    public GpuRack(string rackId, GpuRackDescription description, int seed, double initialCelsius)
    {
        RackId = rackId;
        Description = description;
        var random = new Random(seed);
        var count = description.GpuCount;
        _powerSpread = new double[count];
        _resistanceSpread = new double[count];
        _dieCelsius = new double[count];
        _throttled = new bool[count];
        _powerWatts = new double[count];
        for (var i = 0; i < count; i++)
        {
            _powerSpread[i] = 1 + 0.03 * (2 * random.NextDouble() - 1);
            _resistanceSpread[i] = 1 + 0.05 * (2 * random.NextDouble() - 1);
            _dieCelsius[i] = initialCelsius;
        }
    }

    public string RackId { get; }

    public GpuRackDescription Description { get; }

    /// <summary>GPU utilization 0 … 1 that sets the power draw.</summary>
    public double Utilization { get; set; } = 0.3;

    /// <summary>Coolant inlet temperature of the last step, °C.</summary>
    public double InletCelsius { get; private set; }

    /// <summary>Rack coolant flow of the last step, L/min.</summary>
    public double FlowLitersPerMinute { get; private set; }

    /// <summary>Heat into the liquid in the last step, W.</summary>
    public double HeatWatts { get; private set; }

    public int GpuCount => _dieCelsius.Length;

    public double GpuTemperatureCelsius(int index) => _dieCelsius[index];

    public double GpuMemoryTemperatureCelsius(int index) => InletCelsius + 0.6 * (_dieCelsius[index] - InletCelsius) + 2;

    public double GpuPowerWatts(int index) => _powerWatts[index];

    public bool GpuThrottled(int index) => _throttled[index];

    /// <summary>Hottest GPU die temperature, °C.</summary>
    public double HottestGpuCelsius
    {
        get
        {
            var hottest = double.MinValue;
            foreach (var t in _dieCelsius)
            {
                hottest = Math.Max(hottest, t);
            }

            return hottest;
        }
    }

    /// <summary>Advances the GPUs by <paramref name="stepSeconds"/> with the given coolant inlet and rack flow; returns the heat into the liquid, W.</summary>
    public double Step(double inletCelsius, double flowLitersPerMinute, double stepSeconds)
    {
        var d = Description;
        InletCelsius = inletCelsius;
        FlowLitersPerMinute = flowLitersPerMinute;
        var plateFlow = flowLitersPerMinute / GpuCount;
        var resistance = ColdPlate.ResistanceKelvinPerWatt(plateFlow);
        var alpha = stepSeconds / (d.ColdPlateTimeConstantSeconds + stepSeconds);
        var utilization = Math.Clamp(Utilization, 0, 1);
        var gpuHeat = 0.0;
        for (var i = 0; i < _dieCelsius.Length; i++)
        {
            if (_dieCelsius[i] >= d.SlowdownCelsius)
            {
                _throttled[i] = true;
            }
            else if (_dieCelsius[i] < d.SlowdownCelsius - 2)
            {
                _throttled[i] = false;
            }

            var power = (d.IdlePowerWatts + utilization * (d.MaximumPowerWatts - d.IdlePowerWatts)) * _powerSpread[i];
            if (_throttled[i])
            {
                power *= 0.7;
            }

            _powerWatts[i] = power;
            var steady = inletCelsius + power * resistance * _resistanceSpread[i];
            _dieCelsius[i] += alpha * (steady - _dieCelsius[i]);
            gpuHeat += power;
        }

        HeatWatts = gpuHeat * (1 + d.OtherLoadFraction);
        return HeatWatts;
    }
}
