namespace Cooling.Models;

/// <summary>
/// A workload as data (the "workload" object of a hall description): each kind is a record that makes its
/// <see cref="RackUtilization"/>. Every generator is a pure function of plant time, loop and rack (seeded where it
/// is random), so a run is the same whatever order the racks are asked in.
/// </summary>
public abstract record WorkloadDescription
{
    /// <summary>The kind's name in description files, e.g. "synchronizedTraining".</summary>
    public abstract string Kind { get; }

    /// <summary>The utilization function this description stands for.</summary>
    public abstract RackUtilization Create();
}

/// <summary>The same utilization everywhere, always ("constant"; "idle" is constant at 0).</summary>
public sealed record ConstantWorkload(double Utilization) : WorkloadDescription
{
    public override string Kind => "constant";

    public override RackUtilization Create()
    {
        var u = Math.Clamp(Utilization, 0, 1);
        return (_, _, _) => u;
    }
}

/// <summary>
/// Each rack alternates between <paramref name="Low"/> and <paramref name="High"/> every half period, rack k of
/// loop l shifted by (k + l)/8 of a period, so that a loop's load moves in steps ("staggeredSteps").
/// </summary>
public sealed record StaggeredStepsWorkload(TimeSpan Period, double Low, double High) : WorkloadDescription
{
    public override string Kind => "staggeredSteps";

    public override RackUtilization Create()
    {
        var periodSeconds = Period.TotalSeconds;
        var (low, high) = (Low, High);
        return (time, loop, rack) =>
        {
            var phase = (time.TotalSeconds / periodSeconds + (rack + loop) / 8.0) % 1.0;
            return phase < 0.5 ? low : high;
        };
    }
}

/// <summary>Every rack at <paramref name="Before"/> until <paramref name="At"/>, then at <paramref name="After"/> ("step").</summary>
public sealed record StepWorkload(TimeSpan At, double Before, double After) : WorkloadDescription
{
    public override string Kind => "step";

    public override RackUtilization Create()
    {
        var (at, before, after) = (At, Math.Clamp(Before, 0, 1), Math.Clamp(After, 0, 1));
        return (time, _, _) => time < at ? before : after;
    }
}

/// <summary>Every rack at <paramref name="From"/> until <paramref name="Start"/>, then linearly to <paramref name="To"/> over <paramref name="Duration"/>, then held ("ramp").</summary>
public sealed record RampWorkload(TimeSpan Start, TimeSpan Duration, double From, double To) : WorkloadDescription
{
    public override string Kind => "ramp";

    public override RackUtilization Create()
    {
        var start = Start.TotalSeconds;
        var duration = Math.Max(Duration.TotalSeconds, 1e-9);
        var (from, to) = (Math.Clamp(From, 0, 1), Math.Clamp(To, 0, 1));
        return (time, _, _) => from + (to - from) * Math.Clamp((time.TotalSeconds - start) / duration, 0, 1);
    }
}
