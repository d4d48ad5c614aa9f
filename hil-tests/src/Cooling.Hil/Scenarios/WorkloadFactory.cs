using System.Globalization;
using Cooling.Twin;

namespace Cooling.Hil.Scenarios;

/// <summary>Turns a scenario's <see cref="WorkloadSpec"/> into each rack's GPU utilization over plant time.</summary>
public static class WorkloadFactory
{
    public static readonly string[] Kinds = ["constant", "step", "steps", "ramp", "training", "inference", "csv", "mixed"];

    /// <summary>The workload of <paramref name="spec"/>; <paramref name="scenarioFolder"/> resolves CSV files; <paramref name="seed"/> the inference noise.</summary>
    public static RackUtilization Create(WorkloadSpec spec, string scenarioFolder, int seed) => spec.Kind switch
    {
        "constant" => Workloads.Constant(spec.Utilization),
        "step" => (t, _, _) => t.TotalSeconds < spec.AtSeconds ? spec.From : spec.To,
        "steps" => spec.Staggered
            ? Workloads.StaggeredSteps(TimeSpan.FromSeconds(spec.PeriodSeconds), spec.Low, spec.High)
            : (t, _, _) => t.TotalSeconds / spec.PeriodSeconds % 1.0 < 0.5 ? spec.Low : spec.High,
        "ramp" => (t, _, _) => spec.From + (spec.To - spec.From) * Math.Clamp((t.TotalSeconds - spec.AtSeconds) / Math.Max(spec.OverSeconds, 1e-9), 0, 1),
        "training" => Training(spec),
        "inference" => Inference(spec, seed),
        "csv" => Csv(Path.Combine(scenarioFolder, spec.File!)),
        "mixed" => Mixed(spec, scenarioFolder, seed),
        _ => throw new ArgumentException($"'{spec.Kind}' is not a workload kind."),
    };

    // Synchronized training: every rack swings low ↔ high each half period (all-reduce phases), pauses at Idle for a
    // checkpoint every CheckpointEverySeconds, and idles outside [StartSeconds, StopSeconds).
    private static RackUtilization Training(WorkloadSpec s) => (t, _, _) =>
    {
        var seconds = t.TotalSeconds;
        if (seconds < s.StartSeconds || (s.StopSeconds is { } stop && seconds >= stop)) return s.Idle;
        var job = seconds - s.StartSeconds;
        if (s.CheckpointEverySeconds > 0 && job % s.CheckpointEverySeconds >= s.CheckpointEverySeconds - s.CheckpointSeconds) return s.Idle;
        return job / s.PeriodSeconds % 1.0 < 0.5 ? s.High : s.Low;
    };

    // Inference: a daily cosine between Trough (12 h from the peak) and Peak (at PeakHour), plus seeded ± Noise per rack
    // that changes every PeriodSeconds (default 60 s); the scenario's t = 0 is midnight.
    private static RackUtilization Inference(WorkloadSpec s, int seed)
    {
        var period = s.PeriodSeconds > 0 ? s.PeriodSeconds : 60;
        return (t, loop, rack) =>
        {
            var hours = t.TotalHours % 24;
            var daily = s.Trough + (s.Peak - s.Trough) * 0.5 * (1 + Math.Cos(2 * Math.PI * (hours - s.PeakHour) / 24));
            var slot = (long)(t.TotalSeconds / period);
            var noise = s.Noise * (2 * Hash01(seed, loop * 1000 + rack, slot) - 1);
            return Math.Clamp(daily + noise, 0, 1);
        };
    }

    // A deterministic value in [0, 1) from (seed, rack, slot): SplitMix64 finalizer.
    private static double Hash01(int seed, int rack, long slot)
    {
        var z = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL + (ulong)rack * 0xBF58476D1CE4E5B9UL + (ulong)slot * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    private static RackUtilization Mixed(WorkloadSpec s, string folder, int seed)
    {
        var parts = s.Parts.Select(p => (Racks: p.Racks.ToHashSet(), Workload: Create(p.Workload, folder, seed))).ToArray();
        return (t, loop, rack) =>
        {
            foreach (var part in parts)
            {
                if (part.Racks.Contains(rack + 1)) return part.Workload(t, loop, rack);
            }

            return 0;
        };
    }

    /// <summary>
    /// A CSV trace: a header row, then rows of seconds followed by one utilization for every rack or one per rack
    /// (rack 1 first). Held from one row to the next; before the first row the first row's values apply.
    /// </summary>
    public static RackUtilization Csv(string path)
    {
        var (times, values) = ReadCsv(path);
        return (t, _, rack) =>
        {
            var seconds = t.TotalSeconds;
            var index = Array.BinarySearch(times, seconds);
            if (index < 0) index = Math.Max(0, ~index - 1);
            var row = values[index];
            return row.Length == 1 ? row[0] : row[Math.Min(rack, row.Length - 1)];
        };
    }

    /// <summary>Reads and checks a workload CSV; errors name the file, the line and the column.</summary>
    public static (double[] Times, double[][] Values) ReadCsv(string path)
    {
        if (!File.Exists(path)) throw new ScenarioException($"{path}: the workload trace does not exist");
        var lines = File.ReadAllLines(path);
        var times = new List<double>();
        var values = new List<double[]>();
        var columns = -1;
        for (var i = 1; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var cells = lines[i].Split(',');
            if (columns < 0) columns = cells.Length;
            if (cells.Length != columns || columns < 2) throw new ScenarioException($"{path}:{i + 1}: expected {Math.Max(columns, 2)} columns (seconds, then utilizations), found {cells.Length}");
            var row = new double[columns - 1];
            for (var c = 0; c < columns; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                {
                    throw new ScenarioException($"{path}:{i + 1}: column {c + 1}: '{cells[c]}' is not a number");
                }

                if (c == 0)
                {
                    if (times.Count > 0 && v <= times[^1]) throw new ScenarioException($"{path}:{i + 1}: column 1: seconds must rise from row to row");
                    times.Add(v);
                }
                else
                {
                    if (v is < 0 or > 1) throw new ScenarioException($"{path}:{i + 1}: column {c + 1}: utilization {v} outside 0 … 1");
                    row[c - 1] = v;
                }
            }

            values.Add(row);
        }

        if (times.Count == 0) throw new ScenarioException($"{path}: the workload trace has no rows");
        return ([.. times], [.. values]);
    }
}
