using Cdu.Firmware.Config;
using Cdu.Firmware.Io;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Pumps
{
    /// <summary>
    /// Keeps the pumps' run-hour counters across restarts: a CRC-protected entry
    /// <c>{"formatVersion":1,"pump1Hours":…,…,"crc32":"…"}</c>, written every 10 minutes and on every failover.
    /// A missing or corrupt entry starts the counters at zero.
    /// </summary>
    public sealed class RunHourStore
    {
        public const string RecordName = "runhours.json";

        private static readonly string[] Names = { "pump1Hours", "pump2Hours", "pump3Hours", "pump4Hours" };
        private readonly IPersistentStorage _storage;
        private readonly byte[] _buffer = new byte[512];
        private readonly JsonMessageReader _reader = new JsonMessageReader();
        private readonly JsonMessageWriter _writer = new JsonMessageWriter(512);

        public RunHourStore(IPersistentStorage storage)
        {
            _storage = storage;
        }

        public bool Load(PumpGroup pumps)
        {
            int length = _storage.Read(RecordName, _buffer);
            if (length < 0 || _reader.Parse(_buffer, 0, length) != JsonError.None || !ProtectedDocument.Verify(_reader, _buffer, length))
            {
                return false;
            }

            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                double hours;
                if (_reader.TryGetNumber(Names[i], out hours) && hours >= 0 && hours < 1e7)
                {
                    pumps.SetRunHours(i, hours);
                }
            }

            return true;
        }

        public bool Save(PumpGroup pumps)
        {
            JsonMessageWriter w = _writer;
            w.StartObject();
            w.WriteInteger("formatVersion", 1);
            for (int i = 0; i < CduInputs.MaximumPumps; i++)
            {
                w.WriteNumber(Names[i], pumps.RunHours(i), 4);
            }

            ProtectedDocument.Seal(w);
            return !w.Overflowed && _storage.Write(RecordName, w.Buffer, w.Length);
        }
    }
}
