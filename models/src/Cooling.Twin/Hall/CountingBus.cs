using Cdu.Firmware.Platform;

namespace Cooling.Twin.Hall;

/// <summary>
/// Where an in-process CDU's messages go when nothing listens: counted (messages and bytes) and dropped, or handed on
/// to <see cref="Next"/>. One per CDU, used from the thread that steps that CDU.
/// </summary>
public sealed class CountingBus(IMessageBus? next = null) : IMessageBus
{
    /// <summary>Messages published.</summary>
    public long Messages { get; private set; }

    /// <summary>Payload bytes published.</summary>
    public long Bytes { get; private set; }

    /// <summary>Where messages go after counting (null: nowhere).</summary>
    public IMessageBus? Next { get; } = next;

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
    {
        Messages++;
        Bytes += length;
        Next?.Publish(topic, payload, length, qualityOfService, retain);
    }
}
