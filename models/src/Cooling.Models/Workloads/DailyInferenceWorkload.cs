namespace Cooling.Models;

/// <summary>
/// Inference serving with a daily pattern ("dailyInference"): utilization follows the day,
///   u(t) = u_min + (u_peak − u_min)·(1 + cos(2π·(h − h_peak)/24))/2,   h = hour of day,
/// highest at <see cref="PeakHour"/>, lowest twelve hours later, plus a seeded per-rack noise of ±<see cref="Noise"/>
/// drawn every <see cref="NoiseInterval"/> and interpolated linearly (request bursts without steps). Plant time 0 is
/// <see cref="StartHour"/> o'clock.
/// </summary>
public sealed record DailyInferenceWorkload : WorkloadDescription
{
    public override string Kind => "dailyInference";

    public int Seed { get; init; } = 1;

    public double Minimum { get; init; } = 0.3;

    public double Peak { get; init; } = 0.85;

    /// <summary>Hour of the daily peak, 0 … 24.</summary>
    public double PeakHour { get; init; } = 15;

    /// <summary>Hour of day at plant time 0.</summary>
    public double StartHour { get; init; }

    /// <summary>Amplitude of the per-rack noise (utilization, 0 … 1).</summary>
    public double Noise { get; init; } = 0.05;

    public TimeSpan NoiseInterval { get; init; } = TimeSpan.FromMinutes(1);

    public override RackUtilization Create() => Utilization;

    /// <summary>The utilization of a rack at a plant time.</summary>
    public double Utilization(TimeSpan plantTime, int loopIndex, int rackIndex)
    {
        var hours = StartHour + plantTime.TotalHours;
        var daily = Minimum + (Peak - Minimum) * 0.5 * (1 + Math.Cos(2 * Math.PI * (hours - PeakHour) / 24));
        var noise = 0.0;
        if (Noise > 0)
        {
            var position = plantTime.TotalSeconds / NoiseInterval.TotalSeconds;
            var k = (long)Math.Floor(position);
            var fraction = position - k;
            var rack = ((long)loopIndex << 20) + rackIndex;
            var a = 2 * SeededNoise.Uniform(Seed, rack, k) - 1;
            var b = 2 * SeededNoise.Uniform(Seed, rack, k + 1) - 1;
            noise = Noise * (a + (b - a) * fraction);
        }

        return Math.Clamp(daily + noise, 0, 1);
    }
}
