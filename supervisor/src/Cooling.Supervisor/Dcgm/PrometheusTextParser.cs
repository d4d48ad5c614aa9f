using System.Globalization;

namespace Cooling.Supervisor.Dcgm;

/// <summary>One sample of the Prometheus text exposition: metric name, labels, the value and its text as written.</summary>
public sealed record PrometheusSample(string Metric, IReadOnlyDictionary<string, string> Labels, double Value, string ValueText);

/// <summary>
/// Reads the Prometheus text exposition format (version 0.0.4, as dcgm-exporter serves it): <c># HELP</c>,
/// <c># TYPE</c> and other comments and blank lines are skipped; each sample line is
/// <c>name{label="value",…} value [timestamp]</c> with <c>\\</c>, <c>\"</c> and <c>\n</c> escapes in label values.
/// A line that does not parse is skipped and reported with its line number; the rest of the text is still read.
/// </summary>
public static class PrometheusTextParser
{
    public static IReadOnlyList<PrometheusSample> Parse(string text, List<string>? errors = null)
    {
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var rawLine in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            if (TryParseLine(line, out var sample, out var error))
            {
                samples.Add(sample!);
            }
            else
            {
                errors?.Add($"line {lineNumber}: {error}");
            }
        }

        return samples;
    }

    private static bool TryParseLine(ReadOnlySpan<char> line, out PrometheusSample? sample, out string error)
    {
        sample = null;
        var i = 0;
        while (i < line.Length && IsNameChar(line[i], i == 0)) i++;
        if (i == 0)
        {
            error = "a sample must start with a metric name";
            return false;
        }

        var metric = line[..i].ToString();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            if (!TryParseLabels(line, ref i, labels, out error))
            {
                return false;
            }
        }

        var rest = line[i..].Trim();
        var space = rest.IndexOfAny(' ', '\t');
        var valueText = (space < 0 ? rest : rest[..space]).ToString();
        if (valueText.Length == 0 || !TryParseValue(valueText, out var value))
        {
            error = $"{metric}: the value '{valueText}' is not a number";
            return false;
        }

        sample = new PrometheusSample(metric, labels, value, valueText);
        error = "";
        return true;
    }

    private static bool TryParseLabels(ReadOnlySpan<char> line, ref int i, Dictionary<string, string> labels, out string error)
    {
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or ',') i++;
            if (i < line.Length && line[i] == '}')
            {
                i++;
                error = "";
                return true;
            }

            var start = i;
            while (i < line.Length && IsNameChar(line[i], i == start)) i++;
            if (i == start || i + 1 >= line.Length || line[i] != '=' || line[i + 1] != '"')
            {
                error = "a label must be written name=\"value\"";
                return false;
            }

            var name = line[start..i].ToString();
            i += 2;
            var value = new System.Text.StringBuilder();
            while (i < line.Length && line[i] != '"')
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }

                i++;
            }

            if (i >= line.Length)
            {
                error = $"the value of label {name} is not closed";
                return false;
            }

            i++;
            labels[name] = value.ToString();
        }
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "NaN": value = double.NaN; return true;
            case "+Inf": value = double.PositiveInfinity; return true;
            case "-Inf": value = double.NegativeInfinity; return true;
            default: return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }

    private static bool IsNameChar(char c, bool first) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' or ':' || (!first && c is >= '0' and <= '9');
}
