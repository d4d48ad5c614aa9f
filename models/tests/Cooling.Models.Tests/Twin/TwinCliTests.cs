using Cooling.Twin.Benchmarks;
using Cooling.Testing;
using Cooling.Twin.Cli;

namespace Cooling.Models.Tests.Twin;

/// <summary>The <c>cooling-twin</c> command line, through its entry point and as a process.</summary>
public sealed class TwinCliTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TwinCli.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Run_simulates_a_hall_in_process_and_prints_the_summary()
    {
        var (exit, output, error) = await Run("run", "--cdus", "2", "--racks", "2", "--plant-hours", "0.1", "--seed", "3");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("2 CDUs × 2 racks × 72 GPUs, seed 3", output, StringComparison.Ordinal);
        foreach (var column in new[] { "supply |Δ| mean K", "hottest GPU max °C", "pump energy kWh", "heat rejected kWh", "energy balance error %" })
        {
            Assert.Contains(column, output, StringComparison.Ordinal);
        }

        var rows = output.Split('\n').Where(l => l.Contains("│ cdu", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains("automatic", r, StringComparison.Ordinal));
        Assert.Contains("Plant time 0.1 h", output, StringComparison.Ordinal);
        Assert.Equal("", error);
    }

    [Fact]
    public async Task The_same_seed_prints_the_same_summary()
    {
        var first = await Run("run", "--cdus", "2", "--racks", "1", "--plant-hours", "0.05", "--seed", "5", "--threads", "1");
        var second = await Run("run", "--cdus", "2", "--racks", "1", "--plant-hours", "0.05", "--seed", "5", "--threads", "2");

        static string Table(string output) => string.Join('\n', output.Split('\n').Where(l => l.Contains("│ cdu", StringComparison.Ordinal)));
        Assert.Equal(0, first.Exit);
        Assert.NotEqual("", Table(first.Output));
        Assert.Equal(Table(first.Output), Table(second.Output));
    }

    [Fact]
    public async Task Benchmark_quick_measures_every_case_and_checks_the_parallel_hall_is_deterministic()
    {
        var (exit, output, error) = await Bench("--quick");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        foreach (var name in new[] { "plant", "loop", "hall-serial", "hall-parallel" })
        {
            Assert.Contains($"│ {name} ", output, StringComparison.Ordinal);
        }

        Assert.Contains("× real time", output, StringComparison.Ordinal);
        Assert.Contains("Serial and parallel halls ended in identical states", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Benchmark_with_a_bad_thread_count_exits_with_2_and_says_so()
    {
        var (exit, _, error) = await Bench("--threads", "0");
        Assert.Equal(TwinCli.ExitUsage, exit);
        Assert.Contains("--threads: 0 is outside 1 … 64", error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> Bench(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await TwinBenchCommand.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--plant-hours: -1 is outside", "run", "--plant-hours", "-1")]
    [InlineData("--cdus: 0 is outside 1 … 64", "run", "--cdus", "0")]
    [InlineData("--racks: 65 is outside 1 … 64", "run", "--racks", "65")]
    [InlineData("--utilization: 1.5 is outside 0 … 1", "run", "--workload", "constant", "--utilization", "1.5")]
    [InlineData("--site: 'Hall 1' is not a site id", "run", "--site", "Hall 1")]
    [InlineData("--broker: 'http://x' is not a broker address", "run", "--broker", "http://x")]
    [InlineData("--plant-hours", "run", "--plant-hours", "two")]
    [InlineData("--workload", "run", "--workload", "chaos")]
    [InlineData("--broker", "rig", "--site", "lab", "--cdu", "cdu1")]
    [InlineData("--cdu: 'CDU 1' is not a CDU id", "rig", "--broker", "mqtt://127.0.0.1:1", "--cdu", "CDU 1")]
    [InlineData("--cdu: each CDU id may be given once", "rig", "--broker", "mqtt://127.0.0.1:1", "--cdu", "cdu1", "cdu1")]
    [InlineData("--frobnicate", "run", "--frobnicate")]
    [InlineData("--hall: 'no-such-hall' is neither a file nor a shipped hall (reference-hall, large-hall)", "run", "--hall", "no-such-hall")]
    [InlineData("--cdus: the hall file gives it", "run", "--hall", "reference-hall", "--cdus", "3")]
    [InlineData("--racks: the hall file gives it", "run", "--hall", "reference-hall", "--racks", "3")]
    public async Task Bad_arguments_exit_with_2_and_say_what_is_wrong(string expected, params string[] args)
    {
        var (exit, output, error) = await Run(args);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error + output, StringComparison.Ordinal);
        Assert.DoesNotContain("Summary", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hall_file_that_does_not_load_is_refused_with_every_problem_named()
    {
        var folder = Directory.CreateTempSubdirectory("twin-cli-");
        var file = Path.Combine(folder.FullName, "bad-hall.json");
        await File.WriteAllTextAsync(file, """
            { "formatVersion": 1, "name": "bad", "siteId": "h1", "cduCount": 0, "plantFile": "reference-plant.json",
              "workload": { "kind": "constant", "utilizationPercent": 50 } }
            """);

        var (exit, output, error) = await Run("run", "--hall", file);

        Assert.Equal(2, exit);
        Assert.Contains($"--hall: '{file}' was refused:", error, StringComparison.Ordinal);
        Assert.Contains("cduCount", error, StringComparison.Ordinal);
        Assert.Contains("reference-plant.json", error, StringComparison.Ordinal); // the plant file it names is not beside it
        Assert.DoesNotContain("Summary", output, StringComparison.Ordinal);
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Run_takes_a_shipped_hall_by_name()
    {
        var (exit, output, error) = await Run("run", "--hall", "reference-hall", "--plant-hours", "0.05", "--seed", "2");

        Assert.True(exit == 0, $"exit {exit}: {error}\n{output}");
        Assert.Contains("1 CDUs × 4 racks × 72 GPUs, seed 2", output, StringComparison.Ordinal);
        Assert.Single(output.Split('\n'), l => l.Contains("│ cdu", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreachable_broker_is_reported_and_exits_with_1()
    {
        var (exit, _, error) = await Run("run", "--broker", $"mqtt://127.0.0.1:{FreePort.OnLoopback()}", "--plant-hours", "0.01");

        Assert.Equal(1, exit);
        Assert.Contains("did not accept a connection", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_a_process_help_explains_the_commands_and_run_prints_its_summary()
    {
        using (var help = DotnetProcess.Start(DotnetProcess.BesideTests("cooling-twin.dll"), "--help"))
        {
            Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            foreach (var word in new[] { "run", "rig", "cooling-twin run --plant-hours 2", "Exit codes" })
            {
                Assert.Contains(word, help.Output, StringComparison.Ordinal);
            }
        }

        using (var runHelp = DotnetProcess.Start(DotnetProcess.BesideTests("cooling-twin.dll"), "run", "--help"))
        {
            Assert.Equal(0, await runHelp.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            foreach (var option in new[] { "--cdus", "--racks", "--plant-hours", "--seed", "--broker", "--speed", "--threads", "--workload", "Examples:" })
            {
                Assert.Contains(option, runHelp.Output, StringComparison.Ordinal);
            }
        }

        using var run = DotnetProcess.Start(DotnetProcess.BesideTests("cooling-twin.dll"), "run", "--cdus", "1", "--racks", "1", "--plant-hours", "0.02");
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("│ cdu1", run.Output, StringComparison.Ordinal);
        Assert.Contains("energy balance error %", run.Output, StringComparison.Ordinal);
    }
}
