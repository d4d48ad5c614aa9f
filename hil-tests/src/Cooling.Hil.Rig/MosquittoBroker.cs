namespace Cooling.Hil.Rig;

/// <summary>
/// A real mosquitto (Debian package) for one rig run or one test: its own configuration in a temporary folder, listening on
/// 127.0.0.1 and a free port, no persistence. <see cref="StopAsync"/> kills it (clients see the connection drop,
/// as in an outage), <see cref="RestartAsync"/> starts it again on the same port; disposing stops it and deletes
/// the folder.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);
    private readonly DirectoryInfo _folder;
    private ServerProcess? _process;

    private MosquittoBroker(DirectoryInfo folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>True while the broker process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    private string ConfigPath => Path.Combine(_folder.FullName, "mosquitto.conf");

    /// <summary>The mosquitto executable; throws with the package to install when it is missing.</summary>
    public static string Executable => InstalledProgram.Find("mosquitto", "mosquitto", "/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto");

    /// <summary>Starts a broker on 127.0.0.1 and a free port and waits until it accepts connections.</summary>
    public static Task<MosquittoBroker> StartAsync() => StartAsync(port => $"""
        listener {port} 127.0.0.1
        allow_anonymous true
        persistence false
        max_queued_messages 100000
        log_dest stderr
        log_type error
        log_type warning
        """);

    /// <summary>
    /// Starts a broker with the configuration <paramref name="configuration"/> writes for a free loopback port (its
    /// first listener, which <see cref="Port"/> names: TLS, passwords and ACLs as the configuration says) and waits until
    /// that port accepts connections.
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync(Func<int, string> configuration)
    {
        var executable = Executable;
        var folder = Directory.CreateTempSubdirectory("cooling-mosquitto-");
        var broker = new MosquittoBroker(folder, FreePort.OnLoopback());
        try
        {
            await File.WriteAllTextAsync(broker.ConfigPath, configuration(broker.Port) + "\n");
            await broker.LaunchAsync(executable);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the broker; every client sees its connection drop.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the broker again (stopping it first if it runs) on the same port with the same configuration.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync(Executable);
    }

    private async Task LaunchAsync(string executable)
    {
        _process = ServerProcess.Start(executable, "-c", ConfigPath);
        await _process.WaitListeningAsync("mosquitto", Port, StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_folder.Exists)
        {
            _folder.Delete(recursive: true);
        }
    }
}
