using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Cooling.Mqtt.Connection;
using Cooling.Twin.Hall;
using Spectre.Console;

namespace Cooling.Twin.Cli;

/// <summary><c>cooling-twin run</c>: a hall for a given plant time, in this process or on a broker, with progress and a summary.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var hall = new HallOptions();
        var cdus = new Option<int>("--cdus") { Description = "CDU loops in the hall (1-64; not with --hall)", DefaultValueFactory = _ => 2, HelpName = "count" };
        var hours = new Option<double>("--plant-hours") { Description = "Plant time to simulate, hours (> 0, at most 720)", DefaultValueFactory = _ => 2, HelpName = "hours" };
        var threads = new Option<int>("--threads")
        {
            Description = "Threads stepping the CDU loops (1-64; default: one per core). The results do not depend on it",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            HelpName = "count",
        };
        var broker = new Option<string?>("--broker")
        {
            Description = "Run on an MQTT broker like real devices (mqtt://host:port): every CDU connects with its own client, publishes birth, telemetry and events and takes setpoint requests and commands; every rack agent publishes its telemetry. Without it the hall runs in this process, as fast as it can, with no broker",
            HelpName = "url",
        };
        var speed = new Option<double>("--speed")
        {
            Description = "With --broker: plant seconds per wall-clock second (1 = real time, what a supervisor expects; 60 = an hour a minute)",
            DefaultValueFactory = _ => 1,
            HelpName = "factor",
        };
        var command = new Command("run", """
            Runs a simulated hall: every CDU is the real firmware core on simulated I/O bound to its own loop plant
            (pumps, valve, heat exchanger, racks of GPUs), stepped every 100 ms of plant time. Prints a progress bar and,
            at the end, per CDU: supply temperature deviation from its setpoint after the first 10 plant minutes (mean
            and max), the hottest GPU, pump energy, IT heat, heat rejected to facility water and the energy-balance
            error (IT heat − heat rejected − change of stored heat, relative to IT heat).

            Examples:
              cooling-twin run --plant-hours 2 --seed 1
              cooling-twin run --hall large-hall --plant-hours 1
              cooling-twin run --hall models/plants/reference-hall.json --plant-hours 24 --seed 7
              cooling-twin run --cdus 8 --racks 8 --plant-hours 24 --workload constant --utilization 0.8
              cooling-twin run --broker mqtt://127.0.0.1:1883 --site hall1 --cdus 2 --plant-hours 1 --speed 10
            """);
        foreach (var option in hall.All) command.Options.Add(option);
        command.Options.Add(cdus);
        command.Options.Add(hours);
        command.Options.Add(threads);
        command.Options.Add(broker);
        command.Options.Add(speed);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var plantHours = parse.GetValue(hours);
            var threadCount = parse.GetValue(threads);
            var factor = parse.GetValue(speed);
            var problem = !(plantHours > 0 && plantHours <= 720) ? $"--plant-hours: {plantHours.ToString(CultureInfo.InvariantCulture)} is outside (0, 720]."
                : threadCount is < 1 or > 64 ? $"--threads: {threadCount.ToString(CultureInfo.InvariantCulture)} is outside 1 … 64."
                : !(factor > 0 && factor <= 100_000) ? $"--speed: {factor.ToString(CultureInfo.InvariantCulture)} is outside (0, 100000]."
                : parse.GetValue(cdus) is < 1 or > 64 ? $"--cdus: {parse.GetValue(cdus).ToString(CultureInfo.InvariantCulture)} is outside 1 … 64."
                : parse.GetValue(hall.Hall) is not null && parse.GetResult(cdus) is { Implicit: false } ? "--cdus: the hall file gives it; leave it out with --hall."
                : null;
            var description = problem is null ? hall.Describe(parse, parse.GetValue(cdus), out problem) : null;
            BrokerConnectionOptions? address = null;
            if (problem is null && parse.GetValue(broker) is { } url)
            {
                try
                {
                    address = BrokerConnectionOptions.Parse(url);
                }
                catch (FormatException ex)
                {
                    problem = "--broker: " + ex.Message;
                }
            }

            if (problem is not null || description is null)
            {
                await error.WriteLineAsync(problem);
                return TwinCli.ExitUsage;
            }

            var console = TwinConsole.Create(output);
            var duration = TimeSpan.FromHours(plantHours);
            return address is null
                ? RunInProcess(console, description, duration, threadCount, cancellationToken)
                : await RunOnBrokerAsync(console, error, description, address, duration, factor, threadCount, cancellationToken);
        });
        return command;
    }

    private static int RunInProcess(IAnsiConsole console, HallDescription description, TimeSpan duration, int threads, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"Hall [bold]{description.SiteId}[/]: {description.CduCount} CDUs × {description.Loop.RackCount} racks × {description.Loop.Rack.GpuCount} GPUs, seed {description.Seed}, in this process on {threads} thread(s), {duration.TotalHours:0.##} plant hours");
        using var twin = new TwinHall(description) { Threads = threads };
        var wall = Stopwatch.StartNew();
        var cancelled = false;
        Progress(console).Start(context =>
        {
            var task = context.AddTask("plant time", maxValue: duration.TotalSeconds);
            try
            {
                twin.Run(duration, t => task.Value = t.TotalSeconds, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        });
        wall.Stop();
        PrintSummary(console, twin.Summarize(), twin.PlantTime, wall.Elapsed, cancelled);
        return cancelled ? TwinCli.ExitCancelled : TwinCli.ExitOk;
    }

    private static async Task<int> RunOnBrokerAsync(IAnsiConsole console, TextWriter error, HallDescription description, BrokerConnectionOptions broker,
        TimeSpan duration, double speed, int threads, CancellationToken cancellationToken)
    {
        console.MarkupLineInterpolated($"Hall [bold]{description.SiteId}[/]: {description.CduCount} CDUs × {description.Loop.RackCount} racks, seed {description.Seed}, on broker {broker} at {speed:0.##}× real time, {duration.TotalHours:0.##} plant hours");
        var time = new ScaledTimeProvider(speed);
        await using var twin = new SimulatedHall(description, broker, time) { Threads = threads };
        try
        {
            await twin.StartAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            await error.WriteLineAsync($"--broker: {broker} did not accept a connection within 10 s.");
            return TwinCli.ExitFailed;
        }
        catch (OperationCanceledException)
        {
            return TwinCli.ExitCancelled;
        }

        var wall = Stopwatch.StartNew();
        var cancelled = false;
        await Progress(console).StartAsync(async context =>
        {
            var task = context.AddTask("plant time", maxValue: duration.TotalSeconds);
            try
            {
                while (twin.PlantTime < duration)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                    twin.CatchUp(duration);
                    task.Value = Math.Min(twin.PlantTime.TotalSeconds, duration.TotalSeconds);
                }
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
        });
        wall.Stop();
        PrintSummary(console, twin.Summarize(), twin.PlantTime, wall.Elapsed, cancelled);
        console.WriteLine($"Rack telemetry messages published: {twin.RackMessagesPublished}");
        return cancelled ? TwinCli.ExitCancelled : TwinCli.ExitOk;
    }

    internal static Progress Progress(IAnsiConsole console) => console.Progress()
        .AutoClear(false)
        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn());

    internal static void PrintSummary(IAnsiConsole console, IReadOnlyList<CduSummary> summary, TimeSpan plantTime, TimeSpan wallTime, bool cancelled)
    {
        console.WriteLine();
        console.Write(SummaryTable.Create(summary, cancelled ? "Summary (cancelled)" : "Summary"));
        var ratio = wallTime > TimeSpan.Zero ? plantTime / wallTime : double.PositiveInfinity;
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Plant time {plantTime.TotalHours:0.###} h in {wallTime.TotalSeconds:0.0} s of wall time: {ratio:0}× real time."));
    }
}
