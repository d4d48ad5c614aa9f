using System.Text;
using Cdu.Firmware.Config;
using Cdu.Firmware.Host.Tests.Support;

namespace Cdu.Firmware.Host.Tests;

public sealed class FileStorageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_record_reads_back_byte_for_byte_and_survives_a_new_storage_on_the_same_folder()
    {
        var data = Encoding.UTF8.GetBytes("{\"formatVersion\":1,\"pump1Hours\":12.5}");
        Assert.True(new FileStorage(_folder.Path).Write("runhours.json", data, data.Length));

        var buffer = new byte[512];
        var length = new FileStorage(_folder.Path).Read("runhours.json", buffer);

        Assert.Equal(data.Length, length);
        Assert.Equal(data, buffer.AsSpan(0, length).ToArray());
        Assert.Equal(data, File.ReadAllBytes(_folder.File("runhours.json")));
    }

    [Fact]
    public void Only_the_given_length_is_written_and_a_rewrite_replaces_the_whole_record()
    {
        var storage = new FileStorage(_folder.Path);
        var buffer = Encoding.ASCII.GetBytes("a long first record, longer than the second");
        Assert.True(storage.Write("config.json", buffer, buffer.Length));
        var second = Encoding.ASCII.GetBytes("short#garbage after the length");
        Assert.True(storage.Write("config.json", second, 5));

        var read = new byte[64];
        var length = storage.Read("config.json", read);

        Assert.Equal("short", Encoding.ASCII.GetString(read, 0, length));
    }

    [Fact]
    public void A_missing_record_or_one_larger_than_the_buffer_reads_as_minus_one()
    {
        var storage = new FileStorage(_folder.Path);
        Assert.Equal(-1, storage.Read("config.json", new byte[16]));

        var big = new byte[100];
        Assert.True(storage.Write("config.json", big, big.Length));
        Assert.Equal(-1, storage.Read("config.json", new byte[99]));
        Assert.Equal(100, storage.Read("config.json", new byte[100]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape.json")]
    [InlineData("sub/record")]
    [InlineData(".hidden")]
    [InlineData("x.partial")]
    [InlineData("name with spaces")]
    public void Names_that_are_not_plain_file_names_are_refused(string name)
    {
        var storage = new FileStorage(_folder.Path);
        var data = new byte[] { 1, 2, 3 };

        Assert.False(storage.Write(name, data, data.Length));
        Assert.Equal(-1, storage.Read(name, new byte[8]));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_folder.Path)!, "escape.json")));
    }

    [Fact]
    public void A_write_interrupted_before_its_rename_leaves_the_old_record_and_its_leftover_is_removed_on_open()
    {
        var storage = new FileStorage(_folder.Path);
        var old = Encoding.ASCII.GetBytes("old and complete");
        Assert.True(storage.Write("config.json", old, old.Length));
        // What a power cut in the middle of the next write leaves behind: a half-written temporary file.
        File.WriteAllText(_folder.File("config.json.0123456789abcdef.partial"), "{\"formatVersion\":1,\"rev");

        var reopened = new FileStorage(_folder.Path);
        var buffer = new byte[64];
        var length = reopened.Read("config.json", buffer);

        Assert.Equal("old and complete", Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal(["config.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_reader_racing_the_writer_sees_one_whole_record_or_the_other_never_a_mix()
    {
        var storage = new FileStorage(_folder.Path);
        var a = Enumerable.Repeat((byte)'a', 48_000).ToArray();
        var b = Enumerable.Repeat((byte)'b', 24_000).ToArray();
        Assert.True(storage.Write("config.json", a, a.Length));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var record = i % 2 == 0 ? b : a;
                Assert.True(storage.Write("config.json", record, record.Length));
            }
        });

        var reads = 0;
        var buffer = new byte[64_000];
        while (!writer.IsCompleted)
        {
            var length = storage.Read("config.json", buffer);
            Assert.True(length == a.Length || length == b.Length, $"read {length} bytes: a torn record");
            var expected = length == a.Length ? (byte)'a' : (byte)'b';
            Assert.True(buffer.AsSpan(0, length).IndexOfAnyExcept(expected) < 0, "a record mixing two writes");
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void The_core_keeps_its_configuration_in_the_folder_across_a_restart()
    {
        var settings = new CduSettings();
        var store = new ConfigurationStore(new FileStorage(_folder.Path));
        Assert.False(store.Load(settings));
        var update = Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":1,\"supply.fallbackSetpointCelsius\":29.5}");
        Assert.Null(store.Apply(update, update.Length, settings, out _));

        var restarted = new CduSettings();
        var reloaded = new ConfigurationStore(new FileStorage(_folder.Path));

        Assert.True(reloaded.Load(restarted));
        Assert.Equal(29.5, restarted.Supply.FallbackSetpointCelsius);
        Assert.Equal(store.Revision, reloaded.Revision);
    }
}
