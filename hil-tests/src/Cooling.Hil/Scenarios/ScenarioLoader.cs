using System.Text.Json;
using Cooling.Hil.Sil;

namespace Cooling.Hil.Scenarios;

/// <summary>Loads scenario files and validates them; every error names the file and the JSON path of the field.</summary>
public static class ScenarioLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static Scenario Load(string path)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{path}: {ex.Path ?? "$"}: {ex.Message}");
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{path}: $: the file holds no scenario");
        }

        var errors = Validate(scenario).Select(e => $"{path}: {e}").ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException(string.Join(Environment.NewLine, errors));
        }

        return scenario with { Source = path };
    }

    /// <summary>Every scenario file in <paramref name="folder"/>, by name.</summary>
    public static IReadOnlyList<Scenario> LoadFolder(string folder) =>
        [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];

    public static IEnumerable<string> Validate(Scenario s)
    {
        if (string.IsNullOrWhiteSpace(s.Name)) yield return "$.name: must not be empty";
        if (s.Requirements.Count == 0) yield return "$.requirements: name at least one requirement ID";
        if (s.DurationSeconds is <= 0 or > 7 * 86400) yield return "$.durationSeconds: must be above 0 and at most 604800 (7 days)";
        if (s.Racks is < 1 or > 64) yield return "$.racks: must be 1 … 64";
        switch (s.Workload.Kind)
        {
            case "constant":
                if (s.Workload.Utilization is < 0 or > 1) yield return "$.workload.utilization: must be 0 … 1";
                break;
            case "steps":
                if (s.Workload.Low is < 0 or > 1) yield return "$.workload.low: must be 0 … 1";
                if (s.Workload.High is < 0 or > 1) yield return "$.workload.high: must be 0 … 1";
                if (s.Workload.PeriodSeconds <= 0) yield return "$.workload.periodSeconds: must be above 0";
                break;
            default:
                yield return $"$.workload.kind: '{s.Workload.Kind}' is not a workload (use constant or steps)";
                break;
        }

        if (s.Supervisor is { } sup)
        {
            if (sup.SupplyTemperatureCelsius is < 5 or > 60) yield return "$.supervisor.supplyTemperatureCelsius: must be 5 … 60";
            if (sup.LeaseSeconds is < 1 or > 3600) yield return "$.supervisor.leaseSeconds: must be 1 … 3600";
            if (sup.RenewalSeconds < 1) yield return "$.supervisor.renewalSeconds: must be at least 1";
        }

        if (s.Criteria.Count == 0) yield return "$.criteria: name at least one criterion";
        for (var i = 0; i < s.Criteria.Count; i++)
        {
            var c = s.Criteria[i];
            if (!Kpis.Names.Contains(c.Kpi)) yield return $"$.criteria[{i}].kpi: '{c.Kpi}' is not a KPI (known: {string.Join(", ", Kpis.Names)})";
            if (c.Maximum is null && c.Minimum is null) yield return $"$.criteria[{i}]: give a maximum, a minimum or both";
            if (c.FromSeconds < 0 || c.FromSeconds >= s.DurationSeconds) yield return $"$.criteria[{i}].fromSeconds: must be 0 … durationSeconds";
            if (!s.Requirements.Contains(c.Requirement)) yield return $"$.criteria[{i}].requirement: '{c.Requirement}' is not in $.requirements";
        }
    }
}

/// <summary>A scenario file that cannot be run; the message lists every problem with its location.</summary>
public sealed class ScenarioException(string message) : Exception(message);
