using Cdu.Firmware;
using Cooling.Models.Plant;
using Cooling.Models;

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

    /// <summary>GPU utilization of every rack over time.</summary>
    public RackUtilization Workload { get; init; } = Workloads.StaggeredSteps(TimeSpan.FromMinutes(6), 0.3, 1.0);

    public static string CduId(int index) => $"cdu{index + 1}";
}
