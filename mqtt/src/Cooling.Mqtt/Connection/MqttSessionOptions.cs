namespace Cooling.Mqtt.Connection;

/// <summary>
/// Who a connection is on the broker and what it does there: its client id (a unique one per instance unless given),
/// the topic filters it (re)subscribes to after every connection, its retained last will, and how many outbound
/// messages it queues before dropping the oldest.
/// </summary>
public sealed record MqttSessionOptions
{
    /// <summary>The MQTT client id; null gives a unique id per connection (<see cref="UniqueClientId"/> of "cooling").</summary>
    public string? ClientId { get; init; }

    /// <summary>Topic filters subscribed (QoS 1) after every (re)connection.</summary>
    public IReadOnlyList<string> Subscriptions { get; init; } = [];

    /// <summary>The last will's topic (published by the broker, retained, QoS 1, when the connection is lost); null: no will.</summary>
    public string? WillTopic { get; init; }

    /// <summary>The last will's payload.</summary>
    public byte[]? WillPayload { get; init; }

    /// <summary>Outbound messages queued by <see cref="MqttConnection.Publish"/> before the oldest is dropped (and counted).</summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>The socket read buffer, bytes (MQTTnet's default of 8 KiB is smaller than one 72-GPU rack message).</summary>
    public int ReceiveBufferBytes { get; init; } = MqttConnection.ReceiveBufferBytes;

    /// <summary>A client id of <paramref name="prefix"/> and 12 random hexadecimal digits: two connections never share one.</summary>
    public static string UniqueClientId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
