using Cooling.Twin.Benchmarks;

// cooling-twin-bench: see TwinBenchCommand, or run it with --help.
return await TwinBenchCommand.RunAsync(args, Console.Out, Console.Error);
