using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// The embedded MQTT broker (MQTTnet.Server) for a site without one: loopback only, on a given or free port, with an
/// optional TLS endpoint. It enforces a <see cref="BrokerAccess"/>: the site's identities and their topics
/// (<see cref="BrokerAccessEnforcer"/>), or, for a lab only, anonymous clients without rules.
/// Limits of the embedded server: no shared subscriptions, and at most
/// <see cref="MaximumPendingMessagesPerClient"/> queued messages per client before it drops the oldest.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    public const int MaximumPendingMessagesPerClient = 100_000;

    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port, int? tlsPort, BrokerAccessEnforcer enforcer)
    {
        _server = server;
        Port = port;
        TlsPort = tlsPort;
        Access = enforcer;
    }

    public int Port { get; }

    /// <summary>The TLS endpoint's port, or null without one.</summary>
    public int? TlsPort { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>What the broker refused (connections, publishes, subscriptions).</summary>
    public BrokerAccessEnforcer Access { get; }

    /// <summary>
    /// Starts a broker on 127.0.0.1:<paramref name="port"/> (0 picks a free one) enforcing <paramref name="access"/>,
    /// with a TLS endpoint on 127.0.0.1 when <paramref name="tls"/> is given. <see cref="BrokerAccess.AnonymousLab"/> is
    /// logged as a warning.
    /// </summary>
    public static async Task<EmbeddedBroker> StartAsync(BrokerAccess access, int port = 0, EmbeddedBrokerTls? tls = null, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var chosen = port == 0 ? FreeLoopbackPort() : port;
        var enforcer = new BrokerAccessEnforcer(access, logger);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(chosen)
            .WithMaxPendingMessagesPerClient(MaximumPendingMessagesPerClient);
        int? tlsPort = null;
        if (tls is not null)
        {
            tlsPort = tls.Port == 0 ? FreeLoopbackPort() : tls.Port;
            var certificate = X509Certificate2.CreateFromPemFile(tls.CertificatePemPath, tls.KeyPemPath);
            builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptedEndpointPort(tlsPort.Value)
                .WithEncryptionCertificate(certificate)
                .WithEncryptionSslProtocol(System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13);
            if (tls.RequireClientCertificate)
            {
                if (access.ClientAuthorities is null) throw new ArgumentException("RequireClientCertificate needs the client CA of the site's identities.");
                builder.WithClientCertificate((_, certificate, _, errors) => enforcer.ValidateClientCertificate(certificate, errors));
            }
        }

        var server = new MqttServerFactory().CreateMqttServer(builder.Build());
        enforcer.Attach(server);
        if (access.IsAnonymousLab)
        {
            logger.LogWarning("Embedded broker in ANONYMOUS LAB mode: any client may connect, publish and subscribe to anything. Never on a site (docs/security.md).");
        }

        await server.StartAsync();
        return new EmbeddedBroker(server, chosen, tlsPort, enforcer);
    }

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }
}
