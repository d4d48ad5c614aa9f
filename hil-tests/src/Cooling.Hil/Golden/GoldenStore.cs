using System.Text.Json;
using Cooling.Hil.Kpis;
using Cooling.Hil.Runs;

namespace Cooling.Hil.Golden;

/// <summary>
/// Golden results beside the scenarios (scenarios/golden/&lt;name&gt;.json): every KPI of every planner's run with a
/// tolerance. <see cref="Compare"/> names each KPI that moved beyond it; <see cref="Update"/> rewrites the file
/// deliberately, keeping tolerances an engineer tightened or widened by hand.
/// </summary>
public static class GoldenStore
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string FolderFor(string scenarioSource) => Path.Combine(Path.GetDirectoryName(scenarioSource) ?? ".", "golden");

    public static string PathFor(ScenarioResult result) => Path.Combine(FolderFor(result.Scenario.Source), result.Scenario.Name + ".json");

    public static GoldenFile? Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<GoldenFile>(File.ReadAllText(path), Options) : null;

    /// <summary>Every KPI of <paramref name="result"/> that moved beyond its golden tolerance; a missing golden file or planner is itself reported.</summary>
    public static IReadOnlyList<GoldenDeviation> Compare(ScenarioResult result)
    {
        var golden = Read(PathFor(result));
        var deviations = new List<GoldenDeviation>();
        foreach (var run in result.Runs)
        {
            if (golden is null || !golden.Runs.TryGetValue(run.Planner, out var kpis))
            {
                deviations.Add(new GoldenDeviation(result.Scenario.Name, run.Planner, "(no golden result)", double.NaN, double.NaN, 0));
                continue;
            }

            var current = run.Kpis;
            foreach (var (name, g) in kpis)
            {
                if (!current.TryGetValue(name, out var value) || !Within(g, value)) deviations.Add(new GoldenDeviation(result.Scenario.Name, run.Planner, name, g.Value, value, g.Tolerance));
            }
        }

        return deviations;
    }

    /// <summary>Writes the golden file of <paramref name="result"/>: current values, existing tolerances kept, new ones by <see cref="DefaultTolerance"/>.</summary>
    public static string Update(ScenarioResult result)
    {
        var path = PathFor(result);
        var old = Read(path);
        var runs = new Dictionary<string, Dictionary<string, GoldenKpi>>(StringComparer.Ordinal);
        foreach (var run in result.Runs)
        {
            var kpis = new Dictionary<string, GoldenKpi>(StringComparer.Ordinal);
            foreach (var (name, value) in run.Kpis.OrderBy(k => k.Key, StringComparer.Ordinal))
            {
                var tolerance = old?.Runs.GetValueOrDefault(run.Planner)?.GetValueOrDefault(name)?.Tolerance ?? DefaultTolerance(name, value);
                kpis[name] = new GoldenKpi(Round(value), tolerance);
            }

            runs[run.Planner] = kpis;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonSerializer.Serialize(new GoldenFile { Scenario = result.Scenario.Name, Seed = result.Seed, Runs = runs }, Options) + "\n");
        return path;
    }

    public static bool Within(GoldenKpi golden, double value)
    {
        if (double.IsNaN(golden.Value) || double.IsNaN(value)) return double.IsNaN(golden.Value) && double.IsNaN(value);
        if (double.IsInfinity(golden.Value) || double.IsInfinity(value)) return golden.Value == value;
        return Math.Abs(value - golden.Value) <= golden.Tolerance + 1e-9;
    }

    /// <summary>5 % of the value, at least a floor that fits the KPI's unit (sensor noise and one control cycle are not regressions).</summary>
    public static double DefaultTolerance(string kpi, double value)
    {
        var floor = KpiCatalog.Get(kpi).Unit switch
        {
            "°C" => 0.2,
            "K" => 0.05,
            "K·s" => 5,
            "s" => 1,
            "%" => 0.5,
            "%/s" => 0.05,
            "K/min" => 0.05,
            "kWh" => 0.01,
            "–" => 0.02,
            _ => 0,
        };
        return double.IsFinite(value) ? Round(Math.Max(floor, 0.05 * Math.Abs(value))) : 0;
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 6) : value;
}
