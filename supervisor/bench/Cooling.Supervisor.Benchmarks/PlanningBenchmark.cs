using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>
/// <c>cooling-supervisor-bench planning</c>: the processor time of the supervisor's planning rounds on the twin's large
/// hall (<see cref="PlannedTwinHall"/>, model-based planner) for several planning periods, each against the former
/// default (a round every 1 s) measured in the same run, on the same hall after one warm-up (settings alternate over
/// the rounds; wall time of each round on one thread): rounds and loops planned per second, planning time per
/// simulated second (= the share of one core it takes in real time), per round and per planned loop, requests sent
/// per CDU and minute, and how many decisions the model made (rather than its fallback).
/// </summary>
public static class PlanningBenchmark
{
    private sealed record Setting(string Name, double PeriodSeconds, double ReplanSeconds);

    private static readonly Setting[] Settings =
    [
        new("1 s rounds (former default, baseline)", 1.0, 1.0),
        new("0.2 s rounds, loops with new telemetry (default)", 0.2, 1.0),
        new("0.2 s rounds, every loop every round", 0.2, 0.2),
        new("0.1 s rounds, loops with new telemetry", 0.1, 1.0),
        new("0.1 s rounds, every loop every round", 0.1, 0.1),
    ];

    public static Command Command()
    {
        var cdus = new Option<int>("--cdus") { Description = "CDU loops of the large hall (8 racks × 72 GPUs each)", DefaultValueFactory = _ => 50 };
        var warmUp = new Option<int>("--warm-up-seconds") { Description = "Simulated seconds before measuring (the models learn)", DefaultValueFactory = _ => 600 };
        var seconds = new Option<int>("--seconds") { Description = "Simulated seconds measured per setting and round", DefaultValueFactory = _ => 60 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds over all settings", DefaultValueFactory = _ => 2 };
        var command = new Command("planning", "Measures the processor time of planning rounds on the twin's large hall for several planning periods against the 1 s baseline.")
        {
            cdus, warmUp, seconds, rounds,
        };
        command.SetAction(parse =>
        {
            Run(parse.GetValue(cdus), parse.GetValue(warmUp), parse.GetValue(seconds), parse.GetValue(rounds));
            return 0;
        });
        return command;
    }

    private static void Run(int cdus, int warmUpSeconds, int seconds, int rounds)
    {
        Console.WriteLine(F($"cooling-supervisor-bench planning: {cdus} CDUs × 8 racks × 72 GPUs (twin large hall, rack telemetry every 1 s), model-based planner, {warmUpSeconds} s warm-up, {seconds} s measured per setting, {rounds} rounds, {Environment.ProcessorCount} cores, load average {LoadAverage()}"));
        var planner = new DecisionCount(new ModelBasedPlanner());
        var hall = new PlannedTwinHall(cdus, Options(Settings[1]), planner);
        try
        {
            hall.Run(warmUpSeconds, tick => tick()); // the models learn; the runtime compiles the hot paths optimised
            var samples = Settings.ToDictionary(s => s, _ => new List<Sample>());
            for (var round = 1; round <= rounds; round++)
            {
                foreach (var setting in round % 2 == 1 ? Settings : Settings.Reverse())
                {
                    var sample = Measure(hall, planner, setting, cdus, seconds);
                    samples[setting].Add(sample);
                    Console.WriteLine(F($"  round {round}: {setting.Name}: {sample.MillisecondsPerSecond:F2} ms of planning per simulated second, {sample.LoopsPerSecond:F1} loops planned/s"));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| setting | rounds/s | loops planned/s | planning ms per s (share of one core) | ratio to baseline | µs per round (mean / p99) | µs per planned loop | requests per CDU and minute | model decisions |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            var baseline = samples[Settings[0]].Average(s => s.MillisecondsPerSecond);
            foreach (var setting in Settings)
            {
                var s = samples[setting];
                var perSecond = s.Average(x => x.MillisecondsPerSecond);
                Console.WriteLine(F($"| {setting.Name} | {1 / setting.PeriodSeconds:F0} | {s.Average(x => x.LoopsPerSecond):F1} | {perSecond:F2} ({perSecond / 10:F2} %) | {perSecond / baseline:F2} | {s.Average(x => x.RoundMeanMicroseconds):F0} / {s.Average(x => x.RoundP99Microseconds):F0} | {s.Average(x => x.MicrosecondsPerLoop):F1} | {s.Average(x => x.RequestsPerCduMinute):F1} | {s.Average(x => x.ModelShare):P0} |"));
            }
        }
        finally
        {
            hall.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static SupervisorOptions Options(Setting setting) => new() { PlanningPeriodSeconds = setting.PeriodSeconds, ReplanSeconds = setting.ReplanSeconds };

    private static Sample Measure(PlannedTwinHall hall, DecisionCount planner, Setting setting, int cdus, int seconds)
    {
        hall.Plan(Options(setting));
        planner.Reset();
        var durations = new List<double>(seconds * 10);
        hall.Run(seconds, tick =>
        {
            var started = Stopwatch.GetTimestamp();
            tick();
            durations.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
        });
        var loops = hall.Coordinator.LoopsPlanned;
        var total = durations.Sum();
        durations.Sort();
        return new Sample(
            total / 1000 / seconds,
            (double)loops / seconds,
            durations.Average(),
            durations[Math.Clamp((int)Math.Ceiling(0.99 * durations.Count) - 1, 0, durations.Count - 1)],
            loops == 0 ? double.NaN : total / loops,
            hall.Coordinator.RequestsSent / (double)cdus / (seconds / 60.0),
            planner.Decisions == 0 ? 0 : (double)planner.ModelDecisions / planner.Decisions);
    }

    private sealed record Sample(double MillisecondsPerSecond, double LoopsPerSecond, double RoundMeanMicroseconds, double RoundP99Microseconds,
        double MicrosecondsPerLoop, double RequestsPerCduMinute, double ModelShare);

    // Counts the decisions and which planner made them.
    private sealed class DecisionCount(ISetpointPlanner inner) : ISetpointPlanner
    {
        public long Decisions { get; private set; }

        public long ModelDecisions { get; private set; }

        public string Name => inner.Name;

        public LoopDecision Plan(LoopObservation observation)
        {
            var decision = inner.Plan(observation);
            Decisions++;
            if (decision.Planner == "model") ModelDecisions++;
            return decision;
        }

        public void Reset() => (Decisions, ModelDecisions) = (0, 0);
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
