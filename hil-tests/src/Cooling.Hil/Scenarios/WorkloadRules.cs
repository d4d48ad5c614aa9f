namespace Cooling.Hil.Scenarios;

/// <summary>Validation of a <see cref="WorkloadSpec"/>: the fields its kind reads, in range.</summary>
public static class WorkloadRules
{
    public static IEnumerable<string> Validate(WorkloadSpec w, string at, string folder, int racks)
    {
        IEnumerable<string> Fraction(double value, string field) =>
            value is < 0 or > 1 || double.IsNaN(value) ? [$"{at}.{field}: must be 0 … 1"] : [];

        switch (w.Kind)
        {
            case "constant":
                foreach (var e in Fraction(w.Utilization, "utilization")) yield return e;
                break;
            case "step":
            case "ramp":
                foreach (var e in Fraction(w.From, "from").Concat(Fraction(w.To, "to"))) yield return e;
                if (w.AtSeconds < 0) yield return $"{at}.atSeconds: must be ≥ 0";
                if (w.Kind == "ramp" && w.OverSeconds <= 0) yield return $"{at}.overSeconds: must be above 0";
                break;
            case "steps":
            case "training":
                foreach (var e in Fraction(w.Low, "low").Concat(Fraction(w.High, "high")).Concat(Fraction(w.Idle, "idle")).Concat(Fraction(w.HighFraction, "highFraction"))) yield return e;
                if (w.PeriodSeconds <= 0) yield return $"{at}.periodSeconds: must be above 0";
                if (w.CheckpointEverySeconds < 0 || w.CheckpointSeconds < 0 || (w.CheckpointEverySeconds > 0 && w.CheckpointSeconds >= w.CheckpointEverySeconds))
                {
                    yield return $"{at}.checkpointSeconds: must be ≥ 0 and shorter than checkpointEverySeconds";
                }

                if (w.StopSeconds is { } stop && stop <= w.StartSeconds) yield return $"{at}.stopSeconds: must be after startSeconds";
                break;
            case "inference":
                foreach (var e in Fraction(w.Trough, "trough").Concat(Fraction(w.Peak, "peak"))) yield return e;
                if (w.PeakHour is < 0 or >= 24) yield return $"{at}.peakHour: must be 0 … 24";
                if (w.Noise is < 0 or > 0.5) yield return $"{at}.noise: must be 0 … 0.5";
                break;
            case "csv":
                if (string.IsNullOrWhiteSpace(w.File))
                {
                    yield return $"{at}.file: name the CSV trace (relative to the scenario file)";
                    break;
                }

                if (w.Values is not ("utilizationPercent" or "rackPowerWatts")) yield return $"{at}.values: use utilizationPercent or rackPowerWatts";
                string? problem = null;
                try
                {
                    WorkloadFactory.ReadCsv(Path.Combine(folder, w.File), w.Values);
                }
                catch (ScenarioException ex)
                {
                    problem = $"{at}.file: {ex.Message}";
                }

                if (problem is not null) yield return problem;
                break;
            case "mixed":
                if (w.Parts.Count == 0) yield return $"{at}.parts: name at least one part";
                var seen = new HashSet<int>();
                for (var i = 0; i < w.Parts.Count; i++)
                {
                    var part = w.Parts[i];
                    foreach (var rack in part.Racks)
                    {
                        if (rack < 1 || rack > racks) yield return $"{at}.parts[{i}].racks: rack {rack} is not on the loop (1 … {racks})";
                        else if (!seen.Add(rack)) yield return $"{at}.parts[{i}].racks: rack {rack} is already in an earlier part";
                    }

                    if (part.Workload.Kind == "mixed") yield return $"{at}.parts[{i}].workload.kind: a part cannot itself be mixed";
                    else foreach (var e in Validate(part.Workload, $"{at}.parts[{i}].workload", folder, racks)) yield return e;
                }

                break;
            default:
                yield return $"{at}.kind: '{w.Kind}' is not a workload (use {string.Join(", ", WorkloadFactory.Kinds)})";
                break;
        }
    }
}
