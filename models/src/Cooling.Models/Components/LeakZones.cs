namespace Cooling.Models.Components;

/// <summary>
/// Leak detection zones (rope or spot sensors under the CDU, the manifolds and the racks). A leak of V̇ L/min in a
/// zone wets its sensor at <see cref="WetPercentPerLiter"/> % per litre spilled (up to 100 %) and drains the
/// reservoir by the same volume. Spilled coolant stays until the zone is dried (<see cref="Dry"/>, or by writing
/// <see cref="LevelPercent"/>): a tray does not dry itself within a run. Assumed sensor response; wetting per litre
/// depends on the tray and the rope's length.
/// </summary>
public sealed class LeakZones(int zoneCount = 4, double wetPercentPerLiter = 50)
{
    private readonly double[] _leakLitersPerMinute = new double[zoneCount];

    /// <summary>Wetness of each zone's sensor, % (tests and scenarios may write it directly).</summary>
    public double[] LevelPercent { get; } = new double[zoneCount];

    public double WetPercentPerLiter { get; } = wetPercentPerLiter;

    public int Count => LevelPercent.Length;

    /// <summary>Leak rate in a zone, L/min.</summary>
    public double LeakLitersPerMinute(int zone) => _leakLitersPerMinute[zone];

    /// <summary>Starts (or with 0 stops) a leak of <paramref name="litersPerMinute"/> in <paramref name="zone"/>.</summary>
    public void SetLeak(int zone, double litersPerMinute) => _leakLitersPerMinute[zone] = Math.Max(double.IsFinite(litersPerMinute) ? litersPerMinute : 0, 0);

    /// <summary>Wipes a zone dry.</summary>
    public void Dry(int zone) => LevelPercent[zone] = 0;

    /// <summary>Advances the leaks; returns the coolant spilled in this step, L.</summary>
    public double Step(double stepSeconds)
    {
        var spilled = 0.0;
        for (var z = 0; z < _leakLitersPerMinute.Length; z++)
        {
            if (_leakLitersPerMinute[z] <= 0) continue;
            var liters = _leakLitersPerMinute[z] * stepSeconds / 60;
            spilled += liters;
            LevelPercent[z] = Math.Min(100, LevelPercent[z] + liters * WetPercentPerLiter);
        }

        return spilled;
    }
}
