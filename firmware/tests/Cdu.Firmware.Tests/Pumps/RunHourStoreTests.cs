using System.Text;
using System.Text.Json;
using Cdu.Firmware.Config;
using Cdu.Firmware.Messages;
using Cdu.Firmware.Pumps;
using Cdu.Firmware.Tests.Config;

namespace Cdu.Firmware.Tests.Pumps;

public sealed class RunHourStoreTests
{
    private readonly MemoryStorage _storage = new();

    private static PumpGroup Group(params double[] hours)
    {
        var group = new PumpGroup();
        for (var i = 0; i < hours.Length; i++)
        {
            group.SetRunHours(i, hours[i]);
        }

        return group;
    }

    // A record as the store writes it, with any member values, sealed with a valid CRC.
    private void StoreSealed(params (string Name, double Value)[] members)
    {
        var w = new JsonMessageWriter(512);
        w.StartObject();
        w.WriteInteger("formatVersion", 1);
        foreach (var (name, value) in members)
        {
            w.WriteNumber(name, value, 4);
        }

        ProtectedDocument.Seal(w);
        _storage.Records[RunHourStore.RecordName] = w.Buffer[..w.Length];
    }

    [Fact]
    public void Saved_run_hours_load_back_into_a_fresh_group()
    {
        Assert.True(new RunHourStore(_storage).Save(Group(1234.5678, 0.25, 0, 99999.1)));

        var restored = new PumpGroup();
        Assert.True(new RunHourStore(_storage).Load(restored));

        Assert.Equal(1234.5678, restored.RunHours(0), 9);
        Assert.Equal(0.25, restored.RunHours(1), 9);
        Assert.Equal(0, restored.RunHours(2));
        Assert.Equal(99999.1, restored.RunHours(3), 9);
    }

    [Fact]
    public void The_record_is_a_sealed_document_with_every_pump()
    {
        new RunHourStore(_storage).Save(Group(1.5, 2.5, 3.5, 4.5));

        var root = JsonDocument.Parse(_storage.Text("runhours.json")).RootElement;
        Assert.Equal(1, root.GetProperty("formatVersion").GetInt32());
        Assert.Equal(1.5, root.GetProperty("pump1Hours").GetDouble());
        Assert.Equal(2.5, root.GetProperty("pump2Hours").GetDouble());
        Assert.Equal(3.5, root.GetProperty("pump3Hours").GetDouble());
        Assert.Equal(4.5, root.GetProperty("pump4Hours").GetDouble());
        Assert.Equal(8, root.GetProperty("crc32").GetString()!.Length);
    }

    [Fact]
    public void A_missing_record_leaves_the_counters_at_zero()
    {
        var group = new PumpGroup();

        Assert.False(new RunHourStore(_storage).Load(group));
        Assert.Equal(0, group.RunHours(0));
    }

    [Fact]
    public void A_record_with_one_changed_byte_is_refused()
    {
        new RunHourStore(_storage).Save(Group(1234.5, 10));
        var record = _storage.Records[RunHourStore.RecordName];
        var digit = Encoding.ASCII.GetString(record).IndexOf("1234", StringComparison.Ordinal);
        record[digit] = (byte)'7';

        var group = new PumpGroup();
        Assert.False(new RunHourStore(_storage).Load(group));
        Assert.Equal(0, group.RunHours(0));
        Assert.Equal(0, group.RunHours(1));
    }

    [Fact]
    public void A_record_that_is_not_json_is_refused()
    {
        _storage.SetText(RunHourStore.RecordName, "{\"pump1Hours\":");

        Assert.False(new RunHourStore(_storage).Load(new PumpGroup()));
    }

    [Fact]
    public void A_record_without_its_crc_is_refused()
    {
        _storage.SetText(RunHourStore.RecordName, "{\"formatVersion\":1,\"pump1Hours\":5}");
        var group = new PumpGroup();

        Assert.False(new RunHourStore(_storage).Load(group));
        Assert.Equal(0, group.RunHours(0));
    }

    [Fact]
    public void Implausible_counters_are_ignored_and_zero_is_taken()
    {
        StoreSealed(("pump1Hours", -0.5), ("pump2Hours", 1e7), ("pump3Hours", 0), ("pump4Hours", 9999999.5));
        var group = Group(11, 22, 33, 44);

        Assert.True(new RunHourStore(_storage).Load(group));

        Assert.Equal(11, group.RunHours(0), 9);
        Assert.Equal(22, group.RunHours(1), 9);
        Assert.Equal(0, group.RunHours(2));
        Assert.Equal(9999999.5, group.RunHours(3), 6);
    }

    [Fact]
    public void A_pump_missing_from_the_record_keeps_its_counter()
    {
        StoreSealed(("pump2Hours", 7));
        var group = Group(5, 6);

        Assert.True(new RunHourStore(_storage).Load(group));

        Assert.Equal(5, group.RunHours(0), 9);
        Assert.Equal(7, group.RunHours(1), 9);
    }

    [Fact]
    public void Save_reports_a_storage_that_refuses_the_write()
    {
        _storage.RefuseWrites = true;

        Assert.False(new RunHourStore(_storage).Save(Group(1)));
    }
}
