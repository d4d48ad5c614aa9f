using Cooling.Twin.Cli;

// cooling-twin: see TwinCli, or run it with --help.
return await TwinCli.RunAsync(args, Console.Out, Console.Error);
