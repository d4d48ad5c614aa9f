using System.CommandLine;
using Cooling.Hil;
using System.Globalization;
using Cooling.Hil.Scenarios;
using Cooling.Hil.Sil;
using Cooling.Hil.Runs;

var paths = new Argument<string[]>("scenarios") { Description = "Scenario files or folders of them", Arity = ArgumentArity.OneOrMore };

var list = new Command("list", "Lists the scenarios with the requirements each verifies") { paths };
list.SetAction(parse => Cli.Guarded(() =>
{
    foreach (var s in Cli.Load(parse.GetValue(paths)!))
    {
        Console.WriteLine($"{s.Name,-36} {string.Join(",", s.Requirements),-16} {s.DurationSeconds,8:F0} s  {s.Description}");
    }

    return 0;
}));

var validate = new Command("validate", "Checks scenario files; every error names the file and the field") { paths };
validate.SetAction(parse => Cli.Guarded(() =>
{
    var scenarios = Cli.Load(parse.GetValue(paths)!);
    Console.WriteLine($"{scenarios.Count} scenario(s) valid.");
    return 0;
}));

var run = new Command("run", "Runs scenarios on the SIL target (firmware core + twin plant, simulated time); exit code 1 when a criterion fails") { paths };
run.SetAction(parse => Cli.Guarded(() =>
{
    var failed = 0;
    foreach (var scenario in Cli.Load(parse.GetValue(paths)!))
    {
        var result = SilRunner.Run(scenario);
        Console.WriteLine($"{(result.Passed ? "PASS" : "FAIL")}  {scenario.Name} ({result.WallTime.TotalSeconds:F1} s)");
        foreach (var v in result.Verdicts)
        {
            var limits = v.Limits;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"      {(v.Passed ? "pass" : "FAIL")}  {v.Criterion.Requirement,-6} {v.Criterion.Kpi} = {v.Value:G4} (from {v.Criterion.FromSeconds} s; {limits})"));
        }

        failed += result.Passed ? 0 : 1;
    }

    return failed == 0 ? 0 : 1;
}));

var root = new RootCommand("The CDU certification suite: scenarios as data, run against the firmware core (SIL: on the twin's plant, in process, on simulated time).")
{
    list, validate, run,
};
return await root.Parse(args).InvokeAsync();

namespace Cooling.Hil
{
    internal static class Cli
    {
        public static IReadOnlyList<Scenario> Load(IEnumerable<string> paths) =>
            [.. paths.SelectMany(p => Directory.Exists(p) ? ScenarioLoader.LoadFolder(p) : [ScenarioLoader.Load(p)])];

        public static int Guarded(Func<int> action)
        {
            try
            {
                return action();
            }
            catch (ScenarioException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }
    }
}
