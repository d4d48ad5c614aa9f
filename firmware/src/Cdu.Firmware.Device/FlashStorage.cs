using System;
using System.IO;
using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Device
{
    /// <summary>
    /// The core's persistent records as files on nanoFramework's internal flash drive (I:\, System.IO.FileSystem):
    /// record <c>config.json</c> is <c>I:\cdu\config.json</c>. nanoFramework's File.Move refuses an existing target, so a
    /// write goes: the new bytes to <c>name.new</c> (flushed), delete <c>name</c>, rename <c>name.new</c> to <c>name</c>.
    /// A power cut leaves either the old record (cut while writing name.new) or a complete name.new (cut after the
    /// delete), which <see cref="Read"/> falls back to. The core's records carry a CRC, so even a torn first write
    /// is caught there (defaults + ConfigurationDefaultsLoaded).
    /// </summary>
    public sealed class FlashStorage : IPersistentStorage
    {
        private const string NewSuffix = ".new";
        private readonly string _folder;
        private readonly object _gate = new object();

        public FlashStorage(string folder)
        {
            _folder = folder;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        public int Read(string name, byte[] buffer)
        {
            lock (_gate)
            {
                string path = Path.Combine(_folder, name);
                int length = ReadFile(path, buffer);
                return length >= 0 ? length : ReadFile(path + NewSuffix, buffer);
            }
        }

        public bool Write(string name, byte[] buffer, int length)
        {
            lock (_gate)
            {
                string path = Path.Combine(_folder, name);
                string fresh = path + NewSuffix;
                try
                {
                    FileStream stream = new FileStream(fresh, FileMode.Create, FileAccess.Write);
                    try
                    {
                        stream.Write(buffer, 0, length);
                        stream.Flush();
                    }
                    finally
                    {
                        stream.Dispose();
                    }

                    if (File.Exists(path))
                    {
                        File.Delete(path);
                    }

                    File.Move(fresh, path);
                    return true;
                }
                catch (Exception)
                {
                    // Flash full or worn: the core refuses the update ("the storage refused to keep it") and keeps what is in force.
                    return false;
                }
            }
        }

        private static int ReadFile(string path, byte[] buffer)
        {
            try
            {
                if (!File.Exists(path))
                {
                    return -1;
                }

                FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read);
                try
                {
                    long size = stream.Length;
                    if (size > buffer.Length)
                    {
                        return -1;
                    }

                    int total = 0;
                    while (total < size)
                    {
                        int read = stream.Read(buffer, total, (int)size - total);
                        if (read <= 0)
                        {
                            return -1;
                        }

                        total += read;
                    }

                    return total;
                }
                finally
                {
                    stream.Dispose();
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }
    }
}
