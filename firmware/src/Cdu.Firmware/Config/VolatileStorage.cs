using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Config
{
    /// <summary>Storage in memory only: kept while the controller runs, lost on restart (a controller built without persistent storage).</summary>
    public sealed class VolatileStorage : IPersistentStorage
    {
        private readonly System.Collections.Hashtable _records = new System.Collections.Hashtable();

        public int Read(string name, byte[] buffer)
        {
            Entry entry = (Entry)_records[name];
            if (entry == null || entry.Length > buffer.Length)
            {
                return -1;
            }

            System.Array.Copy(entry.Data, buffer, entry.Length);
            return entry.Length;
        }

        public bool Write(string name, byte[] buffer, int length)
        {
            Entry entry = (Entry)_records[name];
            if (entry == null || entry.Data.Length < length)
            {
                entry = new Entry(new byte[length * 2]);
                _records[name] = entry;
            }

            System.Array.Copy(buffer, entry.Data, length);
            entry.Length = length;
            return true;
        }

        private sealed class Entry
        {
            public Entry(byte[] data)
            {
                Data = data;
            }

            public byte[] Data { get; private set; }

            public int Length { get; set; }
        }
    }
}
