using System.Xml.Linq;

namespace Cooling.Architecture.Tests;

/// <summary>
/// Runtime code never depends on test code: a project that is not a test, test-helper or bench project (not under a
/// <c>tests/</c>, <c>testing/</c> or <c>bench/</c> folder) may reference no project under <c>testing/</c> or
/// <c>*/tests/*</c>, and no package of a test framework (xunit…, Microsoft.NET.Test.Sdk) or whose name ends in
/// <c>.Testing</c>. Paths are relative to the repository root, with '/' separators.
/// </summary>
public static class ProjectDependencyRule
{
    private static readonly string[] TestPackagePrefixes = ["xunit", "Microsoft.NET.Test.Sdk", "NUnit", "MSTest", "coverlet"];

    /// <summary>True for a project that holds tests, test helpers or benchmarks (the rule does not apply to it).</summary>
    public static bool IsTestOrBench(string projectPath)
    {
        var folders = projectPath.Replace('\\', '/').Split('/')[..^1];
        return folders.Any(f => f is "tests" or "testing" or "bench");
    }

    /// <summary>True for a referenced project under testing/ or a tests/ folder.</summary>
    public static bool IsTestProject(string projectPath)
    {
        var folders = projectPath.Replace('\\', '/').Split('/')[..^1];
        return folders.Any(f => f is "tests" or "testing");
    }

    /// <summary>True for a test framework package or a package whose name ends in <c>.Testing</c>.</summary>
    public static bool IsTestPackage(string packageId) =>
        packageId.EndsWith(".Testing", StringComparison.OrdinalIgnoreCase)
        || TestPackagePrefixes.Any(p => packageId.Equals(p, StringComparison.OrdinalIgnoreCase) || packageId.StartsWith(p + ".", StringComparison.OrdinalIgnoreCase));

    /// <summary>The violations of one project file (<paramref name="projectPath"/> relative to the root, <paramref name="projectXml"/> its text).</summary>
    public static IReadOnlyList<string> Violations(string projectPath, string projectXml)
    {
        projectPath = projectPath.Replace('\\', '/');
        if (IsTestOrBench(projectPath)) return [];
        var document = XDocument.Parse(projectXml);
        var folder = Path.GetDirectoryName(projectPath)!.Replace('\\', '/');
        var violations = new List<string>();
        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = reference.Attribute("Include")?.Value;
            if (include is null) continue;
            var target = Normalize(folder + "/" + include.Replace('\\', '/'));
            if (IsTestProject(target)) violations.Add($"{projectPath} references the test project {target}");
        }

        foreach (var reference in document.Descendants().Where(e => e.Name.LocalName == "PackageReference"))
        {
            var id = reference.Attribute("Include")?.Value ?? reference.Attribute("Update")?.Value;
            if (id is not null && IsTestPackage(id)) violations.Add($"{projectPath} references the test package {id}");
        }

        return violations;
    }

    /// <summary>Resolves '.' and '..' in a '/'-separated relative path.</summary>
    public static string Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
