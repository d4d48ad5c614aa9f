namespace Cooling.Hil.Tests.Support;

/// <summary>Paths inside the repository that holds the test assembly.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scenarios => Path.Combine(Root, "hil-tests", "scenarios");

    public static string Scenario(string name) => Path.Combine(Scenarios, name + ".json");

    public static string RequirementsMarkdown => Path.Combine(Root, "docs", "requirements.md");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (Directory.Exists(Path.Combine(directory.FullName, "hil-tests", "scenarios"))) return directory.FullName;
        }

        throw new InvalidOperationException("hil-tests/scenarios not found above the test assembly");
    }
}
