using System.Diagnostics;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cooling.Supervisor.Tests;

/// <summary>
/// A real mosquitto on 127.0.0.1 with a plain listener and, optionally, a TLS listener whose server certificate is
/// signed by a CA made for this test (the shared fixture in Cooling.Testing has no TLS listener) (written as PEM next to the configuration). Disposing stops it and deletes the folder.
/// </summary>
internal sealed class TlsMosquitto : IAsyncDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _folder;

    private TlsMosquitto(Process process, DirectoryInfo folder, int port, int tlsPort)
    {
        _process = process;
        _folder = folder;
        Port = port;
        TlsPort = tlsPort;
    }

    public int Port { get; }

    public int TlsPort { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    public string CaPath => Path.Combine(_folder.FullName, "ca.pem");

    /// <summary>A second CA's certificate, which signed nothing here.</summary>
    public string OtherCaPath => Path.Combine(_folder.FullName, "other-ca.pem");

    public static async Task<TlsMosquitto> StartAsync(bool tls = false)
    {
        var folder = Directory.CreateTempSubdirectory("cooling-mosquitto-tls-");
        var port = Broker.EmbeddedBroker.FreeLoopbackPort();
        var tlsPort = tls ? Broker.EmbeddedBroker.FreeLoopbackPort() : 0;
        var config = $"""
            per_listener_settings false
            allow_anonymous true
            persistence false
            log_dest stderr
            log_type error
            listener {port} 127.0.0.1
            """;
        if (tls && !OperatingSystem.IsWindows())
        {
            WriteCertificates(folder.FullName);
            config += $"""

                listener {tlsPort} 127.0.0.1
                cafile {Path.Combine(folder.FullName, "ca.pem")}
                certfile {Path.Combine(folder.FullName, "server.pem")}
                keyfile {Path.Combine(folder.FullName, "server.key")}
                """;
        }

        var path = Path.Combine(folder.FullName, "mosquitto.conf");
        await File.WriteAllTextAsync(path, config + "\n");
        var start = new ProcessStartInfo("/usr/sbin/mosquitto") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(path);
        var process = Process.Start(start)!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var broker = new TlsMosquitto(process, folder, port, tlsPort);
        try
        {
            await WaitListeningAsync(process, port);
            if (tls) await WaitListeningAsync(process, tlsPort);
        }
        catch (InvalidOperationException ex)
        {
            await broker.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message} {string.Join(" | ", output)}", ex);
        }
        return broker;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void WriteCertificates(string folder)
    {
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=Cooling Test CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        using var serverKey = RSA.Create(2048);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var server = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), [1, 2, 3, 4, 5, 6, 7, 8]);

        using var otherKey = RSA.Create(2048);
        using var other = new CertificateRequest("CN=Unrelated CA", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        File.WriteAllText(Path.Combine(folder, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "other-ca.pem"), other.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "server.key"), serverKey.ExportPkcs8PrivateKeyPem());

        // mosquitto started as root reads its certificates as the unprivileged user it switches to.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        File.SetUnixFileMode(folder, readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        foreach (var file in Directory.GetFiles(folder)) File.SetUnixFileMode(file, readable);
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
                await Task.Delay(25);
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
