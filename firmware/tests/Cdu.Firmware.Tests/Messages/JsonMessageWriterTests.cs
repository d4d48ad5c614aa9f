using System.Text;
using System.Text.Json;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Tests.Messages;

public sealed class JsonMessageWriterTests
{
    [Fact]
    public void Writes_valid_JSON_that_reads_back()
    {
        var w = new JsonMessageWriter(512);
        w.StartObject();
        w.WriteInteger("seq", -42);
        w.WriteNumber("t", 29.996, 2);
        w.WriteNumber("neg", -0.004, 2);
        w.WriteNumber("nan", double.NaN, 2);
        w.WriteBoolean("ok", true);
        w.WriteString("mode", "automatic");
        w.WriteEscapedString("topic", "a\"b\\c\u0001é");
        w.StartArray("items");
        w.StartArrayObject();
        w.WriteInteger("i", 0);
        w.EndArrayObject();
        w.StartArrayObject();
        w.WriteInteger("i", 1);
        w.EndArrayObject();
        w.EndArray();
        w.EndObject();

        var json = Encoding.UTF8.GetString(w.Buffer, 0, w.Length);
        var root = JsonDocument.Parse(json).RootElement;
        Assert.Equal(-42, root.GetProperty("seq").GetInt64());
        Assert.Equal("30.00", root.GetProperty("t").GetRawText());
        Assert.Equal("0.00", root.GetProperty("neg").GetRawText());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, root.GetProperty("nan").ValueKind);
        Assert.Equal("a\"b\\c\u0001é", root.GetProperty("topic").GetString());
        Assert.Equal(2, root.GetProperty("items").GetArrayLength());
        Assert.False(w.Overflowed);
    }

    [Fact]
    public void Flags_overflow_instead_of_writing_past_the_buffer()
    {
        var w = new JsonMessageWriter(16);
        w.StartObject();
        w.WriteString("firmwareVersion", "0.1.0");
        w.EndObject();

        Assert.True(w.Overflowed);
        Assert.Equal(16, w.Length);
    }

    [Theory]
    [InlineData(0.0, 1, "0.0")]
    [InlineData(123.456, 1, "123.5")]
    [InlineData(-5.05, 2, "-5.05")]
    [InlineData(1e12, 0, "1000000000000")]
    [InlineData(0.5, 0, "1")]
    public void Rounds_numbers_to_the_requested_places(double value, int decimals, string expected)
    {
        var w = new JsonMessageWriter(64);
        w.StartObject();
        w.WriteNumber("x", value, decimals);
        w.EndObject();

        Assert.Equal($$"""{"x":{{expected}}}""", Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
    }
}
