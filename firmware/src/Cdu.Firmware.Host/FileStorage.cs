using Cdu.Firmware.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cdu.Firmware.Host;

/// <summary>
/// The core's persistent records as files in one folder (the virtual CDU's <c>--state-dir</c>): record <c>config.json</c>
/// is the file <c>{folder}/config.json</c>. A write never leaves a half-written record behind: the bytes go to a
/// temporary file in the same folder, are flushed to the disk, and the temporary file is renamed over the record
/// (rename is atomic on one file system), so a reader — or the CDU after a power cut — finds either the old record
/// or the new one. Leftover temporary files of an interrupted write are removed when the storage opens. Record
/// names are 1 … 64 characters of <c>A-Z a-z 0-9 . _ -</c>, not starting with a dot; anything else is refused.
/// </summary>
public sealed class FileStorage : IPersistentStorage
{
    private const string TemporarySuffix = ".partial";
    private readonly ILogger _logger;

    public FileStorage(string folder, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _logger = logger ?? NullLogger.Instance;
        Folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(Folder);
        foreach (var leftover in Directory.EnumerateFiles(Folder, "*" + TemporarySuffix))
        {
            TryDelete(leftover);
        }
    }

    /// <summary>The folder that holds the records (absolute).</summary>
    public string Folder { get; }

    /// <summary>True when <paramref name="name"/> can be a record name.</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 64 || name[0] == '.' || name.EndsWith(TemporarySuffix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    public int Read(string name, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!IsValidName(name))
        {
            return -1;
        }

        try
        {
            using var stream = new FileStream(Path.Combine(Folder, name), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > buffer.Length)
            {
                return -1;
            }

            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            return stream.ReadByte() == -1 ? total : -1;
        }
        catch (FileNotFoundException)
        {
            return -1;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Storage: reading record {Name} failed: {Reason}", name, ex.Message);
            return -1;
        }
    }

    public bool Write(string name, byte[] buffer, int length)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (!IsValidName(name) || length < 0 || length > buffer.Length)
        {
            return false;
        }

        var target = Path.Combine(Folder, name);
        var temporary = Path.Combine(Folder, $"{name}.{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                stream.Write(buffer, 0, length);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Storage: writing record {Name} failed: {Reason}", name, ex.Message);
            TryDelete(temporary);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
