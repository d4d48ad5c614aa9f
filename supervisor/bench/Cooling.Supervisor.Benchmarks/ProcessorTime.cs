using System.Diagnostics;

namespace Cooling.Supervisor.Benchmarks;

/// <summary>Processor time used by this process and by the mosquitto serving a port (read from /proc on Linux).</summary>
public sealed class ProcessorTime(int brokerPort)
{
    private readonly int? _brokerPid = FindMosquitto(brokerPort);

    /// <summary>This process's processor time and the broker's (zero when it cannot be read).</summary>
    public (TimeSpan Own, TimeSpan Broker) Now()
    {
        using var self = Process.GetCurrentProcess();
        return (self.TotalProcessorTime, Broker());
    }

    private TimeSpan Broker()
    {
        if (_brokerPid is not { } pid) return TimeSpan.Zero;
        try
        {
            using var broker = Process.GetProcessById(pid);
            return broker.TotalProcessorTime;
        }
        catch (ArgumentException)
        {
            return TimeSpan.Zero;
        }
    }

    // The mosquitto whose configuration file (its "-c" argument) has a listener on the port.
    private static int? FindMosquitto(int port)
    {
        if (!OperatingSystem.IsLinux()) return null;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid)) continue;
                var arguments = File.ReadAllText(Path.Combine(directory, "cmdline")).Split('\0');
                var c = Array.IndexOf(arguments, "-c");
                if (!arguments[0].EndsWith("mosquitto", StringComparison.Ordinal) || c < 0 || c + 1 >= arguments.Length) continue;
                if (File.ReadAllText(arguments[c + 1]).Contains($"listener {port} ", StringComparison.Ordinal)) return pid;
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }
}
