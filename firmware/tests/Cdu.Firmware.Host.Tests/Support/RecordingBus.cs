using System.Text;
using System.Text.Json;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Host.Tests.Support;

/// <summary>Records every publication (copied, as the interface requires).</summary>
public sealed class RecordingBus : IMessageBus
{
    private readonly List<(string Topic, string Payload, int Qos, bool Retain)> _messages = [];

    public IReadOnlyList<(string Topic, string Payload, int Qos, bool Retain)> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
    {
        lock (_messages)
        {
            _messages.Add((topic, Encoding.UTF8.GetString(payload, 0, length), qualityOfService, retain));
        }
    }

    public IEnumerable<JsonElement> On(string topic) => Messages.Where(m => m.Topic == topic).Select(m => JsonDocument.Parse(m.Payload).RootElement);
}
