using System.Buffers.Binary;
using System.Globalization;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// A first-in, first-out queue of batches on disk: append-only segment files in one folder, read from the oldest.
/// Each record is a 4-byte length, a 4-byte point count and the batch's line protocol. A segment is closed at
/// <c>segmentBytes</c> and deleted once every record in it is read and removed; the read position of the oldest
/// segment is kept in a cursor file, so a restarted process resumes where it stopped (a record whose removal was
/// not yet recorded is read again — InfluxDB keeps one point per series and time, so a repeated write changes
/// nothing). A torn record at the end of a segment (power lost mid-write) is cut off when the folder is opened.
/// The queue refuses an append that would take it above <c>maxBytes</c>.
/// </summary>
public sealed class SegmentedDiskBuffer : IDisposable
{
    private const int HeaderBytes = 8;
    private const long FirstSegmentNumber = 1_000_000_000_000;
    private const string Extension = ".segment";
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly LinkedList<Segment> _segments = new();
    private FileStream? _writer;
    private BufferedBatch? _peeked;

    public SegmentedDiskBuffer(string directory, long maxBytes, long segmentBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentBytes, 1);
        _directory = Path.GetFullPath(directory);
        _maxBytes = maxBytes;
        _segmentBytes = segmentBytes;
        Directory.CreateDirectory(_directory);
        Open();
    }

    /// <summary>Bytes of records not yet removed.</summary>
    public long SizeBytes => _segments.Sum(s => s.Length - s.ReadOffset);

    /// <summary>Records (batches) not yet removed.</summary>
    public int Count => _segments.Sum(s => s.Records);

    /// <summary>Points in the records not yet removed.</summary>
    public long PointCount => _segments.Sum(s => s.Points);

    public bool IsEmpty => Count == 0;

    /// <summary>Segment files on disk now.</summary>
    public int SegmentCount => _segments.Count;

    /// <summary>Appends a batch at the end; false (and nothing written) when it would exceed the size limit.</summary>
    public bool TryAppend(BufferedBatch batch)
    {
        if (SizeBytes + HeaderBytes + batch.Lines.Length > _maxBytes)
        {
            return false;
        }

        var last = _segments.Last?.Value;
        if (last is null || _writer is null || last.Length >= _segmentBytes)
        {
            CloseWriter();
            last = new Segment(NextNumber(), _directory);
            _segments.AddLast(last);
            _writer = OpenWriter(last);
        }

        Write(_writer, last, batch);
        return true;
    }

    /// <summary>Puts a batch in front of every other (a batch taken out to send that could not be delivered). Not limited in size.</summary>
    public void Prepend(BufferedBatch batch)
    {
        if (_segments.First is null)
        {
            if (!TryAppend(batch)) throw new InvalidOperationException("An empty buffer refused a batch larger than its size limit.");
            return;
        }

        var head = new Segment(_segments.First.Value.Number - 1, _directory);
        using (var stream = OpenWriter(head))
        {
            Write(stream, head, batch);
        }

        _segments.AddFirst(head);
        _peeked = null;
        SaveCursor();
    }

    /// <summary>The oldest batch, left in place.</summary>
    public bool TryPeek(out BufferedBatch batch)
    {
        if (_peeked is null && _segments.First?.Value is { Records: > 0 } head)
        {
            _peeked = ReadAt(head.Path, head.ReadOffset, out _) ?? throw new InvalidDataException($"Buffer segment {head.Path} has no readable record at offset {head.ReadOffset}.");
        }

        batch = _peeked!;
        return _peeked is not null;
    }

    /// <summary>Removes the oldest batch (after it was delivered); deletes its segment once it is empty.</summary>
    public void RemoveFirst()
    {
        if (!TryPeek(out var batch)) throw new InvalidOperationException("The buffer is empty.");
        var head = _segments.First!.Value;
        head.ReadOffset += HeaderBytes + batch.Lines.Length;
        head.Records--;
        head.Points -= batch.PointCount;
        _peeked = null;
        if (head.Records == 0)
        {
            if (_segments.Count == 1) CloseWriter();
            File.Delete(head.Path);
            _segments.RemoveFirst();
        }

        SaveCursor();
    }

    public void Dispose() => CloseWriter();

    private string CursorPath => Path.Combine(_directory, "cursor");

    private long NextNumber() => _segments.Last is { } last ? last.Value.Number + 1 : FirstSegmentNumber;

    private static FileStream OpenWriter(Segment segment) =>
        new(segment.Path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete);

    private static void Write(FileStream stream, Segment segment, BufferedBatch batch)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, batch.Lines.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], batch.PointCount);
        stream.Write(header);
        stream.Write(batch.Lines);
        stream.Flush(flushToDisk: true);
        segment.Length += HeaderBytes + batch.Lines.Length;
        segment.Records++;
        segment.Points += batch.PointCount;
    }

    private void CloseWriter()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void SaveCursor()
    {
        if (_segments.First is { } head)
        {
            File.WriteAllText(CursorPath, string.Create(CultureInfo.InvariantCulture, $"{head.Value.Number} {head.Value.ReadOffset}"));
        }
        else
        {
            File.Delete(CursorPath);
        }
    }

    // Reads the folder: every segment's records (a torn tail cut off), then the cursor of the oldest segment.
    private void Open()
    {
        var numbers = Directory.EnumerateFiles(_directory, "*" + Extension)
            .Select(path => long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .Where(n => n >= 0)
            .Order()
            .ToList();
        var (cursorNumber, cursorOffset) = ReadCursor();
        foreach (var number in numbers)
        {
            var segment = new Segment(number, _directory);
            if (number < cursorNumber)
            {
                File.Delete(segment.Path); // read to its end before the process stopped
                continue;
            }

            long offset = 0;
            while (ReadAt(segment.Path, offset, out var recordBytes) is { } batch)
            {
                if (number == cursorNumber && offset < cursorOffset)
                {
                    segment.ReadOffset = offset + recordBytes;
                }
                else
                {
                    segment.Records++;
                    segment.Points += batch.PointCount;
                }

                offset += recordBytes;
            }

            if (offset < new FileInfo(segment.Path).Length)
            {
                using var truncate = new FileStream(segment.Path, FileMode.Open, FileAccess.Write);
                truncate.SetLength(offset);
            }

            segment.Length = offset;
            if (segment.Records == 0)
            {
                File.Delete(segment.Path);
                continue;
            }

            _segments.AddLast(segment);
        }

        SaveCursor();
    }

    private (long Number, long Offset) ReadCursor()
    {
        if (!File.Exists(CursorPath)) return (-1, 0);
        var parts = File.ReadAllText(CursorPath).Split(' ');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? (number, offset)
            : (-1, 0);
    }

    // The record at offset, or null when the file ends there or the record is incomplete.
    private static BufferedBatch? ReadAt(string path, long offset, out int recordBytes)
    {
        recordBytes = 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length - offset < HeaderBytes) return null;
        stream.Position = offset;
        Span<byte> header = stackalloc byte[HeaderBytes];
        stream.ReadExactly(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        var points = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
        if (length < 0 || points < 0 || stream.Length - offset - HeaderBytes < length) return null;
        var lines = new byte[length];
        stream.ReadExactly(lines);
        recordBytes = HeaderBytes + length;
        return new BufferedBatch(lines, points);
    }

    private sealed class Segment(long number, string directory)
    {
        public long Number { get; } = number;

        public string Path { get; } = System.IO.Path.Combine(directory, number.ToString("D19", CultureInfo.InvariantCulture) + Extension);

        public long Length { get; set; }

        public long ReadOffset { get; set; }

        public int Records { get; set; }

        public long Points { get; set; }
    }
}
