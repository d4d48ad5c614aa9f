using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;
using System.Buffers;
using Cooling.Mqtt.Connection;
using Microsoft.Extensions.Logging;

namespace Cdu.Firmware.Mqtt;

/// <summary>
/// The firmware core running as a .NET object on a broker: binds a <see cref="CduController"/> to an
/// <see cref="MqttConnection"/> and publishes the birth message after every (re)connection. The connection subscribes
/// to the four topics the core handles (setpoint requests, commands, configuration set and get), which go to the
/// core's inbox, and to any <c>additionalSubscriptions</c>, whose messages are raised as
/// <see cref="OtherMessageReceived"/> (the HIL sensor topic, for instance). The caller runs <see cref="RunCycle"/>
/// every control period on its own clock and <see cref="CduController.WatchdogCheck"/> from an independent timer.
/// </summary>
public sealed class VirtualCdu : IAsyncDisposable
{
    private readonly MqttConnection _connection;
    private readonly CduTopics _topics;
    private readonly byte[] _offline;
    private int _birthPending;

    /// <summary>A virtual CDU whose configuration lives only in <paramref name="settings"/> (nothing stored).</summary>
    public VirtualCdu(CduSettings settings, IClock clock, ICduIo io, BrokerConnectionOptions broker, string siteId, string cduId, ILogger? logger = null)
        : this(settings, clock, io, broker, siteId, cduId, storage: null, additionalSubscriptions: null, logger)
    {
    }

    /// <summary>
    /// A virtual CDU whose configuration and pump run hours live in <paramref name="storage"/> (null: nothing is stored
    /// and <paramref name="settings"/> is used as given; a missing or corrupt stored configuration loads the defaults and
    /// raises ConfigurationDefaultsLoaded).
    /// </summary>
    public VirtualCdu(CduSettings settings, IClock clock, ICduIo io, BrokerConnectionOptions broker, string siteId, string cduId,
        IPersistentStorage? storage, IReadOnlyList<string>? additionalSubscriptions, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _topics = new CduTopics(siteId, cduId);
        var bus = new ConnectionBus();
        Bus = bus;
        Controller = new CduController(settings, clock, io, bus, _topics, storage);
        var composer = new CduMessageComposer(256);
        var will = CduController.ComposeLastWill(composer);
        _offline = will.Buffer.AsSpan(0, will.Length).ToArray();
        string[] subscriptions = [_topics.SetpointRequest, _topics.Command, _topics.ConfigurationSet, _topics.ConfigurationGet, .. additionalSubscriptions ?? []];
        _connection = new MqttConnection(broker,
            new MqttSessionOptions { ClientId = ClientId(siteId, cduId), WillTopic = _topics.State, WillPayload = _offline, Subscriptions = subscriptions },
            logger, timeProvider);
        bus.Connection = _connection;
        _connection.MessageWithRetainReceived += Route;
        _connection.Connected += () => Interlocked.Exchange(ref _birthPending, 1);
    }

    /// <summary>Raised on the network thread for a message on one of the additional subscriptions.</summary>
    public event Action<string, byte[]>? OtherMessageReceived;

    public CduController Controller { get; }

    public MqttConnection Connection => _connection;

    /// <summary>The CDU's outbound link (what the core publishes through); other publishers of the CDU (HIL actuators) share it.</summary>
    public IMessageBus Bus { get; }

    public CduTopics Topics => _topics;

    /// <summary>The MQTT client id of a CDU: <c>cdu-{site}-{cdu}</c>.</summary>
    public static string ClientId(string siteId, string cduId) => $"cdu-{siteId}-{cduId}";

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

    /// <summary>
    /// A clean stop (after the last control cycle): stores the pumps' run hours, publishes the retained offline state (<c>{"v":1,"online":false}</c>, QoS 1) — a clean disconnect
    /// sends no last will, so without it the retained state would still say online — then flushes the outbound queue
    /// (up to <paramref name="timeout"/>) and disconnects.
    /// </summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        Controller.PersistState(); // the run hours since the last periodic save
        _connection.Publish(_topics.State, _offline, _offline.Length, 1, true);
        await _connection.StopAsync(timeout);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private void Route(string topic, ReadOnlySequence<byte> received, bool retained)
    {
        var payload = received.ToArray();
        if (topic == _topics.SetpointRequest || topic == _topics.Command || topic == _topics.ConfigurationSet || topic == _topics.ConfigurationGet)
        {
            // A retained copy, a full inbox or an oversize message is counted by the core and reported as MessageRejected.
            Controller.Inbox.TryEnqueue(topic, payload, 0, payload.Length, retained);
        }
        else
        {
            OtherMessageReceived?.Invoke(topic, payload);
        }
    }

    private sealed class ConnectionBus : IMessageBus
    {
        public MqttConnection? Connection { get; set; }

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain) =>
            Connection?.Publish(topic, payload, length, qualityOfService, retain);
    }
}
