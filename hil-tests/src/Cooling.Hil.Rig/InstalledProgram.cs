namespace Cooling.Hil.Rig;

/// <summary>Finds a Debian-packaged program the rig and the real-server fixtures run; a clear error says how to get it.</summary>
public static class InstalledProgram
{
    /// <summary>The first of <paramref name="candidates"/> that exists.</summary>
    /// <exception cref="InvalidOperationException">None exists; the message names the package to install.</exception>
    public static string Find(string name, string debianPackage, params string[] candidates) =>
        candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"{name} is not installed (looked for {string.Join(", ", candidates)}): install the Debian package '{debianPackage}' " +
            "(scripts/test.sh installs it).");
}
