namespace Cooling.Supervisor.Alarms;

/// <summary>
/// An upper-threshold alarm pair: Warning at <see cref="Caution"/>, Critical at <see cref="Critical"/>. Each is raised
/// when the value has stayed at or above its threshold for <see cref="DwellSeconds"/>, and cleared when it has stayed
/// below the threshold minus <see cref="Hysteresis"/> for <see cref="ClearDwellSeconds"/>.
/// </summary>
public sealed class ThresholdAlarmOptions
{
    public double Caution { get; set; }

    public double Critical { get; set; }

    /// <summary>In the value's unit (K for temperatures, GPUs for counts).</summary>
    public double Hysteresis { get; set; }

    public double DwellSeconds { get; set; }

    public double ClearDwellSeconds { get; set; }

    /// <summary>The problems of these settings, each naming the setting under <paramref name="name"/>.</summary>
    public IEnumerable<string> Validate(string name)
    {
        if (!double.IsFinite(Caution) || !double.IsFinite(Critical) || Caution > Critical)
        {
            yield return $"{name}:Caution must be a number not above {name}:Critical (got {Caution} and {Critical}).";
        }

        if (!(Hysteresis >= 0) || !double.IsFinite(Hysteresis))
        {
            yield return $"{name}:Hysteresis must be 0 or more (got {Hysteresis}).";
        }

        if (!(DwellSeconds is >= 0 and <= 86_400))
        {
            yield return $"{name}:DwellSeconds must be 0 … 86400 (got {DwellSeconds}).";
        }

        if (!(ClearDwellSeconds is >= 0 and <= 86_400))
        {
            yield return $"{name}:ClearDwellSeconds must be 0 … 86400 (got {ClearDwellSeconds}).";
        }
    }
}
