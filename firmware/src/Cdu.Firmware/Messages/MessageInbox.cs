namespace Cdu.Firmware.Messages
{
    /// <summary>
    /// Hands inbound messages from the host's network thread to the control cycle. A fixed ring of slots
    /// allocated once; <see cref="TryEnqueue"/> copies the payload, so the host may reuse its buffer.
    /// Oversize messages, messages arriving while the ring is full and retained messages (a broker's stored copy:
    /// a request, command or configuration change is obeyed only when sent live, never replayed after a reconnection
    /// or a restart) are refused and counted — the cycle reports them as rejections. Thread-safe for one producer and one consumer.
    /// </summary>
    public sealed class MessageInbox
    {
        private readonly object _gate = new object();
        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly string[] _topics;
        private int _head;
        private int _count;
        private int _oversizeCount;
        private int _overflowCount;
        private int _retainedCount;

        public MessageInbox(int slotCount, int maximumPayloadBytes)
        {
            _payloads = new byte[slotCount][];
            for (int i = 0; i < slotCount; i++)
            {
                _payloads[i] = new byte[maximumPayloadBytes];
            }

            _lengths = new int[slotCount];
            _topics = new string[slotCount];
            MaximumPayloadBytes = maximumPayloadBytes;
        }

        /// <summary>Largest payload accepted, bytes.</summary>
        public int MaximumPayloadBytes { get; private set; }

        /// <summary>Queues a copy of a message sent live (not retained). False when it is oversize or the ring is full (both counted).</summary>
        public bool TryEnqueue(string topic, byte[] payload, int offset, int length)
        {
            return TryEnqueue(topic, payload, offset, length, false);
        }

        /// <summary>
        /// Queues a copy of the message. False when it carries the MQTT retain flag (<paramref name="retained"/>), is
        /// oversize or the ring is full (each counted).
        /// </summary>
        public bool TryEnqueue(string topic, byte[] payload, int offset, int length, bool retained)
        {
            lock (_gate)
            {
                if (retained)
                {
                    _retainedCount++;
                    return false;
                }

                if (length > MaximumPayloadBytes)
                {
                    _oversizeCount++;
                    return false;
                }

                if (_count == _payloads.Length)
                {
                    _overflowCount++;
                    return false;
                }

                int slot = (_head + _count) % _payloads.Length;
                System.Array.Copy(payload, offset, _payloads[slot], 0, length);
                _lengths[slot] = length;
                _topics[slot] = topic;
                _count++;
                return true;
            }
        }

        /// <summary>Copies the oldest message into <paramref name="destination"/>; returns its topic, or null when empty.</summary>
        public string TryDequeue(byte[] destination, out int length)
        {
            lock (_gate)
            {
                length = 0;
                if (_count == 0)
                {
                    return null;
                }

                length = _lengths[_head];
                System.Array.Copy(_payloads[_head], 0, destination, 0, length);
                string topic = _topics[_head];
                _topics[_head] = null;
                _head = (_head + 1) % _payloads.Length;
                _count--;
                return topic;
            }
        }

        /// <summary>Returns and clears the count of oversize messages refused since the last call.</summary>
        public int TakeOversizeCount()
        {
            lock (_gate)
            {
                int value = _oversizeCount;
                _oversizeCount = 0;
                return value;
            }
        }

        /// <summary>Returns and clears the count of retained messages ignored since the last call.</summary>
        public int TakeRetainedCount()
        {
            lock (_gate)
            {
                int value = _retainedCount;
                _retainedCount = 0;
                return value;
            }
        }

        /// <summary>Returns and clears the count of messages refused because the ring was full.</summary>
        public int TakeOverflowCount()
        {
            lock (_gate)
            {
                int value = _overflowCount;
                _overflowCount = 0;
                return value;
            }
        }
    }
}
