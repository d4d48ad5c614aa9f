using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace Cooling.Supervisor.Broker;

/// <summary>
/// The embedded MQTT broker (MQTTnet.Server) for a site without one: loopback only, on a given or free port.
/// Limits of the embedded server: no shared subscriptions, and at most
/// <see cref="MaximumPendingMessagesPerClient"/> queued messages per client before it drops the oldest.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    public const int MaximumPendingMessagesPerClient = 100_000;

    private readonly MqttServer _server;

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    public string Url => $"mqtt://127.0.0.1:{Port}";

    /// <summary>Starts a broker on 127.0.0.1:<paramref name="port"/>; port 0 picks a free one.</summary>
    public static async Task<EmbeddedBroker> StartAsync(int port = 0)
    {
        var chosen = port == 0 ? FreeLoopbackPort() : port;
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(chosen)
            .WithMaxPendingMessagesPerClient(MaximumPendingMessagesPerClient)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        await server.StartAsync();
        return new EmbeddedBroker(server, chosen);
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
