namespace Cooling.Twin;

/// <summary>GPU utilization (0 … 1) of rack <paramref name="rackIndex"/> of loop <paramref name="loopIndex"/> at a plant time.</summary>
public delegate double RackUtilization(TimeSpan plantTime, int loopIndex, int rackIndex);

/// <summary>Simple workloads for the thin hall; issue-grade generators (training swings, inference days, CSV traces) come with the twin's workload library.</summary>
public static class Workloads
{
    /// <summary>The same utilization everywhere, always.</summary>
    public static RackUtilization Constant(double utilization) => (_, _, _) => utilization;

    /// <summary>
    /// Each rack alternates between <paramref name="low"/> and <paramref name="high"/> every half
    /// <paramref name="period"/>, rack k shifted by k/8 of a period, so that the loop's load moves in steps.
    /// </summary>
    public static RackUtilization StaggeredSteps(TimeSpan period, double low, double high) => (time, loop, rack) =>
    {
        var phase = (time.TotalSeconds / period.TotalSeconds + (rack + loop) / 8.0) % 1.0;
        return phase < 0.5 ? low : high;
    };
}
