using System.Text;

namespace Cooling.Supervisor.Service.History;

/// <summary>
/// Quoting for InfluxQL (InfluxDB 1.x) so that no identifier or string from a request can change a statement:
/// identifiers in double quotes, strings in single quotes, and inside both a backslash, either quote and a line
/// break escaped (<c>\\</c>, <c>\"</c>, <c>\'</c>, <c>\n</c>) — the only escapes InfluxQL's scanner knows; anything
/// else is taken literally.
/// </summary>
public static class InfluxQl
{
    /// <summary>An identifier (database, retention policy, measurement, tag or field key) as a quoted identifier.</summary>
    public static string Identifier(string name) => Quote(name, '"');

    /// <summary>A string literal (a tag value to compare with).</summary>
    public static string String(string value) => Quote(value, '\'');

    private static string Quote(string text, char quote)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sb = new StringBuilder(text.Length + 2).Append(quote);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\'': sb.Append(@"\'"); break;
                case '\n': sb.Append(@"\n"); break;
                default: sb.Append(c); break;
            }
        }

        return sb.Append(quote).ToString();
    }
}
