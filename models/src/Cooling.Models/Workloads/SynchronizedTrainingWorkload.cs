namespace Cooling.Models;

/// <summary>
/// Synchronized training ("synchronizedTraining"): every rack of a loop runs one job, so they swing in phase —
/// <see cref="High"/> during compute, <see cref="Low"/> during the collective communication that follows, every
/// <see cref="SwingPeriod"/> (large-model training shows 40 % ↔ 100 % power swings every few seconds). Every
/// <see cref="CheckpointInterval"/> the job pauses for <see cref="CheckpointDuration"/> at <see cref="Checkpoint"/>
/// while it writes a checkpoint. A job runs for <see cref="JobDuration"/>, then the loop idles at <see cref="Idle"/> for
/// <see cref="JobGap"/> before the next job. Loop l's first job starts at <see cref="FirstJobStart"/> plus a seeded
/// offset of up to <see cref="StartJitter"/>, so that loops do not all start together.
/// </summary>
public sealed record SynchronizedTrainingWorkload : WorkloadDescription
{
    public override string Kind => "synchronizedTraining";

    public int Seed { get; init; } = 1;

    public double Low { get; init; } = 0.4;

    public double High { get; init; } = 1.0;

    public TimeSpan SwingPeriod { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Share of each swing period spent computing at <see cref="High"/> (0 … 1).</summary>
    public double HighFraction { get; init; } = 0.6;

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromMinutes(30);

    public TimeSpan CheckpointDuration { get; init; } = TimeSpan.FromSeconds(60);

    public double Checkpoint { get; init; } = 0.15;

    public TimeSpan FirstJobStart { get; init; } = TimeSpan.Zero;

    public TimeSpan StartJitter { get; init; } = TimeSpan.Zero;

    /// <summary>Length of a job; <see cref="TimeSpan.MaxValue"/> for one job that never stops.</summary>
    public TimeSpan JobDuration { get; init; } = TimeSpan.MaxValue;

    public TimeSpan JobGap { get; init; } = TimeSpan.FromMinutes(10);

    public double Idle { get; init; } = 0.05;

    public override RackUtilization Create() => Utilization;

    /// <summary>The utilization of a rack at a plant time.</summary>
    public double Utilization(TimeSpan plantTime, int loopIndex, int rackIndex)
    {
        var start = FirstJobStart.TotalSeconds + SeededNoise.Uniform(Seed, loopIndex) * StartJitter.TotalSeconds;
        var sinceStart = plantTime.TotalSeconds - start;
        if (sinceStart < 0) return Idle;
        var inJob = sinceStart;
        if (JobDuration != TimeSpan.MaxValue)
        {
            var job = JobDuration.TotalSeconds;
            inJob = sinceStart % (job + JobGap.TotalSeconds);
            if (inJob >= job) return Idle;
        }

        var checkpointEvery = CheckpointInterval.TotalSeconds;
        if (checkpointEvery > 0 && inJob % checkpointEvery >= checkpointEvery - CheckpointDuration.TotalSeconds) return Checkpoint;
        var phase = inJob % SwingPeriod.TotalSeconds / SwingPeriod.TotalSeconds;
        return phase < HighFraction ? High : Low;
    }
}
