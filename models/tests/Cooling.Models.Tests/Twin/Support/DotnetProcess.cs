using System.Diagnostics;
using System.Text;

namespace Cooling.Models.Tests.Twin.Support;

/// <summary>
/// An executable of this build run as a user runs it: <c>dotnet &lt;assembly&gt;.dll …</c> from the test's output folder,
/// its output (stdout and stderr) kept. Disposing kills it if it still runs.
/// </summary>
public sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DotnetProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The virtual CDU (firmware/src/Cdu.Firmware.Host), copied beside the tests.</summary>
    public static string VirtualCdu => Path.Combine(AppContext.BaseDirectory, "Cdu.Firmware.Host.dll");

    /// <summary>The twin's command line, copied beside the tests.</summary>
    public static string CoolingTwin => Path.Combine(AppContext.BaseDirectory, "cooling-twin.dll");

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static DotnetProcess Start(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return new DotnetProcess(Process.Start(start)!);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        _process.WaitForExit(); // the output's last lines
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
