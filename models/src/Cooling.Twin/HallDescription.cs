using Cdu.Firmware;
using Cooling.Models;
using Cooling.Models.Descriptions;
using Cooling.Models.Plant;
using Cooling.Twin.Hall;

namespace Cooling.Twin;

/// <summary>A simulated hall: one site, its CDU loops (all alike here), their firmware settings and the workload.</summary>
public sealed record HallDescription
{
    /// <summary>Site id in topics (a-z, 0-9, '-', '_').</summary>
    public string SiteId { get; init; } = "hall1";

    /// <summary>Number of CDU loops (1 … 64).</summary>
    public int CduCount { get; init; } = 1;

    public LoopDescription Loop { get; init; } = new();

    /// <summary>Firmware settings of every CDU (the control period is also the plant's integration step).</summary>
    public CduSettings FirmwareSettings { get; init; } = new();

    /// <summary>Rack telemetry period, s.</summary>
    public double RackTelemetryPeriodSeconds { get; init; } = 1.0;

    /// <summary>
    /// Seed of every random number in the hall (sensor noise, the GPUs' spread of power and plate resistance): the same
    /// seed gives the same run. Loop i uses plant seed <see cref="PlantSeed"/> and sensor seed <see cref="SensorSeed"/>.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>Plant time at the start of a run during which supply deviations are not counted in the statistics (start-up), s.</summary>
    public double SettleSeconds { get; init; } = 600;

    /// <summary>GPU utilization of every rack over time.</summary>
    public RackUtilization Workload { get; init; } = Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0);

    public static string CduId(int index) => $"cdu{index + 1}";

    /// <summary>
    /// The hall of a hall description file (<see cref="DescriptionLoader.LoadHall"/>, or a
    /// shipped one from <see cref="BuiltInDescriptions"/>): its site, CDU count, loop plant and
    /// workload; the firmware's default settings with transmitter spans that fit the loop, and <paramref name="seed"/>.
    /// </summary>
    public static HallDescription FromLayout(HallLayout layout, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new HallDescription
        {
            SiteId = layout.SiteId,
            CduCount = layout.CduCount,
            Loop = layout.Loop,
            Workload = layout.Workload.Create(),
            FirmwareSettings = LoopSizing.SettingsFor(layout.Loop),
            Seed = seed,
        };
    }

    /// <summary>Seed of loop <paramref name="index"/>'s plant (its racks' spread).</summary>
    public int PlantSeed(int index) => unchecked(Seed * 64 + index + 1);

    /// <summary>Seed of loop <paramref name="index"/>'s sensor noise.</summary>
    public int SensorSeed(int index) => unchecked(Seed * 64 + index + 100);

    /// <summary>Null when the hall can be built, else the first problem, naming the field.</summary>
    public string? Validate()
    {
        if (!Cdu.Firmware.Messages.CduTopics.IsValidId(SiteId)) return $"siteId: '{SiteId}' is not a site id (1-32 characters of a-z, 0-9, - or _)";
        if (CduCount is < 1 or > 64) return $"cduCount: {CduCount} is outside 1 … 64";
        if (Loop.RackCount is < 1 or > 64) return $"loop.rackCount: {Loop.RackCount} is outside 1 … 64";
        if (Loop.Rack.GpuCount is < 1 or > 144) return $"loop.rack.gpuCount: {Loop.Rack.GpuCount} is outside 1 … 144";
        if (!(RackTelemetryPeriodSeconds is >= 0.1 and <= 60)) return $"rackTelemetryPeriodSeconds: {RackTelemetryPeriodSeconds} is outside 0.1 … 60";
        if (Seed < 0) return $"seed: {Seed} must not be negative";
        if (!(SettleSeconds >= 0)) return $"settleSeconds: {SettleSeconds} must not be negative";
        var firmware = FirmwareSettings.Validate();
        return firmware is null ? null : "firmwareSettings: " + firmware;
    }
}
