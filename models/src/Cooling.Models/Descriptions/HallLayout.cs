using Cooling.Models.Plant;

namespace Cooling.Models.Descriptions;

/// <summary>
/// A hall as described in a hall file: its site, how many CDU loops it has (all alike), the racks on each loop, the
/// plant of one loop and the workload of its racks.
/// </summary>
/// <param name="Name">The description's name.</param>
/// <param name="SiteId">Site id in topics (a-z, 0-9, '-', '_').</param>
/// <param name="CduCount">CDU loops in the hall.</param>
/// <param name="RacksPerCdu">Racks on each loop (equal to <see cref="LoopDescription.RackCount"/> of <paramref name="Loop"/>).</param>
/// <param name="Loop">The plant of each loop.</param>
/// <param name="Workload">GPU utilization of every rack over time.</param>
public sealed record HallLayout(string Name, string SiteId, int CduCount, int RacksPerCdu, LoopDescription Loop, WorkloadDescription Workload)
{
    /// <summary>GPUs in the whole hall.</summary>
    public int GpuCount => CduCount * RacksPerCdu * Loop.Rack.GpuCount;
}
