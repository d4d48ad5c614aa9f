using System.Diagnostics;
using System.Net.Sockets;
using Cooling.Supervisor.Broker;

namespace Cooling.Hall.Tests.Brokers;

/// <summary>
/// A real mosquitto (Debian package) started for one test: its own configuration in a temporary folder,
/// listening on 127.0.0.1 and a free port, no persistence. Disposing stops it and deletes the folder.
/// The README's test command installs mosquitto when it is missing; without it this fixture fails loudly.
/// </summary>
public sealed class MosquittoBroker : IBrokerUnderTest
{
    private Process _process;
    private readonly DirectoryInfo _folder;

    private MosquittoBroker(Process process, DirectoryInfo folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>Kills the broker (clients see the connection drop, as in an outage).</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the broker again on the same port with the same configuration.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(Path.Combine(_folder.FullName, "mosquitto.conf"));
        await WaitListeningAsync(_process, Port);
    }

    public string Name => "mosquitto";

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    public static string Executable =>
        new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("mosquitto is not installed: run the README's test command (scripts/test.sh), which installs it.");

    public static async Task<IBrokerUnderTest> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("mosquitto-");
        var port = EmbeddedBroker.FreeLoopbackPort();
        var config = Path.Combine(folder.FullName, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 100000
            log_dest stderr
            log_type error
            log_type warning
            """);
        var process = Launch(config);
        var broker = new MosquittoBroker(process, folder, port);
        try
        {
            await WaitListeningAsync(process, port);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    private static Process Launch(string config)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var process = Process.Start(start)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private static async Task WaitListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"mosquitto did not start listening on 127.0.0.1:{port}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Delete(recursive: true);
    }
}
