namespace Cooling.Fuzz;

/// <summary>The repository's root folder: the nearest folder above the program (or the working folder) holding Cooling.sln.</summary>
public static class RepositoryFolder
{
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cooling.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Cooling.sln not found above the program or the working folder");
    }
}
