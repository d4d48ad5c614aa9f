using System.Globalization;
using System.Text;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// InfluxDB 1.x line protocol (<c>measurement,tag=value field=1.5,count=3i,name="text" 1700000000000</c>) with
/// its escaping rules: measurement names escape comma and space; tag keys, tag values and field keys escape comma,
/// equals sign and space; string field values are double-quoted and escape the double quote and the backslash.
/// Outside string values InfluxDB keeps a backslash as it is, so a backslash there cannot stand before a character
/// that needs escaping or at the end: such a name is refused (<see cref="ArgumentException"/> with the reason).
/// A line break ends a line (InfluxDB 1.x documents no line break inside any value), so CR and LF are written as a
/// space everywhere: every '\n' in a batch separates two points.
/// </summary>
public static class LineProtocol
{
    /// <summary>Appends a measurement name.</summary>
    public static void AppendMeasurement(StringBuilder line, string measurement)
    {
        if (measurement.StartsWith('#')) throw new ArgumentException($"The measurement '{measurement}' starts with '#', which makes the line a comment.", nameof(measurement));
        AppendEscaped(line, measurement, ", ", "measurement");
    }

    /// <summary>Appends a tag key, a tag value or a field key.</summary>
    public static void AppendKey(StringBuilder line, string key) => AppendEscaped(line, key, ",= ", "tag or field key");

    /// <summary>Appends a string field value in double quotes.</summary>
    public static void AppendStringValue(StringBuilder line, string value)
    {
        line.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\') line.Append('\\');
            line.Append(c is '\n' or '\r' ? ' ' : c);
        }

        line.Append('"');
    }

    /// <summary>Appends a float field value (shortest round-trip form); NaN and infinities have no representation.</summary>
    public static void AppendFloatValue(StringBuilder line, double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Line protocol has no NaN or infinity.");
        line.Append(value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Appends an integer field value (suffix i).</summary>
    public static void AppendIntegerValue(StringBuilder line, long value) =>
        line.Append(value.ToString(CultureInfo.InvariantCulture)).Append('i');

    /// <summary>Appends a boolean field value.</summary>
    public static void AppendBooleanValue(StringBuilder line, bool value) => line.Append(value ? "true" : "false");

    private static void AppendEscaped(StringBuilder line, string text, string special, string what)
    {
        if (string.IsNullOrEmpty(text)) throw new ArgumentException($"A {what} must not be empty.", nameof(text));
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && (i == text.Length - 1 || special.Contains(text[i + 1], StringComparison.Ordinal) || text[i + 1] is '\n' or '\r'))
            {
                throw new ArgumentException($"The {what} '{text}' has a backslash {(i == text.Length - 1 ? "at its end" : "before a separator")}, which line protocol cannot carry.", nameof(text));
            }

            var written = c is '\n' or '\r' ? ' ' : c;
            if (special.Contains(written, StringComparison.Ordinal)) line.Append('\\');
            line.Append(written);
        }
    }
}
