using System.Globalization;
using CsvHelper;

namespace Cooling.Models.Identification;

/// <summary>
/// Recorded rack telemetry in CSV, one row per rack and sample, with this header (any column order, extra columns
/// ignored): <c>timestampUnixMilliseconds,rackId,inletTemperatureCelsius,flowLitersPerMinute,gpuPowerWatts,hottestGpuTemperatureCelsius</c>.
/// Numbers use '.' as decimal separator. A row that cannot be read is an error naming its line and field.
/// </summary>
public static class RackTelemetryCsv
{
    public static readonly string[] Columns =
    [
        "timestampUnixMilliseconds", "rackId", "inletTemperatureCelsius", "flowLitersPerMinute", "gpuPowerWatts", "hottestGpuTemperatureCelsius",
    ];

    /// <summary>Reads every row.</summary>
    /// <exception cref="FormatException">A missing column or an unreadable value; the message names the line and field.</exception>
    public static IReadOnlyList<RecordedRackSample> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var options = new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        var header = csv.Headers;
        if (header.Count == 0)
        {
            throw new FormatException("line 1: the CSV is empty; a header with " + string.Join(", ", Columns) + " is required");
        }

        foreach (var column in Columns)
        {
            if (!header.Contains(column, StringComparer.Ordinal))
            {
                throw new FormatException($"line 1: column '{column}' is missing from the header");
            }
        }

        var rows = new List<RecordedRackSample>();
        while (ReadRecord(csv))
        {
            var line = csv.LineNumber;
            var rackId = Text(csv, "rackId", line);
            if (string.IsNullOrWhiteSpace(rackId)) throw new FormatException($"line {line}: rackId is empty");
            rows.Add(new RecordedRackSample(
                (long)Number(csv, "timestampUnixMilliseconds", line),
                rackId,
                new RackThermalSample(
                    Number(csv, "inletTemperatureCelsius", line),
                    Number(csv, "flowLitersPerMinute", line),
                    Number(csv, "gpuPowerWatts", line),
                    Number(csv, "hottestGpuTemperatureCelsius", line))));
        }

        return rows;
    }

    /// <summary>Writes <paramref name="rows"/> with the header above.</summary>
    public static void Write(TextWriter writer, IEnumerable<RecordedRackSample> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        writer.WriteLine(string.Join(',', Columns));
        foreach (var r in rows)
        {
            var s = r.Sample;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.TimestampUnixMilliseconds},{r.RackId},{s.InletTemperatureCelsius:R},{s.FlowLitersPerMinute:R},{s.GpuPowerWatts:R},{s.HottestGpuTemperatureCelsius:R}"));
        }
    }

    /// <summary>
    /// Identifies one model per rack: each rack's rows in time order; a step between rows that differs from
    /// <paramref name="samplePeriodSeconds"/> by more than 10 % is a gap.
    /// </summary>
    public static IReadOnlyDictionary<string, BatchIdentificationResult> IdentifyPerRack(IReadOnlyList<RecordedRackSample> rows, double samplePeriodSeconds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var periodMilliseconds = samplePeriodSeconds * 1000;
        var result = new SortedDictionary<string, BatchIdentificationResult>(StringComparer.Ordinal);
        foreach (var rack in rows.GroupBy(r => r.RackId, StringComparer.Ordinal))
        {
            var ordered = rack.OrderBy(r => r.TimestampUnixMilliseconds).ToList();
            var continuous = new bool[ordered.Count];
            for (var k = 1; k < ordered.Count; k++)
            {
                var step = ordered[k].TimestampUnixMilliseconds - ordered[k - 1].TimestampUnixMilliseconds;
                continuous[k] = Math.Abs(step - periodMilliseconds) <= 0.1 * periodMilliseconds;
            }

            result[rack.Key] = BatchRackThermalIdentifier.Identify([.. ordered.Select(r => r.Sample)], samplePeriodSeconds, continuous);
        }

        return result;
    }

    private static bool ReadRecord(CsvReader csv)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new FormatException($"malformed CSV: {ex.Message}", ex);
        }
    }

    private static string Text(CsvReader csv, string field, long line)
    {
        try
        {
            return csv.GetString(field);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or IndexOutOfRangeException or ArgumentOutOfRangeException or CsvFormatException)
        {
            throw new FormatException($"line {line}: {field} is missing", ex);
        }
    }

    private static double Number(CsvReader csv, string field, long line)
    {
        var text = Text(csv, field, line);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"line {line}: {field} '{text}' is not a number");
        }

        return value;
    }
}

/// <summary>One CSV row: when, which rack, and the sample.</summary>
public sealed record RecordedRackSample(long TimestampUnixMilliseconds, string RackId, RackThermalSample Sample);
