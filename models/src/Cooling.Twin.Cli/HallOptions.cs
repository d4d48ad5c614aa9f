using System.CommandLine;
using System.Globalization;
using Cooling.Models;
using Cooling.Models.Descriptions;
using Cooling.Twin.Hall;

namespace Cooling.Twin.Cli;

/// <summary>The options that describe the simulated plant, shared by <c>run</c> and <c>rig</c>: a hall file, or a few numbers.</summary>
internal sealed class HallOptions
{
    public Option<string?> Hall { get; } = new("--hall")
    {
        Description = "Hall description file (JSON: site, CDU count, racks, plant, workload; models/README.md), or a shipped one by name: reference-hall (1 CDU × 4 racks, load steps) or large-hall (50 CDUs × 8 racks, synchronized training). Without it the hall is made from --site, --racks, --workload and --utilization",
        HelpName = "file|name",
    };

    public Option<string> Site { get; } = new("--site")
    {
        Description = "Site id in topics: 1-32 characters of a-z, 0-9, - or _ (the {site} of cooling/v1/{site}/…)",
        DefaultValueFactory = _ => "hall1",
        HelpName = "id",
    };

    public Option<int> Racks { get; } = new("--racks")
    {
        Description = "Racks per CDU loop (1-64), each 72 GPUs of up to 1.4 kW (≈ 126 kW per rack); the loop's pumps, valve, heat exchanger and volumes are scaled from the 4-rack reference plant",
        DefaultValueFactory = _ => 4,
        HelpName = "count",
    };

    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed of every random number (sensor noise, the GPUs' spread): the same seed gives the same run",
        DefaultValueFactory = _ => 1,
        HelpName = "number",
    };

    public Option<string> Workload { get; } = new("--workload")
    {
        Description = "GPU utilization over time: steps = every rack alternates 30 % ↔ 100 % every 3 minutes, racks staggered; training = synchronized training, 40 % ↔ 100 % every 6 s with checkpoints; inference = a daily pattern; constant = --utilization all the time",
        DefaultValueFactory = _ => "steps",
        HelpName = "steps|training|inference|constant",
    };

    public Option<double> Utilization { get; } = new("--utilization")
    {
        Description = "GPU utilization for --workload constant, 0 … 1",
        DefaultValueFactory = _ => 0.6,
        HelpName = "fraction",
    };

    public HallOptions()
    {
        Workload.AcceptOnlyFromAmong("steps", "training", "inference", "constant");
    }

    public IEnumerable<Option> All => [Hall, Site, Racks, Seed, Workload, Utilization];

    /// <summary>
    /// The hall of the parsed options; <paramref name="cdus"/> is the CDU count when no hall file is given (and in rig
    /// mode always). Null and the problem (naming the option) when they do not make one.
    /// </summary>
    public HallDescription? Describe(ParseResult parse, int cdus, out string? problem)
    {
        var seed = parse.GetValue(Seed);
        problem = seed < 0 ? $"--seed: {seed.ToString(CultureInfo.InvariantCulture)} must not be negative." : null;
        if (problem is not null) return null;
        if (parse.GetValue(Hall) is { } hall)
        {
            var explicitOption = new Option[] { Site, Racks, Workload, Utilization }.FirstOrDefault(o => parse.GetResult(o) is { Implicit: false });
            if (explicitOption is not null)
            {
                problem = $"{explicitOption.Name}: the hall file gives it; leave it out with --hall.";
                return null;
            }

            var layout = LoadHall(hall, out problem);
            return layout is null ? null : Checked(HallDescription.FromLayout(layout, seed), out problem);
        }

        var racks = parse.GetValue(Racks);
        var utilization = parse.GetValue(Utilization);
        problem = racks is < 1 or > 64 ? $"--racks: {racks.ToString(CultureInfo.InvariantCulture)} is outside 1 … 64."
            : !(utilization is >= 0 and <= 1) ? $"--utilization: {utilization.ToString(CultureInfo.InvariantCulture)} is outside 0 … 1."
            : null;
        if (problem is not null) return null;
        var loop = LoopSizing.ForRacks(racks);
        return Checked(new HallDescription
        {
            SiteId = parse.GetValue(Site)!,
            CduCount = cdus,
            Seed = seed,
            Loop = loop,
            FirmwareSettings = LoopSizing.SettingsFor(loop),
            Workload = parse.GetValue(Workload) switch
            {
                "constant" => Workloads.Constant(utilization),
                "training" => Workloads.SynchronizedTraining(),
                "inference" => Workloads.DailyInference(),
                _ => Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0),
            },
        }, out problem);
    }

    /// <summary>A hall file by path, or a shipped hall by name ("large-hall", "large-hall.json").</summary>
    private static HallLayout? LoadHall(string value, out string? problem)
    {
        problem = null;
        try
        {
            if (File.Exists(value)) return DescriptionLoader.LoadHall(value);
            var name = value.EndsWith(".json", StringComparison.Ordinal) ? value : value + ".json";
            if (BuiltInDescriptions.Files.Contains(name) && name.Contains("hall", StringComparison.Ordinal)) return BuiltInDescriptions.Hall(name);
            var shipped = string.Join(", ", BuiltInDescriptions.Files.Where(f => f.Contains("hall", StringComparison.Ordinal)).Select(f => f[..^".json".Length]));
            problem = $"--hall: '{value}' is neither a file nor a shipped hall ({shipped}).";
        }
        catch (InvalidDescriptionException ex)
        {
            problem = $"--hall: '{value}' was refused:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", ex.Errors);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"--hall: '{value}' cannot be read: {ex.Message}";
        }

        return null;
    }

    private static HallDescription? Checked(HallDescription description, out string? problem)
    {
        var invalid = description.Validate();
        problem = invalid is null ? null
            : invalid.StartsWith("siteId", StringComparison.Ordinal) ? "--site: " + invalid["siteId: ".Length..] + "."
            : invalid + ".";
        return problem is null ? description : null;
    }
}
