using System.Globalization;
using System.Text;
using Cooling.Supervisor.Dcgm;

namespace Cooling.Fuzz.Targets;

/// <summary>
/// The Prometheus text exposition parser of the dcgm-exporter bridge (<see cref="PrometheusTextParser.Parse"/>).
/// Invariants: every line that is not blank or a comment is either a sample or a reported error; every sample written
/// back in the exposition format reads back as the same sample.
/// </summary>
public sealed class PrometheusTarget : FuzzTarget
{
    public override void Run(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var errors = new List<string>();
        var samples = PrometheusTextParser.Parse(text, errors);
        var lines = 0;
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            var trimmed = line.Trim();
            if (!trimmed.IsEmpty && trimmed[0] != '#') lines++;
        }

        InvariantViolationException.Check(samples.Count + errors.Count == lines, $"{lines} sample lines, {samples.Count} samples and {errors.Count} errors");
        foreach (var sample in samples)
        {
            InvariantViolationException.Check(sample.Metric.Length > 0 && sample.ValueText.Length > 0, $"an empty sample: {sample}");
            var written = Write(sample);
            var again = PrometheusTextParser.Parse(written);
            InvariantViolationException.Check(again.Count == 1, $"'{written}' reads back as {again.Count} samples");
            var back = again[0];
            InvariantViolationException.Check(back.Metric == sample.Metric && back.ValueText == sample.ValueText && back.Value.Equals(sample.Value), $"'{written}' reads back as {back}");
            InvariantViolationException.Check(back.Labels.Count == sample.Labels.Count && sample.Labels.All(l => back.Labels.TryGetValue(l.Key, out var v) && v == l.Value), $"'{written}': the labels differ");
        }
    }

    private static string Write(PrometheusSample sample)
    {
        var line = new StringBuilder(sample.Metric);
        if (sample.Labels.Count > 0)
        {
            line.Append('{');
            line.AppendJoin(',', sample.Labels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\""));
            line.Append('}');
        }

        return line.Append(' ').Append(sample.ValueText).Append(CultureInfo.InvariantCulture, $" {1700000000000}").ToString();
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
