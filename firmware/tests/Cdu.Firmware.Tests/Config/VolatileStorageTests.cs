using Cdu.Firmware.Config;

namespace Cdu.Firmware.Tests.Config;

public sealed class VolatileStorageTests
{
    [Fact]
    public void A_record_never_written_is_missing()
    {
        var storage = new VolatileStorage();

        Assert.Equal(-1, storage.Read("config.json", new byte[16]));
    }

    [Fact]
    public void A_record_reads_back_what_was_written()
    {
        var storage = new VolatileStorage();
        byte[] data = [1, 2, 3, 4, 5];

        Assert.True(storage.Write("a", data, 3));

        var buffer = new byte[3];
        Assert.Equal(3, storage.Read("a", buffer));
        Assert.Equal([1, 2, 3], buffer);
        Assert.Equal(-1, storage.Read("b", buffer));
    }

    [Fact]
    public void A_record_larger_than_the_buffer_is_not_read()
    {
        var storage = new VolatileStorage();
        storage.Write("a", [1, 2, 3, 4], 4);

        Assert.Equal(-1, storage.Read("a", new byte[3]));
        Assert.Equal(4, storage.Read("a", new byte[4]));
    }

    [Fact]
    public void A_rewrite_replaces_the_whole_record_whether_longer_or_shorter()
    {
        var storage = new VolatileStorage();
        storage.Write("a", [1, 2], 2);
        storage.Write("a", [9, 8, 7, 6, 5, 4, 3], 7);

        var buffer = new byte[8];
        Assert.Equal(7, storage.Read("a", buffer));
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 0], buffer);

        storage.Write("a", [4], 1);
        buffer = new byte[8];
        Assert.Equal(1, storage.Read("a", buffer));
        Assert.Equal(4, buffer[0]);
        Assert.Equal(0, buffer[1]);
    }

    [Fact]
    public void A_rewrite_of_the_same_length_is_kept_exactly()
    {
        var storage = new VolatileStorage();
        storage.Write("a", [1, 2, 3], 3);
        storage.Write("a", [4, 5, 6], 3);
        storage.Write("a", [7, 8, 9, 10, 11, 12], 6);

        var buffer = new byte[6];
        Assert.Equal(6, storage.Read("a", buffer));
        Assert.Equal([7, 8, 9, 10, 11, 12], buffer);
    }
}
