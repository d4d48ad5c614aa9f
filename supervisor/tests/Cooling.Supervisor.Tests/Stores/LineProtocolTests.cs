using System.Text;
using Cooling.Supervisor.Storage.Influx;

namespace Cooling.Supervisor.Tests.Stores;

public sealed class LineProtocolTests
{
    [Theory]
    [InlineData("cdu_telemetry", "cdu_telemetry")]
    [InlineData("my meas,ure", @"my\ meas\,ure")]
    [InlineData("a=b", "a=b")] // '=' needs no escape in a measurement
    [InlineData("two\nlines", @"two\ lines")]
    [InlineData(@"back\slash", @"back\slash")]
    public void Measurement_names_escape_comma_and_space(string name, string expected)
    {
        var line = new StringBuilder();
        LineProtocol.AppendMeasurement(line, name);
        Assert.Equal(expected, line.ToString());
    }

    [Theory]
    [InlineData("rack", "rack")]
    [InlineData("a b,c=d", @"a\ b\,c\=d")]
    [InlineData("cr\rlf\n", @"cr\ lf\ ")]
    [InlineData(@"mid\dle", @"mid\dle")]
    public void Keys_and_tag_values_escape_comma_equals_and_space(string key, string expected)
    {
        var line = new StringBuilder();
        LineProtocol.AppendKey(line, key);
        Assert.Equal(expected, line.ToString());
    }

    [Theory]
    [InlineData(@"ends\")]
    [InlineData(@"before\,comma")]
    [InlineData(@"before\ space")]
    [InlineData(@"before\=equals")]
    [InlineData("")]
    public void A_key_line_protocol_cannot_carry_is_refused_with_the_reason(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => LineProtocol.AppendKey(new StringBuilder(), key));
        Assert.Matches("backslash|empty", error.Message);
    }

    [Fact]
    public void A_measurement_starting_with_a_hash_would_be_a_comment_and_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => LineProtocol.AppendMeasurement(new StringBuilder(), "#m"));
        Assert.Contains("comment", error.Message);
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\path\", "\"C:\\\\path\\\\\"")]
    [InlineData("a,b=c d", "\"a,b=c d\"")] // nothing else is escaped inside quotes
    [InlineData("line\nbreak", "\"line break\"")]
    public void String_values_are_quoted_and_escape_quote_and_backslash(string value, string expected)
    {
        var line = new StringBuilder();
        LineProtocol.AppendStringValue(line, value);
        Assert.Equal(expected, line.ToString());
    }

    [Fact]
    public void Numbers_are_written_invariant_with_integer_suffix_and_round_trip()
    {
        var line = new StringBuilder();
        LineProtocol.AppendFloatValue(line, 0.1 + 0.2);
        line.Append(' ');
        LineProtocol.AppendFloatValue(line, -1.5e-7);
        line.Append(' ');
        LineProtocol.AppendIntegerValue(line, -42);
        line.Append(' ');
        LineProtocol.AppendBooleanValue(line, true);
        Assert.Equal("0.30000000000000004 -1.5E-07 -42i true", line.ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => LineProtocol.AppendFloatValue(line, double.NaN));
    }

    [Fact]
    public void A_point_is_one_line_with_tags_fields_and_millisecond_time_and_leaves_out_empty_tags_and_non_finite_fields()
    {
        var point = new InfluxPoint("cdu_telemetry", 1_700_000_000_123)
            .Tag("site", "hall 1").Tag("cdu", "").Tag("rack", null)
            .Field("supply_temperature_celsius", 30.5)
            .Field("flow_liters_per_minute", double.NaN)
            .Field("delta_pressure_kpa", (double?)null)
            .Field("seq", 7L)
            .Field("online", true)
            .Field("mode", "Automatic");
        Assert.Equal(@"cdu_telemetry,site=hall\ 1 supply_temperature_celsius=30.5,seq=7i,online=true,mode=""Automatic"" 1700000000123", point.ToString());
    }

    [Fact]
    public void A_point_without_a_finite_field_cannot_be_written()
    {
        var point = new InfluxPoint("m", 1).Field("v", double.PositiveInfinity);
        Assert.Equal(0, point.FieldCount);
        Assert.Throws<InvalidOperationException>(() => point.WriteTo(new StringBuilder()));
    }
}
