using Cooling.Fuzz;
using SharpFuzz;

// cooling-fuzz list                        the targets
// cooling-fuzz <target>                    one target under afl-fuzz (input from AFL++; scripts/fuzz.sh starts it)
// cooling-fuzz <target> <file|folder>...   the harness over the given inputs in-process: replays a crash, checks a corpus
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: cooling-fuzz list | <target> [<file|folder>...]");
    return args.Length == 0 ? 2 : 0;
}

if (args[0] == "list")
{
    foreach (var name in FuzzTargets.Names)
    {
        Console.WriteLine($"{name,-22} {FuzzTargets.Describe(name)}");
    }

    return 0;
}

if (!FuzzTargets.Exists(args[0]))
{
    Console.Error.WriteLine($"unknown target '{args[0]}'; `cooling-fuzz list` names them");
    return 2;
}

if (args.Length == 1)
{
    FuzzTarget? fuzzed = null;
    Fuzzer.OutOfProcess.Run(stream =>
    {
        fuzzed ??= FuzzTargets.Create(args[0]);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        fuzzed.Run(buffer.ToArray());
    });
    return 0;
}

var target = FuzzTargets.Create(args[0]);
var failures = 0;
var inputs = 0;
foreach (var path in args.Skip(1).SelectMany(CorpusFiles.Under))
{
    inputs++;
    try
    {
        target.Run(File.ReadAllBytes(path));
    }
#pragma warning disable CA1031 // every escape is a finding to report, whatever its type
    catch (Exception ex)
#pragma warning restore CA1031
    {
        failures++;
        Console.Error.WriteLine($"{path}: {ex.GetType().Name}: {ex.Message}");
        Console.Error.WriteLine(ex.StackTrace);
    }
}

Console.WriteLine($"{args[0]}: {inputs} inputs, {failures} failed");
return failures == 0 && inputs > 0 ? 0 : 1;
