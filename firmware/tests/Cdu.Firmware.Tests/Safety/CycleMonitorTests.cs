using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class CycleMonitorTests
{
    private const long Overrun = 300;

    private static readonly int[] InOrder =
    [
        CycleMonitor.StageInputs, CycleMonitor.StageMessages, CycleMonitor.StageSafety, CycleMonitor.StageLoops, CycleMonitor.StageOutputs,
    ];

    private static void PassAll(CycleMonitor monitor, int[] stages)
    {
        foreach (var stage in stages)
        {
            monitor.Pass(stage);
        }
    }

    [Fact]
    public void A_cycle_through_every_stage_in_order_and_in_time_is_clean()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(1_000);
        PassAll(monitor, InOrder);

        Assert.True(monitor.EndCycle(1_100, Overrun));
        Assert.Equal(0, monitor.Faults);
        Assert.Null(monitor.LastFault);
    }

    [Fact]
    public void A_cycle_ending_exactly_at_the_overrun_limit_is_still_in_time_and_one_millisecond_later_is_an_overrun()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(1_000);
        PassAll(monitor, InOrder);
        Assert.True(monitor.EndCycle(1_300, Overrun));

        monitor.BeginCycle(2_000);
        PassAll(monitor, InOrder);
        Assert.False(monitor.EndCycle(2_301, Overrun));
        Assert.Equal(1, monitor.Faults);
        Assert.Equal("overrun", monitor.LastFault);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void A_skipped_stage_is_a_sequence_fault(int skipped)
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        for (var i = 0; i < InOrder.Length; i++)
        {
            if (i != skipped)
            {
                monitor.Pass(InOrder[i]);
            }
        }

        Assert.False(monitor.EndCycle(10, Overrun));
        Assert.Equal("sequence", monitor.LastFault);
        Assert.Equal(1, monitor.Faults);
    }

    [Fact]
    public void Every_stage_but_out_of_order_is_a_sequence_fault()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        PassAll(monitor, [CycleMonitor.StageInputs, CycleMonitor.StageSafety, CycleMonitor.StageMessages, CycleMonitor.StageLoops, CycleMonitor.StageOutputs]);

        Assert.False(monitor.EndCycle(10, Overrun));
        Assert.Equal("sequence", monitor.LastFault);
    }

    [Fact]
    public void A_stage_passed_twice_is_a_sequence_fault()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        PassAll(monitor, [CycleMonitor.StageInputs, CycleMonitor.StageMessages, CycleMonitor.StageMessages, CycleMonitor.StageSafety, CycleMonitor.StageLoops, CycleMonitor.StageOutputs]);

        Assert.False(monitor.EndCycle(10, Overrun));
    }

    [Fact]
    public void A_stage_key_of_zero_is_out_of_sequence()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        monitor.Pass(0);
        PassAll(monitor, InOrder);

        Assert.False(monitor.EndCycle(10, Overrun));
    }

    [Fact]
    public void A_sequence_fault_that_also_overran_is_reported_as_a_sequence_fault()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        monitor.Pass(CycleMonitor.StageInputs);

        Assert.False(monitor.EndCycle(1_000, Overrun));
        Assert.Equal("sequence", monitor.LastFault);
    }

    [Fact]
    public void Each_cycle_starts_afresh_and_faults_are_counted()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        PassAll(monitor, [CycleMonitor.StageOutputs, CycleMonitor.StageInputs]);
        Assert.False(monitor.EndCycle(10, Overrun));

        monitor.BeginCycle(100);
        PassAll(monitor, InOrder);
        Assert.True(monitor.EndCycle(110, Overrun));

        monitor.BeginCycle(200);
        PassAll(monitor, InOrder);
        Assert.False(monitor.EndCycle(600, Overrun));
        monitor.BeginCycle(700);
        Assert.False(monitor.EndCycle(710, Overrun));

        Assert.Equal(3, monitor.Faults);
        Assert.Equal("sequence", monitor.LastFault);
    }

    [Fact]
    public void Before_any_completed_cycle_the_controller_is_not_hung()
    {
        var monitor = new CycleMonitor();

        Assert.False(monitor.IsHung(1_000_000, 1_000));
    }

    [Fact]
    public void It_is_hung_only_after_more_than_the_hang_time_without_a_completed_cycle()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(0);
        PassAll(monitor, InOrder);
        monitor.EndCycle(0, Overrun);

        Assert.False(monitor.IsHung(1_000, 1_000));
        Assert.True(monitor.IsHung(1_001, 1_000));
    }

    [Fact]
    public void A_faulty_cycle_still_counts_as_completed_for_the_watchdog()
    {
        var monitor = new CycleMonitor();
        monitor.BeginCycle(5_000);
        Assert.False(monitor.EndCycle(5_050, Overrun));

        Assert.False(monitor.IsHung(6_050, 1_000));
        Assert.True(monitor.IsHung(6_051, 1_000));
    }
}
