using System.Text;
using Cooling.Supervisor.Storage.Influx;

namespace Cooling.Supervisor.Tests.Stores;

public sealed class SegmentedDiskBufferTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cooling-buffer-");

    private static BufferedBatch Batch(int n) => new(Encoding.UTF8.GetBytes($"m v={n} {n}\n" + new string('x', 1000) + "\n"), n);

    private static int NumberOf(BufferedBatch batch) => batch.PointCount;

    [Fact]
    public void Batches_come_out_in_the_order_they_went_in_across_segments_and_emptied_segments_are_deleted()
    {
        using var buffer = new SegmentedDiskBuffer(_folder.FullName, maxBytes: 1 << 20, segmentBytes: 4096);
        for (var n = 1; n <= 20; n++) Assert.True(buffer.TryAppend(Batch(n)));
        Assert.Equal(20, buffer.Count);
        Assert.Equal(210, buffer.PointCount);
        Assert.Equal(4, buffer.SegmentCount); // 5 records of 1,018 bytes reach the 4,096-byte segment size

        var order = new List<int>();
        while (buffer.TryPeek(out var batch))
        {
            order.Add(NumberOf(batch));
            buffer.RemoveFirst();
        }

        Assert.Equal(Enumerable.Range(1, 20), order);
        Assert.True(buffer.IsEmpty);
        Assert.Equal(0, buffer.SizeBytes);
        Assert.Empty(_folder.GetFiles("*.segment"));
    }

    [Fact]
    public void A_reopened_buffer_resumes_after_the_last_removed_batch_and_appends_after_the_last_one()
    {
        using (var buffer = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 4096))
        {
            for (var n = 1; n <= 10; n++) buffer.TryAppend(Batch(n));
            buffer.RemoveFirst();
            buffer.RemoveFirst();
        }

        using (var reopened = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 4096))
        {
            Assert.Equal(8, reopened.Count);
            Assert.True(reopened.TryPeek(out var first));
            Assert.Equal(3, NumberOf(first));
            reopened.TryAppend(Batch(11));
            var order = new List<int>();
            while (reopened.TryPeek(out var batch))
            {
                order.Add(NumberOf(batch));
                reopened.RemoveFirst();
            }

            Assert.Equal(Enumerable.Range(3, 9), order);
        }
    }

    [Fact]
    public void A_prepended_batch_comes_out_first_and_survives_a_reopen()
    {
        using (var buffer = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 4096))
        {
            buffer.TryAppend(Batch(2));
            buffer.TryAppend(Batch(3));
            buffer.Prepend(Batch(1));
        }

        using var reopened = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 4096);
        var order = new List<int>();
        while (reopened.TryPeek(out var batch))
        {
            order.Add(NumberOf(batch));
            reopened.RemoveFirst();
        }

        Assert.Equal([1, 2, 3], order);
    }

    [Fact]
    public void An_append_beyond_the_size_limit_is_refused_and_room_comes_back_as_batches_leave()
    {
        using var buffer = new SegmentedDiskBuffer(_folder.FullName, maxBytes: 5000, segmentBytes: 4096);
        var accepted = 0;
        while (buffer.TryAppend(Batch(1))) accepted++;
        Assert.Equal(4, accepted); // each record is 8 + ~1010 bytes
        Assert.True(buffer.SizeBytes <= 5000);
        buffer.RemoveFirst();
        Assert.True(buffer.TryAppend(Batch(1)));
    }

    [Fact]
    public void A_torn_record_at_the_end_is_cut_off_when_the_folder_is_opened()
    {
        using (var buffer = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 1 << 20))
        {
            buffer.TryAppend(Batch(1));
            buffer.TryAppend(Batch(2));
        }

        var segment = _folder.GetFiles("*.segment").Single();
        var intact = segment.Length;
        using (var append = new FileStream(segment.FullName, FileMode.Append))
        {
            append.Write([0xE8, 0x03, 0, 0, 1, 0, 0, 0, (byte)'m', (byte)' ']); // claims 1,000 bytes, has 2
        }

        using var reopened = new SegmentedDiskBuffer(_folder.FullName, 1 << 20, 1 << 20);
        Assert.Equal(2, reopened.Count);
        Assert.Equal(intact, new FileInfo(segment.FullName).Length);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
