namespace Cdu.Firmware.Platform
{
    /// <summary>
    /// Outbound side of the MQTT link as the core sees it. The host owns the connection, reconnects with
    /// backoff, and never blocks the control cycle: a publish that cannot be sent now is dropped by the host
    /// and counted there. Inbound messages reach the core through <see cref="Messages.MessageInbox"/>.
    /// </summary>
    public interface IMessageBus
    {
        /// <summary>Publishes <paramref name="length"/> bytes of <paramref name="payload"/>. The host copies them before returning.</summary>
        void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain);
    }
}
