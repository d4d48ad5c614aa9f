using System.Globalization;
using Cooling.Models.Components;
using CsvHelper;

namespace Cooling.Models;

/// <summary>What the columns of a rack trace hold.</summary>
public enum RackTraceValueKind
{
    /// <summary>GPU utilization, % (0 … 100).</summary>
    UtilizationPercent,

    /// <summary>The rack's liquid-cooled power, W; turned into utilization by inverting the rack's power model.</summary>
    RackPowerWatts,
}

/// <summary>
/// Rack utilization or power recorded over time, from a CSV file: a header <c>timeSeconds,&lt;rack&gt;,&lt;rack&gt;,…</c>
/// and one row per sample, times increasing. Rack r of every loop reads column r (modulo the number of columns);
/// loop l is shifted by l·<c>loopOffset</c> so that loops do not move in lock step. Values are interpolated
/// linearly between samples and held before the first and after the last (or the trace repeats).
/// Power P of a rack of N GPUs becomes utilization u = (P/(1 + f)/N − P_idle)/(P_max − P_idle), clamped to 0 … 1,
/// the inverse of <see cref="GpuRack"/>'s power model (f: other liquid-cooled load fraction).
/// </summary>
public sealed class RackTrace
{
    private readonly double[] _timesSeconds;
    private readonly double[][] _utilization;

    private RackTrace(string[] columns, double[] timesSeconds, double[][] utilization)
    {
        Columns = columns;
        _timesSeconds = timesSeconds;
        _utilization = utilization;
    }

    /// <summary>Names of the rack columns.</summary>
    public IReadOnlyList<string> Columns { get; }

    public int SampleCount => _timesSeconds.Length;

    /// <summary>Time of the last sample.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds(_timesSeconds[^1]);

    /// <summary>Reads a trace; a bad file throws <see cref="FormatException"/> naming the line and column.</summary>
    public static RackTrace Load(string path, RackTraceValueKind valueKind, GpuRackDescription rack)
    {
        using var reader = new StreamReader(path);
        return Read(reader, Path.GetFileName(path), valueKind, rack);
    }

    /// <summary>Reads a trace from text; <paramref name="source"/> names it in errors.</summary>
    public static RackTrace Read(TextReader text, string source, RackTraceValueKind valueKind, GpuRackDescription rack)
    {
        var options = new CsvReaderOptions { Separator = ',', TrimWhitespace = true, TrackLineNumbers = true };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        csv.ReadHeader();
        var header = csv.Headers.ToArray();
        if (header.Length < 2 || !string.Equals(header[0], "timeSeconds", StringComparison.Ordinal))
        {
            throw new FormatException($"{source} line 1: the header must be 'timeSeconds' followed by one column per rack, got '{string.Join(",", header)}'");
        }

        var times = new List<double>();
        var columns = new List<double>[header.Length - 1];
        for (var c = 0; c < columns.Length; c++) columns[c] = [];
        while (csv.Read())
        {
            var line = csv.LineNumber;
            if (csv.FieldCount != header.Length)
            {
                throw new FormatException($"{source} line {line}: {csv.FieldCount} fields, the header has {header.Length}");
            }

            var time = Number(csv, 0, header, source, line);
            if (times.Count > 0 && time <= times[^1])
            {
                throw new FormatException($"{source} line {line}, column timeSeconds: times must increase, got {time.ToString(CultureInfo.InvariantCulture)} after {times[^1].ToString(CultureInfo.InvariantCulture)}");
            }

            times.Add(time);
            for (var c = 0; c < columns.Length; c++)
            {
                var value = Number(csv, c + 1, header, source, line);
                var valid = valueKind == RackTraceValueKind.UtilizationPercent ? value is >= 0 and <= 100 : value >= 0;
                if (!valid)
                {
                    var range = valueKind == RackTraceValueKind.UtilizationPercent ? "between 0 and 100" : ">= 0";
                    throw new FormatException($"{source} line {line}, column {header[c + 1]}: must be {range}, got {value.ToString(CultureInfo.InvariantCulture)}");
                }

                columns[c].Add(valueKind == RackTraceValueKind.UtilizationPercent ? value / 100.0 : UtilizationOfPower(value, rack));
            }
        }

        if (times.Count == 0) throw new FormatException($"{source}: no samples after the header");
        return new RackTrace(header[1..], [.. times], [.. columns.Select(c => c.ToArray())]);
    }

    /// <summary>The utilization that makes a rack of <paramref name="rack"/> draw <paramref name="rackPowerWatts"/>.</summary>
    public static double UtilizationOfPower(double rackPowerWatts, GpuRackDescription rack)
    {
        var perGpu = rackPowerWatts / (1 + rack.OtherLoadFraction) / rack.GpuCount;
        return Math.Clamp((perGpu - rack.IdlePowerWatts) / (rack.MaximumPowerWatts - rack.IdlePowerWatts), 0, 1);
    }

    /// <summary>Utilization of column <paramref name="column"/> at <paramref name="timeSeconds"/> (linear interpolation).</summary>
    public double UtilizationAt(int column, double timeSeconds, bool repeat)
    {
        var times = _timesSeconds;
        var values = _utilization[column];
        if (repeat && times[^1] > 0 && timeSeconds > times[^1]) timeSeconds %= times[^1];
        if (timeSeconds <= times[0]) return values[0];
        if (timeSeconds >= times[^1]) return values[^1];
        var index = Array.BinarySearch(times, timeSeconds);
        if (index >= 0) return values[index];
        var upper = ~index;
        var fraction = (timeSeconds - times[upper - 1]) / (times[upper] - times[upper - 1]);
        return values[upper - 1] + (values[upper] - values[upper - 1]) * fraction;
    }

    private static double Number(CsvReader csv, int index, string[] header, string source, long line)
    {
        var field = csv.GetString(index);
        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new FormatException($"{source} line {line}, column {header[index]}: must be a number, got '{field}'");
        }

        return value;
    }
}

/// <summary>A workload replayed from a CSV rack trace ("csvTrace"; see <see cref="RackTrace"/>).</summary>
public sealed record RackTraceWorkload(string Path, RackTraceValueKind ValueKind, GpuRackDescription Rack) : WorkloadDescription
{
    public override string Kind => "csvTrace";

    /// <summary>True: the trace starts over after its last sample; false: the last value is held.</summary>
    public bool Repeat { get; init; } = true;

    /// <summary>Time shift of loop l: l × this.</summary>
    public TimeSpan LoopOffset { get; init; } = TimeSpan.Zero;

    /// <summary>Reads the file (a bad file throws <see cref="FormatException"/>) and returns its utilization function.</summary>
    public override RackUtilization Create()
    {
        var trace = RackTrace.Load(Path, ValueKind, Rack);
        var columns = trace.Columns.Count;
        var repeat = Repeat;
        var offset = LoopOffset.TotalSeconds;
        return (time, loop, rack) => trace.UtilizationAt(rack % columns, time.TotalSeconds + loop * offset, repeat);
    }
}
