using System.Net;
using System.Text.Json;

using Cooling.Hil.Rig;

namespace Cooling.Testing;

/// <summary>
/// A real InfluxDB 1.x (Debian package influxdb, influxd 1.6) for one test: a configuration in a temporary folder
/// with its meta, data and WAL folders there, the HTTP API on 127.0.0.1 and a free port, the RPC (backup) port on
/// 127.0.0.1 and another free port, usage reporting, self-monitoring and logging turned off.
/// <see cref="StopAsync"/> kills it (as a crash or outage would); <see cref="RestartAsync"/> starts it again on the
/// same ports and data. Disposing stops it and deletes the folder.
/// </summary>
public sealed class InfluxDbServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _folder;
    private readonly HttpClient _http;
    private ServerProcess? _process;

    private InfluxDbServer(DirectoryInfo folder, int httpPort, int rpcPort)
    {
        _folder = folder;
        HttpPort = httpPort;
        RpcPort = rpcPort;
        Url = new Uri($"http://127.0.0.1:{httpPort}/");
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Port of the HTTP API (write, query, ping).</summary>
    public int HttpPort { get; }

    /// <summary>Port of the RPC service used by backup and restore.</summary>
    public int RpcPort { get; }

    /// <summary>Base address of the HTTP API, e.g. http://127.0.0.1:40123/.</summary>
    public Uri Url { get; }

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The folder that holds the configuration and the meta, data and WAL folders.</summary>
    public string Folder => _folder.FullName;

    private string ConfigPath => Path.Combine(_folder.FullName, "influxdb.conf");

    /// <summary>The influxd executable; throws with the package to install when it is missing.</summary>
    public static string Executable => InstalledProgram.Find("influxd", "influxdb", "/usr/bin/influxd", "/usr/local/bin/influxd");

    /// <summary>Starts a server on 127.0.0.1 and free ports and waits until /ping answers.</summary>
    public static async Task<InfluxDbServer> StartAsync()
    {
        var executable = Executable;
        var folder = Directory.CreateTempSubdirectory("cooling-influxdb-");
        var httpPort = FreePort.OnLoopback();
        var rpcPort = FreePort.OnLoopback();
        while (rpcPort == httpPort)
        {
            rpcPort = FreePort.OnLoopback();
        }

        var server = new InfluxDbServer(folder, httpPort, rpcPort);
        try
        {
            await File.WriteAllTextAsync(server.ConfigPath, Configuration(folder.FullName, httpPort, rpcPort));
            await server.LaunchAsync(executable);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server; its HTTP port stops answering. Data already written stays in its folders.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>Starts the server again (stopping it first if it runs) on the same ports with the same data.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await LaunchAsync(Executable);
    }

    /// <summary>Runs an InfluxQL statement that changes something (CREATE DATABASE, DROP …) with POST /query.</summary>
    public async Task ExecuteAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        using var content = new FormUrlEncodedContent([new("q", influxQl)]);
        using var response = await _http.PostAsync("query", content, cancellationToken);
        await ReadSeriesAsync(response, influxQl, cancellationToken);
    }

    /// <summary>
    /// Runs an InfluxQL query on <paramref name="database"/> with GET /query (times as Unix milliseconds) and returns
    /// the series of its first statement; an error from the server throws with its message.
    /// </summary>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string database, string influxQl, CancellationToken cancellationToken = default)
    {
        var uri = $"query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(influxQl)}";
        using var response = await _http.GetAsync(uri, cancellationToken);
        return await ReadSeriesAsync(response, influxQl, cancellationToken);
    }

    /// <summary>The databases on the server.</summary>
    public async Task<IReadOnlyList<string>> DatabasesAsync(CancellationToken cancellationToken = default)
    {
        var series = await QueryAsync("", "SHOW DATABASES", cancellationToken);
        return [.. series.SelectMany(s => s.Column("name")).Select(v => v.GetString() ?? "")];
    }

    private static async Task<IReadOnlyList<InfluxSeries>> ReadSeriesAsync(HttpResponseMessage response, string influxQl, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to '{influxQl}': {body}");
        }

        using var document = JsonDocument.Parse(body);
        var first = document.RootElement.GetProperty("results")[0];
        if (first.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"InfluxDB refused '{influxQl}': {error.GetString()}");
        }

        return first.TryGetProperty("series", out var series) ? [.. series.EnumerateArray().Select(InfluxSeries.Parse)] : [];
    }

    private async Task LaunchAsync(string executable)
    {
        _process = ServerProcess.Start(executable, "run", "-config", ConfigPath);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("ping");
                if (response.StatusCode == HttpStatusCode.NoContent)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            catch (HttpRequestException)
            {
                break;
            }

            if (DateTime.UtcNow >= deadline || _process.HasExited)
            {
                break;
            }

            await Task.Delay(25);
        }

        throw new InvalidOperationException(
            $"influxd did not answer /ping on {Url} within {StartTimeout.TotalSeconds:F0} s{(_process.HasExited ? " (it exited)" : "")}. Its output:{Environment.NewLine}{_process.RecentOutput}");
    }

    // influxd 1.6 configuration: everything under the temporary folder, nothing listening beyond loopback.
    private static string Configuration(string folder, int httpPort, int rpcPort) => $"""
        reporting-disabled = true
        bind-address = "127.0.0.1:{rpcPort}"

        [meta]
          dir = "{Path.Combine(folder, "meta")}"
          logging-enabled = false

        [data]
          dir = "{Path.Combine(folder, "data")}"
          wal-dir = "{Path.Combine(folder, "wal")}"
          query-log-enabled = false
          trace-logging-enabled = false

        [monitor]
          store-enabled = false

        [http]
          enabled = true
          bind-address = "127.0.0.1:{httpPort}"
          auth-enabled = false
          log-enabled = false
          write-tracing = false
          pprof-enabled = false

        [logging]
          level = "error"
          suppress-logo = true

        [continuous_queries]
          enabled = false
          log-enabled = false

        [subscriber]
          enabled = false
        """;

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
        if (_folder.Exists)
        {
            _folder.Delete(recursive: true);
        }
    }
}
