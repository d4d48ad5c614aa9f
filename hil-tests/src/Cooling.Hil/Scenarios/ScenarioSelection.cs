namespace Cooling.Hil.Scenarios;

/// <summary>Which scenarios a command means: files and folders (default: the repository's hil-tests/scenarios), filtered by tag.</summary>
public static class ScenarioSelection
{
    public static IReadOnlyList<Scenario> Load(IReadOnlyList<string> paths, IReadOnlyList<string> tags)
    {
        var sources = paths.Count > 0 ? paths : [DefaultFolder()];
        var scenarios = sources.SelectMany(p => Directory.Exists(p) ? ScenarioLoader.LoadFolder(p)
            : File.Exists(p) ? [ScenarioLoader.Load(p)]
            : throw new ScenarioException($"{p}: no such scenario file or folder")).ToList();
        var duplicate = scenarios.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ScenarioException($"scenario name '{duplicate.Key}' is used by {string.Join(" and ", duplicate.Select(s => s.Source))}");
        return tags.Count == 0 ? scenarios : [.. scenarios.Where(s => s.Tags.Any(tags.Contains))];
    }

    /// <summary>hil-tests/scenarios of the repository around the current folder.</summary>
    public static string DefaultFolder()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "hil-tests", "scenarios");
            if (Directory.Exists(candidate)) return candidate;
        }

        throw new ScenarioException("no scenarios given and no hil-tests/scenarios above the current folder");
    }
}
