using System.Diagnostics;
using System.Text;

namespace Cooling.Hall.Tests;

/// <summary>
/// The README's run command, started as a new user would (on the build the test run already made): the live table
/// appears with live content, Ctrl+C exits 0 with a summary. How long the table took is printed, not asserted: wall
/// time on a shared machine is not a property of the product.
/// </summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task The_run_command_shows_the_live_table_and_exits_0_on_Ctrl_C()
    {
        var root = RepositoryRoot();
        var folder = Directory.CreateTempSubdirectory("cooling-run-");
        var output = new StringBuilder();
        var tableShown = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var rackRowShown = false;
        // setsid gives the command its own process group, so that SIGINT reaches it the way a terminal's Ctrl+C does.
        var start = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "dotnet", "run", "--no-build", "--project", "supervisor/src/Cooling.Hall", "--", "--store", Path.Combine(folder.FullName, "hall.db") })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        try
        {
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (output) output.AppendLine(e.Data);
                // The table is shown with live content: a rack row, and the CDU row with an acknowledged request.
                if (e.Data.Contains("cdu1-r01", StringComparison.Ordinal)) rackRowShown = true;
                if (rackRowShown && e.Data.Contains("accepted", StringComparison.Ordinal)) tableShown.TrySetResult(clock.Elapsed);
            };
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null) lock (output) output.AppendLine(e.Data);
            };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var shownAfter = await tableShown.Task.WaitAsync(TimeSpan.FromSeconds(120));
            Console.WriteLine($"the live table appeared after {shownAfter.TotalSeconds:F1} s");
            await Task.Delay(TimeSpan.FromSeconds(3));

            using (var interrupt = Process.Start("kill", ["-s", "INT", "--", $"-{process.Id}"]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exited.Token);
            var text = output.ToString();
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{text}");
            Assert.Contains("CDUs", text);
            Assert.Contains("hottest GPU °C", text);
            Assert.Contains("alarms", text);
            Assert.Contains("cdu1-r01", text);
            Assert.Contains("Stopped.", text);
            Assert.Contains("setpoint requests", text);
            Assert.DoesNotContain("Unhandled exception", text);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            folder.Delete(recursive: true);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Cooling.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }
}
