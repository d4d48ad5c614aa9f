using Cdu.Firmware.Modes;

namespace Cdu.Firmware.Tests.Modes;

public sealed class CduModeTransitionsTests
{
    private static readonly CduMode[] Modes = Enum.GetValues<CduMode>();

    private static readonly CduMode[] Running = [CduMode.Automatic, CduMode.Manual, CduMode.Fallback, CduMode.Degraded];

    public static TheoryData<CduMode> AllModes()
    {
        var data = new TheoryData<CduMode>();
        foreach (var mode in Modes)
        {
            data.Add(mode);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void No_mode_transitions_to_itself(CduMode mode)
    {
        Assert.False(CduModeTransitions.IsAllowed(mode, mode));
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Every_other_mode_can_fall_to_fault_and_be_shut_down(CduMode mode)
    {
        if (mode != CduMode.Fault)
        {
            Assert.True(CduModeTransitions.IsAllowed(mode, CduMode.Fault));
        }

        if (mode != CduMode.Shutdown)
        {
            Assert.True(CduModeTransitions.IsAllowed(mode, CduMode.Shutdown));
        }
    }

    [Theory]
    [MemberData(nameof(AllModes))]
    public void Startup_is_entered_only_from_shutdown_or_fault(CduMode from)
    {
        Assert.Equal(from is CduMode.Shutdown or CduMode.Fault, CduModeTransitions.IsAllowed(from, CduMode.Startup));
    }

    [Fact]
    public void Shutdown_is_left_only_by_a_restart_or_a_fault()
    {
        foreach (var to in Modes)
        {
            Assert.Equal(to is CduMode.Startup or CduMode.Fault, CduModeTransitions.IsAllowed(CduMode.Shutdown, to));
        }
    }

    [Fact]
    public void Fault_may_go_to_any_other_mode_once_the_cycle_runs_cleanly()
    {
        foreach (var to in Modes)
        {
            Assert.Equal(to != CduMode.Fault, CduModeTransitions.IsAllowed(CduMode.Fault, to));
        }
    }

    [Fact]
    public void Startup_hands_over_to_any_running_mode()
    {
        foreach (var to in Running)
        {
            Assert.True(CduModeTransitions.IsAllowed(CduMode.Startup, to));
        }
    }

    [Fact]
    public void The_running_modes_move_freely_among_each_other()
    {
        foreach (var from in Running)
        {
            foreach (var to in Running)
            {
                Assert.Equal(from != to, CduModeTransitions.IsAllowed(from, to));
            }
        }
    }
}
