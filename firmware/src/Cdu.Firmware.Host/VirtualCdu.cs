using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using Microsoft.Extensions.Logging;

namespace Cdu.Firmware.Host;

/// <summary>
/// The firmware core running as a .NET object on a broker: binds a <see cref="CduController"/> to an
/// <see cref="MqttConnection"/> (inbound requests → the core's inbox; the core's publications → the broker)
/// and publishes the birth message after every (re)connection. The caller runs <see cref="RunCycle"/> every
/// control period on its own clock.
/// </summary>
public sealed class VirtualCdu : IAsyncDisposable
{
    private readonly MqttConnection _connection;
    private int _birthPending;

    public VirtualCdu(CduSettings settings, IClock clock, ICduIo io, BrokerAddress broker, string siteId, string cduId, ILogger? logger = null)
    {
        var topics = new CduTopics(siteId, cduId);
        var bus = new ConnectionBus();
        Controller = new CduController(settings, clock, io, bus, topics);
        var will = CduController.ComposeLastWill(new CduMessageComposer(256));
        _connection = new MqttConnection(broker, $"cdu-{siteId}-{cduId}", topics.State, will.Buffer.AsSpan(0, will.Length).ToArray(),
            [topics.SetpointRequest], logger);
        bus.Connection = _connection;
        _connection.MessageReceived += (topic, payload) => Controller.Inbox.TryEnqueue(topic, payload, 0, payload.Length);
        _connection.Connected += () => Interlocked.Exchange(ref _birthPending, 1);
    }

    public CduController Controller { get; }

    public MqttConnection Connection => _connection;

    public Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => _connection.StartAsync(timeout, cancellationToken);

    /// <summary>One control cycle (after the birth message when a connection was just made).</summary>
    public void RunCycle()
    {
        if (Interlocked.Exchange(ref _birthPending, 0) == 1)
        {
            Controller.PublishBirth();
        }

        Controller.RunCycle();
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private sealed class ConnectionBus : IMessageBus
    {
        public MqttConnection? Connection { get; set; }

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) =>
            Connection?.Publish(topic, payload, length, qualityOfService, retain);
    }
}
