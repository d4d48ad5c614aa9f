namespace Cooling.Fuzz;

/// <summary>The input files a path names: the file itself, or every file in a folder (sorted, not hidden).</summary>
public static class CorpusFiles
{
    public static IEnumerable<string> Under(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [path];
}
