using System.Diagnostics;
using Cdu.Firmware.Tests.Support;

namespace Cdu.Firmware.Tests.Guard;

/// <summary>
/// Builds the firmware core project exactly as configured (FirmwareGuard.props, banned symbols, guard analyzer)
/// with one extra source file, into a private output folder, and returns what the compiler said.
/// </summary>
public static class ProbeBuild
{
    public static (int ExitCode, string Output) Run(string source)
    {
        var folder = Directory.CreateTempSubdirectory("cdu-guard-probe-");
        try
        {
            var probe = Path.Combine(folder.FullName, "Probe.cs");
            File.WriteAllText(probe, source);
            var project = Path.Combine(RepositoryRoot.Path, "firmware", "src", "Cdu.Firmware", "Cdu.Firmware.csproj");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            foreach (var argument in new[]
            {
                "build", project, "--no-restore", "--nologo", "-nodeReuse:false", "-p:UseSharedCompilation=false",
                $"-p:GuardProbeFile={probe}", $"-p:OutDir={folder.FullName}/bin/", $"-p:IntermediateOutputPath={folder.FullName}/obj/",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The probe build did not finish within 3 minutes.");
            }

            return (process.ExitCode, output.Result + error.Result);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
