using Cooling.Models.Components;

namespace Cooling.Models.Tests;

public sealed class WorkloadTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Synchronized_training_swings_every_rack_of_a_loop_in_phase_between_40_and_100_percent()
    {
        var training = Workloads.SynchronizedTraining(new SynchronizedTrainingWorkload { CheckpointInterval = TimeSpan.Zero });

        for (var t = 0.0; t < 60; t += 0.1)
        {
            var first = training(S(t), 0, 0);
            for (var rack = 1; rack < 8; rack++) Assert.Equal(first, training(S(t), 0, rack));
        }

        Assert.Equal(1.0, training(S(1), 0, 3));   // compute: the first 60 % of each 6 s period
        Assert.Equal(0.4, training(S(4), 0, 3));   // communication
        Assert.Equal(1.0, training(S(6.5), 0, 3)); // the next period
        var changes = 0;
        for (var i = 1; i < 600; i++) if (training(S(i / 10.0), 0, 0) != training(S((i - 1) / 10.0), 0, 0)) changes++;
        Assert.Equal(19, changes); // in 60 s: down at 3.6, 9.6, … 57.6 s (10), up at 6, 12, … 54 s (9)
    }

    [Fact]
    public void Training_pauses_for_checkpoints_and_idles_between_jobs()
    {
        var settings = new SynchronizedTrainingWorkload
        {
            CheckpointInterval = TimeSpan.FromMinutes(30), CheckpointDuration = S(60), Checkpoint = 0.15,
            FirstJobStart = TimeSpan.FromMinutes(5), JobDuration = TimeSpan.FromHours(1), JobGap = TimeSpan.FromMinutes(10), Idle = 0.05,
        };
        var training = settings.Create();

        Assert.Equal(0.05, training(TimeSpan.FromMinutes(4), 0, 0));           // before the job starts
        Assert.Equal(1.0, training(TimeSpan.FromMinutes(5) + S(1), 0, 0));     // job started
        Assert.Equal(0.15, training(TimeSpan.FromMinutes(5 + 29.5), 0, 0));    // checkpoint in the last minute of every 30
        Assert.Equal(1.0, training(TimeSpan.FromMinutes(5 + 30) + S(1), 0, 0));
        Assert.Equal(0.05, training(TimeSpan.FromMinutes(5 + 65), 0, 0));      // gap after the 1 h job
        Assert.Equal(1.0, training(TimeSpan.FromMinutes(5 + 70) + S(1), 0, 0)); // the next job
    }

    [Fact]
    public void Training_jobs_on_different_loops_start_at_seeded_times_the_same_for_the_same_seed()
    {
        var settings = new SynchronizedTrainingWorkload { StartJitter = TimeSpan.FromMinutes(20), Seed = 7 };
        var a = settings.Create();
        var b = (settings with { }).Create();
        var other = (settings with { Seed = 8 }).Create();

        var starts = Enumerable.Range(0, 10).Select(loop => FirstNonIdle(a, loop)).ToArray();
        Assert.Equal(starts, Enumerable.Range(0, 10).Select(loop => FirstNonIdle(b, loop)));
        Assert.NotEqual(starts, Enumerable.Range(0, 10).Select(loop => FirstNonIdle(other, loop)));
        Assert.True(starts.Distinct().Count() >= 8, string.Join(", ", starts));
        Assert.All(starts, s => Assert.InRange(s, 0, 1200));
    }

    private static double FirstNonIdle(RackUtilization workload, int loop)
    {
        for (var t = 0.0; t < 1300; t += 1) if (workload(S(t), loop, 0) > 0.05) return t;
        return double.NaN;
    }

    [Fact]
    public void Inference_follows_the_day_highest_at_the_peak_hour_lowest_twelve_hours_later()
    {
        var inference = Workloads.DailyInference(new DailyInferenceWorkload { Minimum = 0.3, Peak = 0.85, PeakHour = 15, Noise = 0 });

        Assert.Equal(0.85, inference(TimeSpan.FromHours(15), 0, 0), 9);
        Assert.Equal(0.30, inference(TimeSpan.FromHours(3), 0, 0), 9);
        Assert.Equal(0.575, inference(TimeSpan.FromHours(9), 0, 0), 9);
        Assert.Equal(0.85, inference(TimeSpan.FromHours(39), 5, 3), 9);
    }

    [Fact]
    public void Inference_noise_is_seeded_bounded_continuous_and_different_per_rack()
    {
        var settings = new DailyInferenceWorkload { Noise = 0.05, Seed = 3 };
        var a = settings.Create();
        var again = settings.Create();
        var quiet = (settings with { Noise = 0 }).Create();

        var deviations = new List<double>();
        for (var t = 0.0; t < 3600; t += 10)
        {
            Assert.Equal(a(S(t), 0, 0), again(S(t), 0, 0));
            var deviation = a(S(t), 0, 0) - quiet(S(t), 0, 0);
            Assert.InRange(deviation, -0.05, 0.05);
            deviations.Add(deviation);
            Assert.InRange(Math.Abs(a(S(t + 1), 0, 0) - a(S(t), 0, 0)), 0, 0.0021); // ≤ 2·5 % per 60 s interval, per second
        }

        Assert.True(deviations.Max() - deviations.Min() > 0.05);
        Assert.NotEqual(a(S(90), 0, 0), a(S(90), 0, 1));
    }

    [Fact]
    public void Steps_ramps_idle_and_staggered_steps_do_what_they_say()
    {
        var step = Workloads.Step(S(100), 0.3, 1.0);
        Assert.Equal((0.3, 1.0), (step(S(99.9), 0, 0), step(S(100), 2, 5)));

        var ramp = Workloads.Ramp(S(100), S(50), 0.2, 0.8);
        Assert.Equal((0.2, 0.5, 0.8, 0.8), (ramp(S(50), 0, 0), ramp(S(125), 0, 0), ramp(S(150), 0, 0), ramp(S(999), 0, 0)));

        Assert.Equal(0, Workloads.Idle()(S(12), 1, 1));

        var staggered = Workloads.StaggeredSteps(S(80), 0.3, 1.0);
        Assert.Equal(0.3, staggered(S(0), 0, 0));
        Assert.Equal(1.0, staggered(S(40), 0, 0));
        Assert.Equal(1.0, staggered(S(30), 0, 2)); // rack 2 is a quarter period ahead
    }

    [Fact]
    public void A_power_trace_becomes_the_utilization_that_makes_the_rack_draw_that_power()
    {
        var rack = new GpuRackDescription();
        var full = 72 * 1400 * 1.25;
        var idle = 72 * 150 * 1.25;
        var trace = RackTrace.Read(new StringReader($"timeSeconds,r1\n0,{idle}\n60,{full}\n120,{2 * full}\n"), "power.csv", RackTraceValueKind.RackPowerWatts, rack);

        Assert.Equal(0, trace.UtilizationAt(0, 0, repeat: false), 9);
        Assert.Equal(0.5, trace.UtilizationAt(0, 30, repeat: false), 9);
        Assert.Equal(1, trace.UtilizationAt(0, 120, repeat: false), 9); // clamped
        var gpuRack = new GpuRack("r", rack with { PlateFlowSpreadFraction = 0 }, seed: 1, initialCelsius: 30) { Utilization = RackTrace.UtilizationOfPower(0.6 * full, rack) };
        gpuRack.Step(30, 100, 0.1);
        Assert.Equal(0.6 * full, gpuRack.HeatWatts, 0.03 * full); // the GPUs' seeded ±3 % power spread
    }

    [Fact]
    public void A_trace_repeats_or_holds_and_shifts_each_loop()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "timeSeconds, r1, r2\n0, 0, 100\n100, 100, 0\n");
            var repeating = new RackTraceWorkload(path, RackTraceValueKind.UtilizationPercent, new GpuRackDescription()) { LoopOffset = S(25) }.Create();
            var holding = new RackTraceWorkload(path, RackTraceValueKind.UtilizationPercent, new GpuRackDescription()) { Repeat = false }.Create();

            Assert.Equal(0.25, repeating(S(25), 0, 0), 9);
            Assert.Equal(0.75, repeating(S(25), 0, 1), 9);
            Assert.Equal(0.25, repeating(S(125), 0, 2), 9);  // rack 2 reads column 0; 125 s wraps to 25 s
            Assert.Equal(0.50, repeating(S(25), 1, 0), 9);   // loop 1 is 25 s ahead
            Assert.Equal(1.0, holding(S(500), 0, 0), 9);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("time,r1\n0,1\n", "power.csv line 1: the header must be 'timeSeconds' followed by one column per rack")]
    [InlineData("timeSeconds,r1\n0,10\n5,abc\n", "power.csv line 3, column r1: must be a number, got 'abc'")]
    [InlineData("timeSeconds,r1\n0,10\n0,20\n", "power.csv line 3, column timeSeconds: times must increase, got 0 after 0")]
    [InlineData("timeSeconds,r1\n0,10\n5,120\n", "power.csv line 3, column r1: must be between 0 and 100, got 120")]
    [InlineData("timeSeconds,r1,r2\n0,10\n", "power.csv line 2: 2 fields, the header has 3")]
    [InlineData("timeSeconds,r1\n", "power.csv: no samples after the header")]
    public void A_bad_trace_is_refused_naming_line_and_column(string csv, string expectedStart)
    {
        var e = Assert.Throws<FormatException>(() => RackTrace.Read(new StringReader(csv), "power.csv", RackTraceValueKind.UtilizationPercent, new GpuRackDescription()));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }
}
