using Cooling.Models.Components;

namespace Cooling.Models.Descriptions;

/// <summary>
/// The "workload" object of a hall description: "kind" names the generator, the other fields its settings, with
/// utilizations in percent and times in seconds (models/README.md lists every kind and field).
/// </summary>
internal static class WorkloadJson
{
    public static readonly string[] Kinds = ["constant", "idle", "staggeredSteps", "step", "ramp", "synchronizedTraining", "dailyInference", "csvTrace"];

    public static WorkloadDescription? Read(JsonFields f, GpuRackDescription rack, string? baseDirectory)
    {
        var kind = f.Text("kind", required: true);
        WorkloadDescription? workload = kind switch
        {
            null => null,
            "constant" => new ConstantWorkload(Percent(f, "utilizationPercent", 50, required: true)),
            "idle" => new ConstantWorkload(0),
            "staggeredSteps" => new StaggeredStepsWorkload(
                Seconds(f, "periodSeconds", 360),
                Percent(f, "lowUtilizationPercent", 30),
                Percent(f, "highUtilizationPercent", 100)),
            "step" => new StepWorkload(
                TimeSpan.FromSeconds(f.Number("atSeconds", 0, 0, required: true)),
                Percent(f, "beforeUtilizationPercent", 30, required: true),
                Percent(f, "afterUtilizationPercent", 100, required: true)),
            "ramp" => new RampWorkload(
                TimeSpan.FromSeconds(f.Number("startSeconds", 0, 0)),
                Seconds(f, "durationSeconds", 600, required: true),
                Percent(f, "fromUtilizationPercent", 30, required: true),
                Percent(f, "toUtilizationPercent", 100, required: true)),
            "synchronizedTraining" => Training(f),
            "dailyInference" => Inference(f),
            "csvTrace" => Trace(f, rack, baseDirectory),
            _ => Unknown(f, kind),
        };
        f.RejectUnknown();
        return workload;
    }

    private static SynchronizedTrainingWorkload Training(JsonFields f)
    {
        var d = new SynchronizedTrainingWorkload();
        return new SynchronizedTrainingWorkload
        {
            Seed = f.Integer("seed", d.Seed, 0, int.MaxValue),
            Low = Percent(f, "lowUtilizationPercent", d.Low * 100),
            High = Percent(f, "highUtilizationPercent", d.High * 100),
            SwingPeriod = Seconds(f, "swingPeriodSeconds", d.SwingPeriod.TotalSeconds),
            HighFraction = Percent(f, "highSharePercent", d.HighFraction * 100),
            CheckpointInterval = TimeSpan.FromSeconds(f.Number("checkpointIntervalSeconds", d.CheckpointInterval.TotalSeconds, 0)),
            CheckpointDuration = TimeSpan.FromSeconds(f.Number("checkpointDurationSeconds", d.CheckpointDuration.TotalSeconds, 0)),
            Checkpoint = Percent(f, "checkpointUtilizationPercent", d.Checkpoint * 100),
            FirstJobStart = TimeSpan.FromSeconds(f.Number("firstJobStartSeconds", 0, 0)),
            StartJitter = TimeSpan.FromSeconds(f.Number("startJitterSeconds", 0, 0)),
            JobDuration = f.Has("jobDurationSeconds") ? Seconds(f, "jobDurationSeconds", 3600) : TimeSpan.MaxValue,
            JobGap = TimeSpan.FromSeconds(f.Number("jobGapSeconds", d.JobGap.TotalSeconds, 0)),
            Idle = Percent(f, "idleUtilizationPercent", d.Idle * 100),
        };
    }

    private static DailyInferenceWorkload Inference(JsonFields f)
    {
        var d = new DailyInferenceWorkload();
        return new DailyInferenceWorkload
        {
            Seed = f.Integer("seed", d.Seed, 0, int.MaxValue),
            Minimum = Percent(f, "minimumUtilizationPercent", d.Minimum * 100),
            Peak = Percent(f, "peakUtilizationPercent", d.Peak * 100),
            PeakHour = f.Number("peakHour", d.PeakHour, 0, 24),
            StartHour = f.Number("startHour", d.StartHour, 0, 24),
            Noise = Percent(f, "noiseUtilizationPercent", d.Noise * 100),
            NoiseInterval = Seconds(f, "noiseIntervalSeconds", d.NoiseInterval.TotalSeconds),
        };
    }

    private static RackTraceWorkload? Trace(JsonFields f, GpuRackDescription rack, string? baseDirectory)
    {
        var file = f.Text("file", required: true);
        var kindName = f.Text("valueKind") ?? "utilizationPercent";
        RackTraceValueKind? valueKind = kindName switch
        {
            "utilizationPercent" => RackTraceValueKind.UtilizationPercent,
            "rackPowerWatts" => RackTraceValueKind.RackPowerWatts,
            _ => null,
        };
        if (valueKind is null) f.Error("valueKind", $"must be one of utilizationPercent, rackPowerWatts, got \"{kindName}\"");
        var repeat = f.Boolean("repeat", true);
        var offset = TimeSpan.FromSeconds(f.Number("loopOffsetSeconds", 0, 0));
        if (file is null || valueKind is null) return null;
        var path = baseDirectory is null ? Path.GetFullPath(file) : Path.GetFullPath(Path.Combine(baseDirectory, file));
        try
        {
            RackTrace.Load(path, valueKind.Value, rack);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            f.Error("file", e is FormatException ? e.Message : $"cannot read \"{file}\": {e.Message}");
            return null;
        }

        return new RackTraceWorkload(path, valueKind.Value, rack) { Repeat = repeat, LoopOffset = offset };
    }

    private static double Percent(JsonFields f, string field, double fallbackPercent, bool required = false) =>
        f.Number(field, fallbackPercent, 0, 100, required: required) / 100;

    private static TimeSpan Seconds(JsonFields f, string field, double fallback, bool required = false) =>
        TimeSpan.FromSeconds(f.Positive(field, fallback, required: required));

    private static WorkloadDescription? Unknown(JsonFields f, string kind)
    {
        f.Error("kind", $"must be one of {string.Join(", ", Kinds)}, got \"{kind}\"");
        return null;
    }
}
