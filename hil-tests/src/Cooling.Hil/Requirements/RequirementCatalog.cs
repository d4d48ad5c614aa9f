using System.Text.RegularExpressions;

namespace Cooling.Hil.Requirements;

/// <summary>
/// The requirement list, read from docs/requirements.md: every table row whose first cell is an ID (CTL-1, SAF-4, …);
/// the second cell is the criterion, the last cell what verifies it.
/// </summary>
public static partial class RequirementCatalog
{
    public static IReadOnlyList<Requirement> Read(string markdownPath)
    {
        var requirements = new List<Requirement>();
        foreach (var line in File.ReadLines(markdownPath))
        {
            var match = Row().Match(line);
            if (!match.Success) continue;
            var cells = line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            requirements.Add(new Requirement(cells[0], cells.Length > 1 ? cells[1] : "", cells.Length > 2 ? cells[^1] : ""));
        }

        return requirements;
    }

    /// <summary>docs/requirements.md of the repository that holds <paramref name="start"/> (a scenario folder), or null.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "docs", "requirements.md");
            if (File.Exists(candidate)) return candidate;
        }

        return null;
    }

    [GeneratedRegex(@"^\|\s*[A-Z]{2,4}-[0-9]{1,3}\s*\|")]
    private static partial Regex Row();
}
