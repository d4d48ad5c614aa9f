using System.Threading;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The core's outbound side on the device: <see cref="Publish"/> (control cycle, watchdog, HIL actuators) only copies
    /// into one of a fixed set of slots allocated at start-up and returns; the MQTT link's publisher thread takes them
    /// out in order. When every slot is full the oldest message is dropped and counted; a message larger than a slot is
    /// dropped and counted. The cycle never waits on the network.
    /// </summary>
    public sealed class DeviceBus : IMessageBus
    {
        private readonly string[] _topics;
        private readonly byte[][] _payloads;
        private readonly int[] _lengths;
        private readonly int[] _qualities;
        private readonly bool[] _retains;
        private readonly object _gate = new object();
        private readonly AutoResetEvent _available = new AutoResetEvent(false);
        private int _head;
        private int _count;

        public DeviceBus(int slotCount, int slotBytes)
        {
            _topics = new string[slotCount];
            _payloads = new byte[slotCount][];
            _lengths = new int[slotCount];
            _qualities = new int[slotCount];
            _retains = new bool[slotCount];
            for (int i = 0; i < slotCount; i++)
            {
                _payloads[i] = new byte[slotBytes];
            }

            SlotBytes = slotBytes;
        }

        public int SlotBytes { get; private set; }

        /// <summary>Messages dropped (queue full or too large) since start.</summary>
        public long Dropped { get; private set; }

        /// <summary>Signalled when a message was queued.</summary>
        public WaitHandle Available { get { return _available; } }

        public void Publish(string topic, byte[] payload, int length, int qualityOfService, bool retain)
        {
            lock (_gate)
            {
                if (length > SlotBytes)
                {
                    Dropped++;
                    return;
                }

                if (_count == _topics.Length)
                {
                    _head = (_head + 1) % _topics.Length;
                    _count--;
                    Dropped++;
                }

                int slot = (_head + _count) % _topics.Length;
                System.Array.Copy(payload, _payloads[slot], length);
                _topics[slot] = topic;
                _lengths[slot] = length;
                _qualities[slot] = qualityOfService;
                _retains[slot] = retain;
                _count++;
            }

            _available.Set();
        }

        /// <summary>
        /// Takes the oldest message: returns its topic and a fresh array of exactly its bytes (M2Mqtt keeps the array until
        /// it is sent), or null when the queue is empty. Called by the publisher thread only.
        /// </summary>
        public string TryTake(out byte[] message, out int qualityOfService, out bool retain)
        {
            lock (_gate)
            {
                if (_count == 0)
                {
                    message = null;
                    qualityOfService = 0;
                    retain = false;
                    return null;
                }

                int slot = _head;
                message = new byte[_lengths[slot]];
                System.Array.Copy(_payloads[slot], message, _lengths[slot]);
                qualityOfService = _qualities[slot];
                retain = _retains[slot];
                string topic = _topics[slot];
                _topics[slot] = null;
                _head = (_head + 1) % _topics.Length;
                _count--;
                return topic;
            }
        }
    }
}
