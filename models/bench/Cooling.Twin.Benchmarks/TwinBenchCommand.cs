using System.CommandLine;
using System.Globalization;
using Cooling.Twin.Cli;
using Spectre.Console;

namespace Cooling.Twin.Benchmarks;

/// <summary><c>cooling-twin-bench</c>: simulated time / wall time of one CDU loop and of a large hall.</summary>
public static class TwinBenchCommand
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = Create(output, error).Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        return parse.Errors.Count > 0 && exit != 0 ? TwinCli.ExitUsage : exit;
    }

    /// <summary>Targets of the twin (issue "Done when"): one loop at ≥ 5,000× real time on one core, the hall at ≥ 100×.</summary>
    public const double LoopTarget = 5_000;

    public const double HallTarget = 100;

    public static RootCommand Create(TextWriter output, TextWriter error)
    {
        var quick = new Option<bool>("--quick") { Description = "A few seconds in all (4-CDU hall, short runs): to check that it works, not to quote" };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads of the parallel hall measurement (1-64; default: one per core)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "count",
        };
        var command = new RootCommand("""
            Measures how much faster than real time the twin runs (plant time / wall time), each figure against a
            baseline measured in the same run:
              plant          one CDU loop of 8 racks × 72 GPUs, the plant alone under fixed commands (baseline)
              loop           the same loop with the real firmware core in it, 100 ms control step, one thread,
                             workload of the shipped large hall (synchronized training, 40 % ↔ 100 % every 6 s)
                             (target ≥ 5,000× real time)
              hall-serial    the shipped large hall: 50 such loops (400 racks, 28,800 GPUs), one thread (baseline)
              hall-parallel  the same hall on --threads threads (target ≥ 100× real time); the parallel run must end
                             in exactly the same state as the serial one, which is checked
            "× real time" is plant time over wall time; "× real time per core" is plant time over the processor time the
            process used, which does not depend on what else the machine runs. The full run takes about half a minute on
            two idle cores. Figures are recorded in docs/performance.md.

            Examples:
              cooling-twin-bench
              cooling-twin-bench --quick
            """);
        command.Options.Add(quick);
        command.Options.Add(threads);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var threadCount = parse.GetValue(threads);
            if (threadCount is < 1 or > 64)
            {
                await error.WriteLineAsync($"--threads: {threadCount.ToString(CultureInfo.InvariantCulture)} is outside 1 … 64.");
                return TwinCli.ExitUsage;
            }

            var options = (parse.GetValue(quick) ? TwinBenchmarkOptions.Quick : new TwinBenchmarkOptions()) with { Threads = threadCount };
            var console = TwinConsole.Create(output);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Twin speed benchmark{(parse.GetValue(quick) ? " (quick)" : "")}: {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            var result = TwinBenchmark.Run(options, what => console.WriteLine($"  measuring: {what} …"));
            console.Write(Table(result, options));
            var loop = result["loop"];
            var serial = result["hall-serial"];
            var parallel = result["hall-parallel"];
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Firmware core + plant against the plant alone: {result["plant"].TimesRealTime / loop.TimesRealTime:0.00}× the cost. Hall on {options.Threads} threads against 1: {parallel.TimesRealTime / serial.TimesRealTime:0.00}× faster."));
            console.WriteLine(result.SerialAndParallelIdentical
                ? "Serial and parallel halls ended in identical states (every CDU's figures equal)."
                : "Serial and parallel halls ended in DIFFERENT states: the hall is not deterministic across threads.");
            return result.SerialAndParallelIdentical ? TwinCli.ExitOk : TwinCli.ExitFailed;
        });
        return command;
    }

    private static Table Table(TwinBenchmarkResult result, TwinBenchmarkOptions options)
    {
        var table = new Table { Title = new TableTitle("Simulated time / wall time") };
        table.AddColumn("measurement");
        table.AddColumn("what");
        table.AddColumn(new TableColumn("plant time").RightAligned());
        table.AddColumn(new TableColumn("wall time s").RightAligned());
        table.AddColumn(new TableColumn("× real time").RightAligned());
        table.AddColumn(new TableColumn("CPU time s").RightAligned());
        table.AddColumn(new TableColumn("× real time per core").RightAligned());
        table.AddColumn("target");
        foreach (var m in result.Measurements)
        {
            var target = m.Name switch { "loop" => LoopTarget, "hall-parallel" => HallTarget, _ => double.NaN };
            var verdict = double.IsNaN(target) ? "baseline"
                : options.HallCdus < 50 && m.Name == "hall-parallel" ? $"≥ {target:0} (full run only)"
                : m.TimesRealTime >= target ? $"≥ {target:0}: met" : $"≥ {target:0}: NOT met";
            table.AddRow(m.Name, m.What, Plant(m.PlantTime), m.WallTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                m.TimesRealTime.ToString("#,0", CultureInfo.InvariantCulture), m.ProcessorTime.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                m.TimesRealTimePerCore.ToString("#,0", CultureInfo.InvariantCulture), verdict);
        }

        return table;
    }

    private static string Plant(TimeSpan t) => t.TotalHours >= 1
        ? t.TotalHours.ToString("0.##", CultureInfo.InvariantCulture) + " h"
        : t.TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + " min";
}
