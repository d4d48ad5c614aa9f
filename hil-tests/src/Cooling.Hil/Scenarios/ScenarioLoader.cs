using System.Text.Json;
using System.Text.RegularExpressions;
using Cdu.Firmware.Config;
using Cooling.Hil.Kpis;
using Cooling.Hil.Supervision;

namespace Cooling.Hil.Scenarios;

/// <summary>Loads scenario files and validates them; every error names the file and the JSON path of the field.</summary>
public static partial class ScenarioLoader
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        RespectRequiredConstructorParameters = true,
    };

    public static Scenario Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>
    /// Reads and validates the scenario text <paramref name="json"/> of the file <paramref name="path"/> (which names it
    /// in errors and locates the files it refers to). Every problem is a <see cref="ScenarioException"/>.
    /// </summary>
    public static Scenario Parse(string json, string path)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Options);
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
            throw new ScenarioException($"{path}: {ex.Path ?? "$"}{line}: {ex.Message}");
        }

        if (scenario is null)
        {
            throw new ScenarioException($"{path}: $: the file holds no scenario");
        }

        scenario = scenario with { Source = Path.GetFullPath(path) };
        var errors = Validate(scenario).Select(e => $"{path}: {e}").ToList();
        if (errors.Count > 0)
        {
            throw new ScenarioException(string.Join(Environment.NewLine, errors));
        }

        return scenario;
    }

    /// <summary>Every scenario file in <paramref name="folder"/> (not its subfolders), by name.</summary>
    public static IReadOnlyList<Scenario> LoadFolder(string folder) =>
        [.. Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(Load)];

    /// <summary>Every problem of <paramref name="s"/>, each as "JSON path: what is wrong".</summary>
    public static IEnumerable<string> Validate(Scenario s)
    {
        if (!NamePattern().IsMatch(s.Name)) yield return "$.name: use 1-64 characters of a-z, 0-9 and - (it names the golden file and the reports)";
        if (s.Requirements.Count == 0) yield return "$.requirements: name at least one requirement ID";
        for (var i = 0; i < s.Requirements.Count; i++)
        {
            if (!RequirementPattern().IsMatch(s.Requirements[i])) yield return $"$.requirements[{i}]: '{s.Requirements[i]}' is not a requirement ID (e.g. CTL-1)";
            else if (!s.Criteria.Any(c => c.Requirement == s.Requirements[i])) yield return $"$.requirements[{i}]: no criterion verifies {s.Requirements[i]}";
        }

        if (s.DurationSeconds is <= 0 or > 7 * 86400) yield return "$.durationSeconds: must be above 0 and at most 604800 (7 days)";
        foreach (var e in ValidatePlant(s)) yield return e;
        foreach (var e in ValidateFirmware(s)) yield return e;
        foreach (var e in WorkloadRules.Validate(s.Workload, "$.workload", Path.GetDirectoryName(s.Source) ?? ".", s.Plant.Racks)) yield return e;
        foreach (var e in EventRules.Validate(s)) yield return e;
        if (s.Supervisor is { } sup)
        {
            if (!PlannerNames.All.Contains(sup.Planner)) yield return $"$.supervisor.planner: '{sup.Planner}' is not a planner (use {string.Join(", ", PlannerNames.All)})";
            else if (!PlannerNames.Available.Contains(sup.Planner)) yield return $"$.supervisor.planner: '{sup.Planner}' is not available in this build (available: {string.Join(", ", PlannerNames.Available)})";
            if (sup.SupplyTemperatureCelsius is < 5 or > 60) yield return "$.supervisor.supplyTemperatureCelsius: must be 5 … 60";
            if (sup.LeaseSeconds is < 1 or > 86400) yield return "$.supervisor.leaseSeconds: must be 1 … 86400";
            if (sup.RenewalSeconds < 1 || sup.RenewalSeconds >= sup.LeaseSeconds) yield return "$.supervisor.renewalSeconds: must be at least 1 and below leaseSeconds";
        }

        if (s.Criteria.Count == 0) yield return "$.criteria: name at least one criterion";
        for (var i = 0; i < s.Criteria.Count; i++)
        {
            var c = s.Criteria[i];
            var at = $"$.criteria[{i}]";
            if (!KpiCatalog.Names.Contains(c.Kpi)) yield return $"{at}.kpi: '{c.Kpi}' is not a KPI (known: {string.Join(", ", KpiCatalog.Names)})";
            if (c.Maximum is null && c.Minimum is null) yield return $"{at}: give a maximum, a minimum or both";
            if (c.Maximum is { } max && c.Minimum is { } min && min > max) yield return $"{at}: minimum {min} is above maximum {max}";
            if (c.FromSeconds < 0 || c.FromSeconds >= s.DurationSeconds) yield return $"{at}.fromSeconds: must be 0 … below durationSeconds";
            if (c.UntilSeconds is { } until && (until <= c.FromSeconds || until > s.DurationSeconds)) yield return $"{at}.untilSeconds: must be after fromSeconds and at most durationSeconds";
            if (!s.Requirements.Contains(c.Requirement)) yield return $"{at}.requirement: '{c.Requirement}' is not in $.requirements";
            if (c.Kpi == KpiCatalog.CoolingEnergySavingVersusFixedPercent && (s.Supervisor is null || !s.Supervisor.Baselines))
            {
                yield return $"{at}.kpi: {c.Kpi} compares against the fixed-setpoint baseline: the scenario needs a supervisor with baselines";
            }
        }
    }

    private static IEnumerable<string> ValidatePlant(Scenario s)
    {
        var p = s.Plant;
        if (p.Racks is < 1 or > 64) yield return "$.plant.racks: must be 1 … 64";
        if (p.Coolant is not ("pg25" or "water")) yield return $"$.plant.coolant: '{p.Coolant}' is not a coolant (use pg25 or water)";
        if (p.Pumps is < 1 or > 4) yield return "$.plant.pumps: must be 1 … 4";
        if (p.FacilitySupplyCelsius is < 5 or > 45) yield return "$.plant.facilitySupplyCelsius: must be 5 … 45";
        if (p.ValveTravelLimitPercent is < 10 or > 100) yield return "$.plant.valveTravelLimitPercent: must be 10 … 100";
        if (s.Hall.AmbientTemperatureCelsius is < -10 or > 50) yield return "$.hall.ambientTemperatureCelsius: must be -10 … 50";
        if (s.Hall.RelativeHumidityPercent is < 0 or > 100) yield return "$.hall.relativeHumidityPercent: must be 0 … 100";
        var i0 = s.Initial;
        if (i0.CoolantCelsius is < 5 or > 60) yield return "$.initial.coolantCelsius: must be 5 … 60";
        if (i0.ReservoirLevelPercent is < 0 or > 100) yield return "$.initial.reservoirLevelPercent: must be 0 … 100";
        if (i0.PumpRunHours.Count > p.Pumps) yield return $"$.initial.pumpRunHours: {i0.PumpRunHours.Count} values for {p.Pumps} pumps";
        for (var i = 0; i < i0.PumpRunHours.Count; i++)
        {
            if (i0.PumpRunHours[i] is < 0 or > 1e6) yield return $"$.initial.pumpRunHours[{i}]: must be 0 … 1000000";
        }

        if (i0.SettleSeconds is < 0 or > 86400) yield return "$.initial.settleSeconds: must be 0 … 86400";
    }

    private static IEnumerable<string> ValidateFirmware(Scenario s)
    {
        var pumpCount = 2.0;
        foreach (var (name, value) in s.Firmware)
        {
            var index = ParameterTable.IndexOf(name);
            if (index < 0)
            {
                yield return $"$.firmware['{name}']: not a firmware parameter (docs/firmware-parameters.md)";
                continue;
            }

            var definition = ParameterTable.Get(index);
            if (!definition.Accepts(value)) yield return $"$.firmware['{name}']: {value} is outside {definition.Minimum} … {definition.Maximum} {definition.Unit}";
            if (index == ParameterTable.PumpCount) pumpCount = value;
        }

        if (pumpCount != s.Plant.Pumps) yield return $"$.plant.pumps: {s.Plant.Pumps} pumps but the firmware's pump.count is {pumpCount} (set $.firmware['pump.count'])";
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z]{2,4}-[0-9]{1,3}$")]
    private static partial Regex RequirementPattern();
}

/// <summary>A scenario file that cannot be run; the message lists every problem with its location.</summary>
public sealed class ScenarioException(string message) : Exception(message);
