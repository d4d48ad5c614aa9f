using System.Text;
using Cdu.Firmware.Messages;

namespace Cdu.Firmware.Tests.Messages;

public sealed class JsonMessageReaderTests
{
    private static JsonError Parse(JsonMessageReader reader, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return reader.Parse(bytes, 0, bytes.Length);
    }

    [Fact]
    public void Reads_numbers_integers_booleans_and_strings_by_name()
    {
        var reader = new JsonMessageReader();
        Assert.Equal(JsonError.None, Parse(reader,
            """ { "v": 1, "seq": 1764000000123, "t": -12.5e-1, "ok": true, "mode": "automatic", "nested": {"a": [1, {"b": null}]} } """));

        Assert.True(reader.TryGetInteger("seq", out var seq));
        Assert.Equal(1764000000123, seq);
        Assert.True(reader.TryGetNumber("t", out var t));
        Assert.Equal(-1.25, t, 12);
        Assert.True(reader.TryGetBoolean("ok", out var ok) && ok);
        Assert.True(reader.StringEquals("mode", "automatic"));
        Assert.False(reader.StringEquals("mode", "fallback"));
        Assert.Equal(JsonValueKind.Object, reader.GetKind("nested"));
        Assert.Equal(JsonValueKind.None, reader.GetKind("absent"));
        Assert.False(reader.TryGetInteger("t", out _));
        Assert.Equal(6, reader.MemberCount);
    }

    [Theory]
    [InlineData("30", 30.0)]
    [InlineData("-0", 0.0)]
    [InlineData("0.125", 0.125)]
    [InlineData("1E3", 1000.0)]
    [InlineData("2.5e+2", 250.0)]
    [InlineData("123456789012345678901", 1.2345678901234568e20)]
    [InlineData("0.000001", 1e-6)]
    public void Converts_numbers(string text, double expected)
    {
        var reader = new JsonMessageReader();
        Assert.Equal(JsonError.None, Parse(reader, $$"""{"x":{{text}}}"""));
        Assert.True(reader.TryGetNumber("x", out var value));
        Assert.Equal(expected, value, expected * 1e-12 + 1e-15);
    }

    [Theory]
    [InlineData("", JsonError.Empty)]
    [InlineData("   ", JsonError.Empty)]
    [InlineData("[1]", JsonError.NotAnObject)]
    [InlineData("{\"a\":1} x", JsonError.TrailingContent)]
    [InlineData("{\"a\":1,}", JsonError.ExpectedName)]
    [InlineData("{a:1}", JsonError.ExpectedName)]
    [InlineData("{\"a\" 1}", JsonError.ExpectedColon)]
    [InlineData("{\"a\":1 \"b\":2}", JsonError.ExpectedCommaOrEnd)]
    [InlineData("{\"a\":1", JsonError.UnexpectedEnd)]
    [InlineData("{\"a\":tru}", JsonError.UnexpectedCharacter)]
    [InlineData("{\"a\":'x'}", JsonError.UnexpectedCharacter)]
    [InlineData("{\"a\":\"x\ty\"}", JsonError.ControlCharacterInString)]
    [InlineData("{\"a\":\"\\x\"}", JsonError.InvalidEscape)]
    [InlineData("{\"a\":\"\\u12G4\"}", JsonError.InvalidEscape)]
    [InlineData("{\"a\":01}", JsonError.ExpectedCommaOrEnd)]
    [InlineData("{\"a\":1.}", JsonError.InvalidNumber)]
    [InlineData("{\"a\":-}", JsonError.InvalidNumber)]
    [InlineData("{\"a\":1e}", JsonError.InvalidNumber)]
    [InlineData("{\"a\":[[[[[[[[1]]]]]]]]}", JsonError.TooDeep)]
    [InlineData("{\"a\":1,\"a\":2}", JsonError.DuplicateName)]
    public void Refuses_malformed_documents_with_the_reason(string json, JsonError expected)
    {
        var reader = new JsonMessageReader();
        Assert.Equal(expected, Parse(reader, json));
        Assert.Equal(0, reader.MemberCount);
        Assert.StartsWith("malformed JSON", JsonErrorText.Describe(expected));
    }

    [Fact]
    public void Refuses_more_than_the_maximum_number_of_members()
    {
        var members = string.Join(",", Enumerable.Range(0, JsonMessageReader.MaximumMembers + 1).Select(i => $"\"m{i}\":{i}"));
        Assert.Equal(JsonError.TooManyMembers, Parse(new JsonMessageReader(), "{" + members + "}"));
    }

    [Fact]
    public void A_number_too_large_for_a_double_is_not_a_number()
    {
        var reader = new JsonMessageReader();
        Assert.Equal(JsonError.None, Parse(reader, """{"x":1e400}"""));
        Assert.False(reader.TryGetNumber("x", out _));
    }
}
