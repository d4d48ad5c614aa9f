using Cooling.Supervisor.Service.History;

namespace Cooling.Supervisor.Tests.Stores;

/// <summary>InfluxQL quoting and the parsing of /query answers (the server's behaviour itself is in <see cref="InfluxHistoryTests"/>).</summary>
public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("cdu1", "'cdu1'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData("say \"x\"", "'say \\\"x\\\"'")]
    [InlineData("two\nlines", @"'two\nlines'")]
    [InlineData(@"\'", @"'\\\''")]
    public void Strings_escape_backslash_quotes_and_line_breaks(string value, string quoted) => Assert.Equal(quoted, InfluxQl.String(value));

    [Fact]
    public void Identifiers_are_double_quoted_with_the_same_escapes() =>
        Assert.Equal("\"odd \\\"name\\\" \\\\ here\"", InfluxQl.Identifier("odd \"name\" \\ here"));

    [Theory]
    [InlineData(500, """{"error":"timeout"}""", "InfluxDB answered 500: timeout")]
    [InlineData(200, """{"results":[{"statement_id":0,"error":"retention policy not found: x"}]}""", "InfluxDB refused the query: retention policy not found: x")]
    [InlineData(200, "<html>proxy error</html>", "InfluxDB answered 200 with a body that is not JSON: <html>proxy error</html>")]
    [InlineData(401, """{"error":"authorization failed"}""", "InfluxDB answered 401: authorization failed")]
    public void An_answer_with_an_error_is_a_502_with_the_servers_reason(int status, string body, string reason)
    {
        var ex = Assert.Throws<HistoryUnavailableException>(() => InfluxTelemetryHistory.Parse(status, body));
        Assert.Equal(502, ex.StatusCode);
        Assert.Equal(reason, ex.Message);
    }

    [Fact]
    public void A_missing_database_or_series_is_an_empty_history_and_rows_become_points()
    {
        Assert.Empty(InfluxTelemetryHistory.Parse(200, """{"results":[{"statement_id":0,"error":"database not found: cooling"}]}"""));
        Assert.Empty(InfluxTelemetryHistory.Parse(200, """{"results":[{"statement_id":0}]}"""));
        var points = InfluxTelemetryHistory.Parse(200,
            """{"results":[{"statement_id":0,"series":[{"name":"cdu_telemetry","columns":["time","mean"],"values":[[1764000000000,1.5],[1764000002200,4]]}]}]}""");
        Assert.Equal([new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(1764000000000), 1.5), new HistoryPoint(DateTimeOffset.FromUnixTimeMilliseconds(1764000002200), 4)], points);
    }
}
