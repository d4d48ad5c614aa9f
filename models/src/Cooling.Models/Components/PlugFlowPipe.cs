namespace Cooling.Models.Components;

/// <summary>
/// A pipe in plug flow: coolant leaves in the order it entered, without mixing, so a temperature change at the inlet
/// reaches the outlet after the transport delay τ = V / V̇ (≈ 32 s for 1 m³ at 31.5 L/s; docs/physics-sources.md#transport-delay). The contents are
/// parcels (volume, temperature) in a fixed ring buffer: each step pushes the step's inflow V̇·Δt as a parcel and
/// takes the same volume from the oldest parcels; the outlet temperature of the step is the volume-weighted mean of
/// what left, so the pipe's stored heat changes by exactly what entered minus what left. When the inflow of a step is
/// smaller than V/(capacity/2) it joins the newest parcel (a resolution of V/(capacity/2) at very low flows).
/// Source: plug-flow transport as in Modelica Buildings.Fluid.FixedResistances.PlugFlowPipe (van der Heijde et al.,
/// Energy Conversion and Management 151, 2017), without the wall's heat loss.
/// </summary>
public sealed class PlugFlowPipe
{
    private readonly double[] _volumeLiters;
    private readonly double[] _celsius;
    private readonly double _mergeBelowLiters;
    private int _oldest;
    private int _count;

    /// <param name="volumeLiters">Inner volume, L (&gt; 0).</param>
    /// <param name="initialCelsius">Uniform temperature of the contents at the start, °C.</param>
    /// <param name="capacity">Parcels the pipe keeps (≥ 4).</param>
    public PlugFlowPipe(double volumeLiters, double initialCelsius, int capacity = 1024)
    {
        if (!(volumeLiters > 0)) throw new ArgumentOutOfRangeException(nameof(volumeLiters), volumeLiters, "must be > 0");
        VolumeLiters = volumeLiters;
        _volumeLiters = new double[Math.Max(capacity, 4)];
        _celsius = new double[_volumeLiters.Length];
        _mergeBelowLiters = volumeLiters / (_volumeLiters.Length / 2);
        _volumeLiters[0] = volumeLiters;
        _celsius[0] = initialCelsius;
        _count = 1;
        OutletCelsius = initialCelsius;
    }

    public double VolumeLiters { get; }

    /// <summary>Mean temperature of what left in the last step, °C.</summary>
    public double OutletCelsius { get; private set; }

    /// <summary>Σ volume·temperature of the contents, L·K (times ρ·cp: the stored heat relative to 0 °C).</summary>
    public double VolumeTemperatureSumLiterKelvin
    {
        get
        {
            var sum = 0.0;
            for (var i = 0; i < _count; i++)
            {
                var k = (_oldest + i) % _volumeLiters.Length;
                sum += _volumeLiters[k] * _celsius[k];
            }

            return sum;
        }
    }

    /// <summary>Pushes <paramref name="inflowLiters"/> at <paramref name="inletCelsius"/> and returns the mean temperature of the same volume leaving, °C.</summary>
    public double Step(double inletCelsius, double inflowLiters)
    {
        if (!(inflowLiters > 0)) return OutletCelsius;
        Push(inletCelsius, inflowLiters);
        var remaining = inflowLiters;
        var heat = 0.0;
        while (remaining > 0 && _count > 0)
        {
            var k = _oldest;
            var take = Math.Min(_volumeLiters[k], remaining);
            heat += take * _celsius[k];
            remaining -= take;
            _volumeLiters[k] -= take;
            if (_volumeLiters[k] <= 1e-12 * VolumeLiters && _count > 1)
            {
                _oldest = (_oldest + 1) % _volumeLiters.Length;
                _count--;
            }
        }

        OutletCelsius = heat / (inflowLiters - remaining);
        return OutletCelsius;
    }

    private void Push(double celsius, double liters)
    {
        var capacity = _volumeLiters.Length;
        var newest = (_oldest + _count - 1) % capacity;
        if (_count == capacity || (_volumeLiters[newest] < _mergeBelowLiters && liters < _mergeBelowLiters))
        {
            var merged = _volumeLiters[newest] + liters;
            _celsius[newest] = (_volumeLiters[newest] * _celsius[newest] + liters * celsius) / merged;
            _volumeLiters[newest] = merged;
            return;
        }

        var slot = (newest + 1) % capacity;
        _volumeLiters[slot] = liters;
        _celsius[slot] = celsius;
        _count++;
    }
}
