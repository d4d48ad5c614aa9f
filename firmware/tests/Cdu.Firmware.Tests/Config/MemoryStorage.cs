using Cdu.Firmware.Platform;

namespace Cdu.Firmware.Tests.Config;

/// <summary>Records in a dictionary the test can inspect and damage; can be told to refuse writes.</summary>
public sealed class MemoryStorage : IPersistentStorage
{
    public Dictionary<string, byte[]> Records { get; } = [];

    public bool RefuseWrites { get; set; }

    public int Writes { get; private set; }

    public int Read(string name, byte[] buffer)
    {
        if (!Records.TryGetValue(name, out var data) || data.Length > buffer.Length)
        {
            return -1;
        }

        data.CopyTo(buffer, 0);
        return data.Length;
    }

    public bool Write(string name, byte[] buffer, int length)
    {
        if (RefuseWrites)
        {
            return false;
        }

        Writes++;
        Records[name] = buffer[..length];
        return true;
    }

    public string Text(string name) => System.Text.Encoding.UTF8.GetString(Records[name]);

    public void SetText(string name, string text) => Records[name] = System.Text.Encoding.UTF8.GetBytes(text);
}
