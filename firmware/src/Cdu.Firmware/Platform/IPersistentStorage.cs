namespace Cdu.Firmware.Platform
{
    /// <summary>
    /// Named byte entries that survive a restart: on the device, files on nanoFramework's internal flash drive
    /// (I:\, System.IO.FileSystem); on .NET, files in a folder. Writes replace the whole entry.
    /// </summary>
    public interface IPersistentStorage
    {
        /// <summary>Reads entry <paramref name="name"/> into <paramref name="buffer"/>; returns its length, or −1 when missing or larger than the buffer.</summary>
        int Read(string name, byte[] buffer);

        /// <summary>Writes <paramref name="length"/> bytes as entry <paramref name="name"/>; false when the storage refused.</summary>
        bool Write(string name, byte[] buffer, int length);
    }
}
