namespace Cdu.Firmware.Tests.Support;

/// <summary>Finds the repository root (the folder with Cooling.sln) above the test's output folder.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "Cooling.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Cooling.sln not found above " + AppContext.BaseDirectory);
    }
}
