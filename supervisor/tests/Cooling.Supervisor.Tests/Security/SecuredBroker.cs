using Cooling.Supervisor.Broker;
using Cooling.Testing;

namespace Cooling.Supervisor.Tests.Security;

/// <summary>
/// A broker enforcing a <see cref="SecuredSite"/>'s identities, for the same cases on both brokers: a real mosquitto
/// running the shipped deploy/mosquitto/mosquitto.conf (paths and ports rewritten for the test, both listeners TLS), or
/// the embedded broker loaded from the same identity and password files (plain loopback endpoint plus a TLS endpoint).
/// </summary>
internal sealed class SecuredBroker : IAsyncDisposable
{
    private readonly SecuredSite _site;
    private readonly MosquittoBroker? _mosquitto;
    private readonly EmbeddedBroker? _embedded;
    private readonly int _passwordPort;
    private readonly int _certificatePort;
    private readonly bool _passwordPortIsTls;

    private SecuredBroker(SecuredSite site, MosquittoBroker? mosquitto, EmbeddedBroker? embedded, int passwordPort, int certificatePort, bool passwordPortIsTls)
    {
        _site = site;
        _mosquitto = mosquitto;
        _embedded = embedded;
        _passwordPort = passwordPort;
        _certificatePort = certificatePort;
        _passwordPortIsTls = passwordPortIsTls;
    }

    public EmbeddedBroker? Embedded => _embedded;

    public int PasswordPort => _passwordPort;

    public static async Task<SecuredBroker> StartAsync(string kind, SecuredSite site, bool requireClientCertificate = false) => kind switch
    {
        "mosquitto" => await StartMosquittoAsync(site),
        "embedded" => await StartEmbeddedAsync(site, requireClientCertificate),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "mosquitto or embedded"),
    };

    private static async Task<SecuredBroker> StartMosquittoAsync(SecuredSite site)
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(SecuredSite.RepositoryRoot(), "deploy", "mosquitto", "mosquitto.conf"));
        var certificatePort = FreePort.OnLoopback();
        var mosquitto = await MosquittoBroker.StartAsync(port => shipped
            .Replace("/etc/mosquitto/cooling/", site.Folder + "/", StringComparison.Ordinal)
            .Replace("listener 8883", $"listener {certificatePort} 127.0.0.1", StringComparison.Ordinal)
            .Replace("listener 8884", $"listener {port} 127.0.0.1", StringComparison.Ordinal) // the last listener: open when the fixture sees it
            .Replace("log_dest syslog", "log_dest stderr", StringComparison.Ordinal));
        return new SecuredBroker(site, mosquitto, null, mosquitto.Port, certificatePort, passwordPortIsTls: true);
    }

    private static async Task<SecuredBroker> StartEmbeddedAsync(SecuredSite site, bool requireClientCertificate)
    {
        var access = BrokerAccess.Load(site.IdentityFile, site.PasswordFile, site.CaPath);
        var embedded = await EmbeddedBroker.StartAsync(access, tls: new EmbeddedBrokerTls(0, site.ServerCertificatePath, site.ServerKeyPath, requireClientCertificate));
        return new SecuredBroker(site, null, embedded, embedded.Port, embedded.TlsPort!.Value, passwordPortIsTls: false);
    }

    /// <summary>mosquitto_pub/sub arguments to connect as <paramref name="identity"/> with its password (null: anonymous).</summary>
    public string[] AsIdentity(string? identity, string? password = null)
    {
        List<string> arguments = ["-h", "127.0.0.1", "-p", $"{_passwordPort}", "-q", "1"];
        if (_passwordPortIsTls) arguments.AddRange(["--cafile", _site.CaPath]);
        if (identity is not null) arguments.AddRange(["-u", identity, "-P", password ?? _site.Password(identity)]);
        return [.. arguments];
    }

    /// <summary>mosquitto_pub/sub arguments to connect over TLS with <paramref name="identity"/>'s client certificate, trusting <paramref name="caPath"/>.</summary>
    public string[] WithCertificate(string identity, string? caPath = null) =>
        ["-h", "127.0.0.1", "-p", $"{_certificatePort}", "-q", "1", "--cafile", caPath ?? _site.CaPath,
            "--cert", _site.ClientCertificate(identity), "--key", _site.ClientKey(identity)];

    /// <summary>Arguments for a TLS connection as <paramref name="identity"/> (password) that trusts <paramref name="caPath"/>.</summary>
    public string[] OverTls(string identity, string caPath) => _passwordPortIsTls
        ? ["-h", "127.0.0.1", "-p", $"{_passwordPort}", "-q", "1", "--cafile", caPath, "-u", identity, "-P", _site.Password(identity)]
        : ["-h", "127.0.0.1", "-p", $"{_certificatePort}", "-q", "1", "--cafile", caPath, "-u", identity, "-P", _site.Password(identity)];

    public async ValueTask DisposeAsync()
    {
        if (_mosquitto is not null) await _mosquitto.DisposeAsync();
        if (_embedded is not null) await _embedded.DisposeAsync();
    }
}
