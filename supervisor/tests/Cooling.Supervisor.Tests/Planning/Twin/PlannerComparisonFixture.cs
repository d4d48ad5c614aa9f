using System.Globalization;
using Cooling.Supervisor.Planning;

namespace Cooling.Supervisor.Tests.Planning.Twin;

/// <summary>
/// Runs the twin's reference loop for two simulated hours of <see cref="ReferenceProfile"/> under each planner —
/// the fixed-setpoint baseline (the supervisor's default, 30 °C, the CDU's own ΔP), trim and respond alone, and the
/// model-based planner — once for all the tests that compare them.
/// </summary>
public sealed class PlannerComparisonFixture : IAsyncLifetime
{
    public const double StepAtSeconds = 1800;
    public const double DurationSeconds = 7200;

    /// <summary>Two hours: 30 % (30 min), a synchronized step of every rack to 100 % (30 min), training swings 40 % ↔ 100 % every 30 s (30 min), 60 % (30 min).</summary>
    public static double ReferenceProfile(double seconds) => seconds switch
    {
        < StepAtSeconds => 0.3,
        < 3600 => 1.0,
        < 5400 => (int)(seconds / 30) % 2 == 0 ? 1.0 : 0.4,
        _ => 0.6,
    };

    public PlannerRun Fixed { get; private set; } = null!;

    public PlannerRun TrimAndRespond { get; private set; } = null!;

    public PlannerRun Model { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Fixed = await RunAsync(new FixedSetpointPlanner(new SupervisorOptions().FixedSupplyTemperatureCelsius));
        TrimAndRespond = await RunAsync(new TrimAndRespondPlanner());
        Model = await RunAsync(new ModelBasedPlanner());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<PlannerRun> RunAsync(ISetpointPlanner planner)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await using var rig = new PlannedLoopRig(planner, ReferenceProfile);
        var trace = new List<string>();
        var usedModelAtStep = false;
        double supplyTargetAtStep = double.NaN, hottestBeforeStep = double.NaN;
        rig.RunFor(DurationSeconds, () =>
        {
            if (Math.Abs(rig.Seconds - (StepAtSeconds - 1)) < 1e-6)
            {
                usedModelAtStep = planner is ModelBasedPlanner m && m.UsesModel("cdu1");
                supplyTargetAtStep = rig.Controller.TargetSupplySetpointCelsius;
                hottestBeforeStep = rig.HottestGpuCelsius;
            }

            if (rig.Seconds % 300 == 0 || (rig.Seconds >= StepAtSeconds && rig.Seconds <= StepAtSeconds + 10))
            {
                trace.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{rig.Seconds,6:F0} s  supply {rig.Plant.SupplyCelsius,5:F2} °C (target {rig.Controller.TargetSupplySetpointCelsius,5:F2})  ΔP {rig.Plant.DeltaPressureKpa,5:F1} kPa (target {rig.Controller.TargetDeltaPressureSetpointKpa,5:F1})  flow {rig.Plant.FlowLitersPerMinute,4:F0} L/min  hottest {rig.Plant.Racks.Max(r => r.HottestGpuCelsius),5:F2} °C  {rig.Cdu.LastDecision?.Reason}"));
            }
        });
        return new PlannerRun(planner.Name, rig.PumpKilowattHours, rig.FacilityKilowattHours, rig.HottestGpuCelsius, rig.HottestAtSeconds,
            hottestBeforeStep, supplyTargetAtStep, usedModelAtStep, rig.Rejections, [.. rig.Requests], trace, watch.Elapsed);
    }
}

/// <summary>One planner's two hours: energies (kWh), hottest GPU (°C, when), the state before the step, requests and a trace.</summary>
public sealed record PlannerRun(string Planner, double PumpKilowattHours, double FacilityKilowattHours, double HottestGpuCelsius, double HottestAtSeconds,
    double HottestBeforeStepCelsius, double SupplyTargetBeforeStepCelsius, bool UsedModelAtStep, int Rejections,
    IReadOnlyList<PlannedLoopRig.DeliveredRequest> Requests, IReadOnlyList<string> Trace, TimeSpan Wall)
{
    public double TotalKilowattHours => PumpKilowattHours + FacilityKilowattHours;

    public string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{Planner,-16} pump {PumpKilowattHours,5:F2} kWh  facility {FacilityKilowattHours,6:F2} kWh  total {TotalKilowattHours,6:F2} kWh  hottest GPU {HottestGpuCelsius:F2} °C at {HottestAtSeconds:F0} s  ({Wall.TotalSeconds:F0} s wall)");
}
