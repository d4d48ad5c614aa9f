using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Cdu.Firmware.Benchmarks.ControlCycleBenchmarks).Assembly).Run(args);
