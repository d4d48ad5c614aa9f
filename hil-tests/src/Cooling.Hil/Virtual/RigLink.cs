using System.Buffers;
using Cooling.Mqtt.Connection;
using Cooling.Mqtt.Topics;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Cdu.Firmware.Host;

namespace Cooling.Hil.Virtual;

/// <summary>
/// The rig's link to the broker: one MQTT connection subscribed to what the CDU publishes, every incoming message
/// queued in arrival order for the rig's one loop (<see cref="TryTake"/>), and what the rig sends.
/// </summary>
public sealed class RigLink : IAsyncDisposable
{
    private readonly BlockingCollection<(string Topic, byte[] Payload)> _inbox = [];
    private readonly MqttConnection _connection;
    private bool _disposed;

    public RigLink(string brokerUrl, string clientId, string[] subscriptions)
    {
        _connection = new MqttConnection(BrokerConnectionOptions.Parse(brokerUrl),
            new MqttSessionOptions { ClientId = clientId, Subscriptions = subscriptions });
        _connection.MessageReceived += (topic, payload) => _inbox.Add((topic, payload.ToArray()));
    }

    public Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken) => _connection.StartAsync(timeout, cancellationToken);

    public Task StopAsync(TimeSpan timeout) => _connection.StopAsync(timeout);

    /// <summary>The next message from the CDU, waiting at most <paramref name="milliseconds"/>; false when none came.</summary>
    public bool TryTake(out (string Topic, byte[] Payload) message, int milliseconds, CancellationToken cancellationToken) =>
        _inbox.TryTake(out message, milliseconds, cancellationToken);

    /// <summary>Sends at QoS 1 (requests, commands, configuration), not retained.</summary>
    public void Publish(string topic, byte[] payload) => _connection.Publish(topic, payload, payload.Length, 1, false);

    /// <summary>Sends a sensor scan at QoS 0 (the next one supersedes it), not retained.</summary>
    public void PublishScan(string topic, ReadOnlyMemory<byte> scan)
    {
        var bytes = MemoryMarshal.TryGetArray(scan, out var segment) && segment.Offset == 0 ? segment.Array! : scan.ToArray();
        _connection.Publish(topic, bytes, scan.Length, 0, false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _inbox.Dispose();
        await _connection.DisposeAsync();
    }
}
