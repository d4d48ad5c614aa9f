using System.CommandLine;

namespace Cooling.Twin.Cli;

/// <summary>The <c>cooling-twin</c> command line: <c>run</c> and <c>rig</c> (the speed benchmark is cooling-twin-bench, models/bench).</summary>
public static class TwinCli
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;
    public const int ExitCancelled = 130;

    /// <summary>Parses and runs <paramref name="args"/>, writing to <paramref name="output"/> and <paramref name="error"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var parse = CreateCommand(output, error).Parse(args);
        var exit = await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = TimeSpan.FromSeconds(10) }, cancellationToken);

        // A command line that does not parse (an unknown option, a number that is not one, …) is a usage error: 2.
        return parse.Errors.Count > 0 && exit != 0 ? ExitUsage : exit;
    }

    public static RootCommand CreateCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("""
            cooling-twin: the digital twin of a liquid-cooled hall. Every CDU is the real firmware core (the code the
            controllers run) on simulated I/O bound to a physics model of its loop — pumps on their curves, the facility
            valve, the plate heat exchanger, racks of GPUs that heat up and throttle — all on simulated time.

              run        a hall for a given plant time, in this process (fast) or on an MQTT broker like real devices
              rig        play the plant for external CDUs (HIL bench, virtual CDU processes) over the HIL I/O topics

            Start with:  cooling-twin run --plant-hours 2
            Each command explains itself:  cooling-twin run --help
            Exit codes: 0 done, 1 could not run (e.g. broker unreachable), 2 invalid options, 130 stopped by Ctrl+C.
            """)
        {
            RunCommand.Create(output, error),
            RigCommand.Create(output, error),
        };
        return root;
    }
}
