using System.Text.Json;
using Cdu.Firmware.Platform;

namespace Cooling.Hil.Sil;

/// <summary>
/// The CDU's broker connection in a SIL run: it keeps nothing but reads each setpoint acknowledgement (sequence
/// and status) as the supervisor would. While <see cref="Down"/> (a broker outage) every publication is lost.
/// </summary>
public sealed class ObservingBus(string acknowledgementTopic) : IMessageBus
{
    public bool Down { get; set; }

    public long Published { get; private set; }

    public long Lost { get; private set; }

    /// <summary>Called with (sequence, status) of every acknowledgement that got through.</summary>
    public Action<long, string>? OnAcknowledgement { get; set; }

    public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
    {
        if (Down)
        {
            Lost++;
            return;
        }

        Published++;
        if (OnAcknowledgement is null || !string.Equals(topic, acknowledgementTopic, StringComparison.Ordinal)) return;
        var reader = new Utf8JsonReader(payload.AsSpan(0, length));
        long sequence = -1;
        string? status = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1) continue;
            if (reader.ValueTextEquals("seq"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number) sequence = reader.GetInt64();
            else if (reader.ValueTextEquals("status"u8) && reader.Read() && reader.TokenType == JsonTokenType.String) status = reader.GetString();
        }

        if (status is not null) OnAcknowledgement(sequence, status);
    }
}
