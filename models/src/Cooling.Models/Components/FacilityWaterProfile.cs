namespace Cooling.Models.Components;

/// <summary>
/// Facility water (FWS) supply temperature over plant time, around the loop's base temperature T₀
/// (LoopDescription.FacilitySupplyCelsius). Kinds: <see cref="FacilityWaterRamp"/>, <see cref="FacilityWaterDaily"/>;
/// no profile means constant T₀.
/// </summary>
public abstract record FacilityWaterProfile
{
    /// <summary>The kind's name in description files.</summary>
    public abstract string Kind { get; }

    /// <summary>Supply temperature at <paramref name="plantTime"/>, °C.</summary>
    public abstract double TemperatureCelsius(double baseCelsius, TimeSpan plantTime);
}

/// <summary>T₀ until <see cref="Start"/>, then linearly to <see cref="ToCelsius"/> over <see cref="Duration"/>, then held (a chiller plant stepping its setpoint or losing a chiller).</summary>
public sealed record FacilityWaterRamp(TimeSpan Start, TimeSpan Duration, double ToCelsius) : FacilityWaterProfile
{
    public override string Kind => "ramp";

    public override double TemperatureCelsius(double baseCelsius, TimeSpan plantTime)
    {
        var fraction = Math.Clamp((plantTime - Start).TotalSeconds / Math.Max(Duration.TotalSeconds, 1e-9), 0, 1);
        return baseCelsius + (ToCelsius - baseCelsius) * fraction;
    }
}

/// <summary>
/// A daily swing T(t) = T₀ + A·cos(2π·(h − h_peak)/24), h the hour of day (plant time 0 is <see cref="StartHour"/>
/// o'clock): dry coolers and cooling towers follow the outdoor temperature, warmest in the afternoon.
/// </summary>
public sealed record FacilityWaterDaily(double AmplitudeKelvin, double PeakHour = 15, double StartHour = 0) : FacilityWaterProfile
{
    public override string Kind => "daily";

    public override double TemperatureCelsius(double baseCelsius, TimeSpan plantTime) =>
        baseCelsius + AmplitudeKelvin * Math.Cos(2 * Math.PI * (StartHour + plantTime.TotalHours - PeakHour) / 24);
}
