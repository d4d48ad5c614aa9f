using System.Diagnostics;
using System.Reflection;

namespace Cooling.Hil.Reports;

/// <summary>What was tested: the suite's assembly version and the git commit of the working tree (with "+dirty" when it has changes).</summary>
public sealed record BuildInfo(string AssemblyVersion, string GitCommit)
{
    public static BuildInfo Current(string workingDirectory)
    {
        var version = typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? typeof(BuildInfo).Assembly.GetName().Version?.ToString() ?? "unknown";
        var commit = Git(workingDirectory, "rev-parse HEAD");
        if (commit is not null && !string.IsNullOrWhiteSpace(Git(workingDirectory, "status --porcelain --untracked-files=no"))) commit += "+dirty";
        return new BuildInfo(version, commit ?? "unknown (not a git working tree)");
    }

    private static string? Git(string directory, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("git", arguments)
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
