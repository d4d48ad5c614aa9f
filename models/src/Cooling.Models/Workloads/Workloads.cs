namespace Cooling.Models;

/// <summary>The workload generators by name; each returns a <see cref="RackUtilization"/> (see the description records for the equations).</summary>
public static class Workloads
{
    /// <summary>The same utilization everywhere, always.</summary>
    public static RackUtilization Constant(double utilization) => new ConstantWorkload(utilization).Create();

    /// <summary>Idle GPUs: utilization 0 (each GPU still draws its idle power).</summary>
    public static RackUtilization Idle() => Constant(0);

    /// <summary>
    /// Each rack alternates between <paramref name="low"/> and <paramref name="high"/> every half
    /// <paramref name="period"/>, rack k shifted by k/8 of a period, so that the loop's load moves in steps.
    /// </summary>
    public static RackUtilization StaggeredSteps(TimeSpan period, double low, double high) => new StaggeredStepsWorkload(period, low, high).Create();

    /// <summary>Every rack steps from <paramref name="before"/> to <paramref name="after"/> at <paramref name="at"/>.</summary>
    public static RackUtilization Step(TimeSpan at, double before, double after) => new StepWorkload(at, before, after).Create();

    /// <summary>Every rack ramps linearly from <paramref name="from"/> to <paramref name="to"/> between <paramref name="start"/> and start + <paramref name="duration"/>.</summary>
    public static RackUtilization Ramp(TimeSpan start, TimeSpan duration, double from, double to) => new RampWorkload(start, duration, from, to).Create();

    /// <summary>Synchronized training with the given settings (defaults: 40 % ↔ 100 % every 6 s, checkpoints every 30 min).</summary>
    public static RackUtilization SynchronizedTraining(SynchronizedTrainingWorkload? settings = null) => (settings ?? new SynchronizedTrainingWorkload()).Create();

    /// <summary>Inference with a daily pattern (defaults: 30 % at 3 am, 85 % at 3 pm, ±5 % noise).</summary>
    public static RackUtilization DailyInference(DailyInferenceWorkload? settings = null) => (settings ?? new DailyInferenceWorkload()).Create();
}
