using System.CommandLine;
using System.Globalization;
using Cooling.Twin.Hall;

namespace Cooling.Twin.Cli;

/// <summary>The options that describe the simulated plant, shared by <c>run</c> and <c>rig</c>.</summary>
internal sealed class HallOptions
{
    public Option<string> Site { get; } = new("--site")
    {
        Description = "Site id in topics: 1-32 characters of a-z, 0-9, - or _ (the {site} of cooling/v1/{site}/…)",
        DefaultValueFactory = _ => "hall1",
        HelpName = "id",
    };

    public Option<int> Racks { get; } = new("--racks")
    {
        Description = "Racks per CDU loop (1-64), each 72 GPUs of up to 1.4 kW (≈ 126 kW per rack); the loop's pumps, valve and heat exchanger are sized for them",
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
        Description = "GPU utilization over time: steps = every rack alternates 30 % ↔ 100 % every 3 minutes, racks staggered; constant = --utilization all the time",
        DefaultValueFactory = _ => "steps",
        HelpName = "steps|constant",
    };

    public Option<double> Utilization { get; } = new("--utilization")
    {
        Description = "GPU utilization for --workload constant, 0 … 1",
        DefaultValueFactory = _ => 0.6,
        HelpName = "fraction",
    };

    public HallOptions()
    {
        Workload.AcceptOnlyFromAmong("steps", "constant");
    }

    public IEnumerable<Option> All => [Site, Racks, Seed, Workload, Utilization];

    /// <summary>The hall of the parsed options with <paramref name="cdus"/> loops; null and the problem (naming the option) when they do not make one.</summary>
    public HallDescription? Describe(ParseResult parse, int cdus, out string? problem)
    {
        var racks = parse.GetValue(Racks);
        var seed = parse.GetValue(Seed);
        var utilization = parse.GetValue(Utilization);
        problem = racks is < 1 or > 64 ? $"--racks: {racks.ToString(CultureInfo.InvariantCulture)} is outside 1 … 64."
            : seed < 0 ? $"--seed: {seed.ToString(CultureInfo.InvariantCulture)} must not be negative."
            : !(utilization is >= 0 and <= 1) ? $"--utilization: {utilization.ToString(CultureInfo.InvariantCulture)} is outside 0 … 1."
            : null;
        if (problem is not null) return null;
        var description = new HallDescription
        {
            SiteId = parse.GetValue(Site)!,
            CduCount = cdus,
            Seed = seed,
            Loop = LoopSizing.ForRacks(racks),
            FirmwareSettings = LoopSizing.SettingsFor(LoopSizing.ForRacks(racks)),
            Workload = parse.GetValue(Workload) == "constant"
                ? Workloads.Constant(utilization)
                : Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0),
        };
        var invalid = description.Validate();
        if (invalid is not null)
        {
            problem = invalid.StartsWith("siteId", StringComparison.Ordinal) ? "--site: " + invalid["siteId: ".Length..] + "." : invalid + ".";
            return null;
        }

        return description;
    }
}
