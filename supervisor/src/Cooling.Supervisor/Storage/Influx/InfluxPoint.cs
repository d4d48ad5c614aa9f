using System.Text;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// One point for InfluxDB: measurement, tags, fields and a time in Unix milliseconds. Tags with an empty value
/// and fields without a finite value are left out (InfluxDB has no empty tag and no NaN); a point with no field
/// left cannot be written.
/// </summary>
public sealed class InfluxPoint(string measurement, long timestampUnixMilliseconds)
{
    private readonly List<KeyValuePair<string, string>> _tags = [];
    private readonly List<KeyValuePair<string, object>> _fields = [];

    public string Measurement { get; } = measurement;

    public long TimestampUnixMilliseconds { get; } = timestampUnixMilliseconds;

    public int FieldCount => _fields.Count;

    public InfluxPoint Tag(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value)) _tags.Add(new(key, value));
        return this;
    }

    public InfluxPoint Field(string key, double? value)
    {
        if (value is { } v && double.IsFinite(v)) _fields.Add(new(key, v));
        return this;
    }

    public InfluxPoint Field(string key, long value)
    {
        _fields.Add(new(key, value));
        return this;
    }

    public InfluxPoint Field(string key, bool value)
    {
        _fields.Add(new(key, value));
        return this;
    }

    public InfluxPoint Field(string key, string? value)
    {
        if (value is not null) _fields.Add(new(key, value));
        return this;
    }

    /// <summary>Appends the point as one line (with its newline) at millisecond precision.</summary>
    public void WriteTo(StringBuilder line)
    {
        if (_fields.Count == 0) throw new InvalidOperationException($"A point of {Measurement} has no field to write.");
        LineProtocol.AppendMeasurement(line, Measurement);
        foreach (var tag in _tags)
        {
            line.Append(',');
            LineProtocol.AppendKey(line, tag.Key);
            line.Append('=');
            LineProtocol.AppendKey(line, tag.Value);
        }

        var separator = ' ';
        foreach (var field in _fields)
        {
            line.Append(separator);
            separator = ',';
            LineProtocol.AppendKey(line, field.Key);
            line.Append('=');
            switch (field.Value)
            {
                case double d:
                    LineProtocol.AppendFloatValue(line, d);
                    break;
                case long l:
                    LineProtocol.AppendIntegerValue(line, l);
                    break;
                case bool b:
                    LineProtocol.AppendBooleanValue(line, b);
                    break;
                default:
                    LineProtocol.AppendStringValue(line, (string)field.Value);
                    break;
            }
        }

        line.Append(' ').Append(TimestampUnixMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
    }

    public override string ToString()
    {
        var line = new StringBuilder();
        WriteTo(line);
        return line.ToString(0, line.Length - 1);
    }
}
