using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Config
{
    /// <summary>Storage in memory only: kept while the controller runs, lost on restart (a controller built without persistent storage).</summary>
    public sealed class VolatileStorage : IPersistentStorage
    {
        private readonly System.Collections.Hashtable _records = new System.Collections.Hashtable();

        public int Read(string name, byte[] buffer)
        {
            Record record = (Record)_records[name];
            if (record == null || record.Length > buffer.Length)
            {
                return -1;
            }

            System.Array.Copy(record.Data, buffer, record.Length);
            return record.Length;
        }

        public bool Write(string name, byte[] buffer, int length)
        {
            Record record = (Record)_records[name];
            if (record == null || record.Data.Length < length)
            {
                record = new Record(new byte[length * 2]);
                _records[name] = record;
            }

            System.Array.Copy(buffer, record.Data, length);
            record.Length = length;
            return true;
        }

        private sealed class Record
        {
            public Record(byte[] data)
            {
                Data = data;
            }

            public byte[] Data { get; private set; }

            public int Length { get; set; }
        }
    }
}
