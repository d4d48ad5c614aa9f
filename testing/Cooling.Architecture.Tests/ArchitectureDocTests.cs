using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Cooling.Architecture.Tests;

/// <summary>
/// docs/architecture.md draws every project reference of the solution as an arrow in its ```project-references
/// block; these tests compare the arrows with the ProjectReference items of every project in Cooling.sln, and the
/// README's layout with the solution's projects.
/// </summary>
public sealed class ArchitectureDocTests
{
    [Fact]
    public void The_documented_project_references_are_those_of_the_project_files()
    {
        var documented = ProjectReferenceArrows.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "architecture.md")));
        var built = SolutionProjectReferences.Read(RepositoryRoot.Solution);

        var difference = ProjectReferenceArrows.Compare(documented, built);

        Assert.True(difference.Length == 0, "docs/architecture.md does not match the project files:\n" + difference);
    }

    [Fact]
    public void The_comparison_names_each_missing_and_each_extra_arrow()
    {
        var documented = ProjectReferenceArrows.Parse("text\n```project-references\nA -> B   # note\nA -> C\n```\n");
        string[] built = ["A -> B", "B -> D"];

        var difference = ProjectReferenceArrows.Compare(documented, built);

        Assert.Contains("missing in docs/architecture.md: B -> D", difference, StringComparison.Ordinal);
        Assert.Contains("in docs/architecture.md without a ProjectReference: A -> C", difference, StringComparison.Ordinal);
        Assert.DoesNotContain("A -> B", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_of_the_arrow_block_that_is_not_an_arrow_is_refused_with_its_text()
    {
        var error = Assert.Throws<FormatException>(() => ProjectReferenceArrows.Parse("```project-references\nA => B\n```\n"));

        Assert.Contains("A => B", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_project_of_the_solution_is_in_the_readme_layout()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var layout = readme[readme.IndexOf("## Layout", StringComparison.Ordinal)..];

        var missing = SolutionProjectReferences.Projects(RepositoryRoot.Solution)
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !Regex.IsMatch(layout, $@"(?<![\w.]){Regex.Escape(name!)}(?![\w.])"))
            .ToList();

        Assert.True(missing.Count == 0, "README.md's Layout does not list: " + string.Join(", ", missing));
    }
}

/// <summary>The arrows of the ```project-references block: one "A -> B" per line, "#" starts a comment.</summary>
public static partial class ProjectReferenceArrows
{
    public static IReadOnlyList<string> Parse(string markdown)
    {
        var arrows = new List<string>();
        var inside = false;
        var found = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!inside)
            {
                if (line.Trim() == "```project-references") inside = found = true;
                continue;
            }

            if (line.Trim() == "```") return arrows;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var text = (hash >= 0 ? line[..hash] : line).Trim();
            if (text.Length == 0) continue;
            var match = Arrow().Match(text);
            if (!match.Success) throw new FormatException($"not an arrow 'A -> B' in the project-references block: {line}");
            arrows.Add(match.Groups[1].Value + " -> " + match.Groups[2].Value);
        }

        throw new FormatException(found ? "the project-references block is not closed" : "no ```project-references block");
    }

    /// <summary>The arrows missing from the document and those it draws without a reference, one per line; empty when they agree.</summary>
    public static string Compare(IEnumerable<string> documented, IEnumerable<string> built)
    {
        var doc = documented.ToHashSet(StringComparer.Ordinal);
        var real = built.ToHashSet(StringComparer.Ordinal);
        var lines = real.Where(a => !doc.Contains(a)).Order(StringComparer.Ordinal).Select(a => "missing in docs/architecture.md: " + a)
            .Concat(doc.Where(a => !real.Contains(a)).Order(StringComparer.Ordinal).Select(a => "in docs/architecture.md without a ProjectReference: " + a));
        return string.Join("\n", lines);
    }

    [GeneratedRegex(@"^([A-Za-z0-9_.]+)\s*->\s*([A-Za-z0-9_.]+)$")]
    private static partial Regex Arrow();
}

/// <summary>
/// The ProjectReference items of every project in a solution, as "A -> B" by project file name: those of the project
/// file, of the files it imports by a path, and of the Directory.Build.props/.targets above it.
/// </summary>
public static partial class SolutionProjectReferences
{
    public static IReadOnlyList<string> Projects(string solution)
    {
        var folder = Path.GetDirectoryName(solution)!;
        return File.ReadLines(solution).Select(l => ProjectLine().Match(l)).Where(m => m.Success)
            .Select(m => Path.GetFullPath(Path.Combine(folder, m.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar))))
            .ToList();
    }

    public static IReadOnlyList<string> Read(string solution)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(solution))!;
        var arrows = new List<string>();
        foreach (var project in Projects(solution))
        {
            var from = Path.GetFileNameWithoutExtension(project);
            var files = new List<string>();
            Collect(project, files);
            foreach (var buildFile in DirectoryBuildFiles(Path.GetDirectoryName(project)!, root)) Collect(buildFile, files);
            arrows.AddRange(files.SelectMany(References).Select(to => from + " -> " + Path.GetFileNameWithoutExtension(to)));
        }

        return arrows.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Collect(string file, List<string> files)
    {
        if (files.Contains(file, StringComparer.Ordinal)) return;
        files.Add(file);
        foreach (var import in XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "Import"))
        {
            var path = Expand(import.Attribute("Project")?.Value ?? "", file);
            if (path.Contains("$(", StringComparison.Ordinal)) continue; // SDK imports
            var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
            if (File.Exists(full)) Collect(full, files);
        }
    }

    private static IEnumerable<string> References(string file) =>
        XDocument.Load(file).Descendants().Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, Expand(e.Attribute("Include")!.Value, file).Replace('\\', Path.DirectorySeparatorChar))));

    private static string Expand(string value, string file) =>
        value.Replace("$(MSBuildThisFileDirectory)", Path.GetDirectoryName(file) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> DirectoryBuildFiles(string folder, string root)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets" })
            {
                var candidate = Path.Combine(dir.FullName, name);
                if (File.Exists(candidate)) yield return candidate;
            }

            if (string.Equals(dir.FullName.TrimEnd(Path.DirectorySeparatorChar), root.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)) yield break;
        }
    }

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\)\s*=\s*""[^""]*""\s*,\s*""([^""]+\.csproj)""")]
    private static partial Regex ProjectLine();
}

/// <summary>The repository that holds the test assembly: the folder with Cooling.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Solution => System.IO.Path.Combine(Path, "Cooling.sln");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Cooling.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("Cooling.sln not found above the test assembly");
    }
}
