using Cdu.Firmware;
using Cooling.Models;
using Cooling.Models.Plant;

namespace Cooling.Twin.Hall;

/// <summary>
/// One CDU loop of the twin: its plant, the simulated I/O that binds the plant to the firmware core, the core itself
/// and the loop's own plant clock. <see cref="Step"/> is one control period: the racks take their utilization from
/// the workload, the core runs its cycle on the sensors, the plant advances under the core's commands, the clock
/// moves on and the statistics take the step. A loop shares no state with any other, so the loops of a hall can be
/// stepped on different threads and still give the same numbers.
/// </summary>
public sealed class TwinLoop
{
    private readonly Action _runCycle;
    private readonly long _stepMilliseconds;
    private readonly double _stepSeconds;

    /// <param name="index">Position of the loop in its hall (the workload's loop index).</param>
    /// <param name="cduId">The CDU's id in topics.</param>
    /// <param name="plant">The loop's plant.</param>
    /// <param name="io">The core's I/O on <paramref name="plant"/>.</param>
    /// <param name="clock">The core's clock, advanced only by this loop.</param>
    /// <param name="controller">The firmware core running on <paramref name="io"/> and <paramref name="clock"/>.</param>
    /// <param name="runCycle">What one control cycle is (default: the controller's cycle; a virtual CDU adds its birth message).</param>
    /// <param name="settleSeconds">Start-up time not counted in the supply deviation statistics, s.</param>
    public TwinLoop(int index, string cduId, SecondaryLoopPlant plant, SimulatedCduIo io, SimulationClock clock, CduController controller, Action? runCycle = null, double settleSeconds = 600)
    {
        Index = index;
        CduId = cduId;
        Plant = plant;
        Io = io;
        Clock = clock;
        Controller = controller;
        _runCycle = runCycle ?? controller.RunCycle;
        _stepMilliseconds = controller.Settings.Timing.ControlPeriodMilliseconds;
        _stepSeconds = _stepMilliseconds / 1000.0;
        Statistics = new LoopStatistics { SettleSeconds = settleSeconds };
        Statistics.Begin(plant.StoredHeatJoules);
    }

    public int Index { get; }

    public string CduId { get; }

    public SecondaryLoopPlant Plant { get; }

    public SimulatedCduIo Io { get; }

    public SimulationClock Clock { get; }

    public CduController Controller { get; }

    public LoopStatistics Statistics { get; }

    /// <summary>Plant time of this loop.</summary>
    public TimeSpan PlantTime => TimeSpan.FromMilliseconds(Clock.ElapsedMilliseconds);

    /// <summary>Length of one step (the firmware's control period), ms.</summary>
    public long StepMilliseconds => _stepMilliseconds;

    /// <summary>One control period under <paramref name="workload"/> (null: the racks keep their utilization).</summary>
    public void Step(RackUtilization? workload)
    {
        var plant = Plant;
        if (workload is not null)
        {
            var time = PlantTime;
            var racks = plant.Racks;
            for (var r = 0; r < racks.Length; r++)
            {
                racks[r].Utilization = workload(time, Index, r);
            }
        }

        _runCycle();
        Io.StepPlant(_stepSeconds);
        Clock.Advance(_stepMilliseconds);
        Statistics.Add(_stepSeconds, plant.SupplyCelsius, Controller.EffectiveSupplySetpointCelsius, HottestGpuCelsius(),
            plant.PumpPowerWatts, plant.ItHeatWatts, plant.PumpHeatWatts, plant.HeatExchangerWatts, plant.StoredHeatJoules);
    }

    /// <summary>Steps until this loop's clock reaches <paramref name="plantMilliseconds"/>.</summary>
    public void StepUntil(long plantMilliseconds, RackUtilization? workload)
    {
        while (Clock.ElapsedMilliseconds + _stepMilliseconds <= plantMilliseconds)
        {
            Step(workload);
        }
    }

    /// <summary>Hottest GPU of the loop now, °C.</summary>
    public double HottestGpuCelsius()
    {
        var hottest = double.NegativeInfinity;
        foreach (var rack in Plant.Racks)
        {
            var t = rack.HottestGpuCelsius;
            if (t > hottest) hottest = t;
        }

        return hottest;
    }
}
