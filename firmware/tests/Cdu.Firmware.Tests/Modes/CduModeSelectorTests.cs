using Cdu.Firmware.Modes;

namespace Cdu.Firmware.Tests.Modes;

public sealed class CduModeSelectorTests
{
    private readonly CduModeSelector _selector = new();

    private CduModeSelector Running()
    {
        _selector.Boot(0);
        _selector.ProveFlow(true, 500, 100, 10_000, 10_000);
        Assert.True(_selector.FlowProven);
        Assert.True(_selector.Select(10_000, null, false, false, false, false));
        Assert.Equal(CduMode.Automatic, _selector.Mode);
        return _selector;
    }

    [Fact]
    public void Startup_holds_until_flow_is_proven_after_the_proving_time()
    {
        _selector.Boot(1_000);
        Assert.False(_selector.Select(1_000, null, false, false, false, false));
        _selector.ProveFlow(true, 500, 100, 10_000, 10_999);
        Assert.False(_selector.FlowProven);
        _selector.ProveFlow(true, 50, 100, 10_000, 11_000);
        Assert.False(_selector.FlowProven);
        _selector.ProveFlow(false, 500, 100, 10_000, 11_000);
        Assert.False(_selector.FlowProven);
        Assert.False(_selector.Select(11_000, null, false, false, false, false));
        _selector.ProveFlow(true, 500, 100, 10_000, 11_000);
        Assert.True(_selector.Select(11_000, null, false, false, false, false));
        Assert.Equal(CduMode.Startup, _selector.Previous);
        Assert.Equal(CduMode.Automatic, _selector.Mode);
        Assert.Equal("all loops on their setpoints", _selector.Reason);
    }

    [Fact]
    public void Priority_fault_then_shutdown_then_manual_then_degraded_then_fallback()
    {
        Running();
        Assert.True(_selector.Select(11_000, null, false, false, false, true));
        Assert.Equal(CduMode.Fallback, _selector.Mode);
        Assert.True(_selector.Select(12_000, null, false, false, true, true));
        Assert.Equal(CduMode.Degraded, _selector.Mode);
        Assert.True(_selector.Select(13_000, null, true, false, true, true));
        Assert.Equal(CduMode.Manual, _selector.Mode);
        Assert.Equal("the valve loop is being auto-tuned", _selector.Reason);
        _selector.HoldFault(20_000);
        Assert.True(_selector.Select(14_000, "dry run", true, true, true, true));
        Assert.Equal(CduMode.Fault, _selector.Mode);
        Assert.False(_selector.ReleaseFaultWhenDue(19_999));
        Assert.True(_selector.ReleaseFaultWhenDue(20_000));
        Assert.True(_selector.Select(20_000, "dry run", true, true, true, true));
        Assert.Equal(CduMode.Shutdown, _selector.Mode);
        Assert.Equal("dry run", _selector.Reason);
    }

    [Fact]
    public void Out_of_shutdown_only_the_restart_into_startup_which_proves_flow_again()
    {
        Running();
        Assert.True(_selector.Select(11_000, "operator shutdown", false, false, false, false));
        Assert.Equal(CduMode.Shutdown, _selector.Mode);
        Assert.False(_selector.Select(12_000, "operator shutdown", false, false, false, false));
        Assert.True(_selector.Select(13_000, null, false, true, false, false));
        Assert.Equal(CduMode.Startup, _selector.Mode);
        Assert.False(_selector.FlowProven);
        Assert.Equal(13_000, _selector.StartupAtMilliseconds);
        Assert.Equal(500, _selector.SinceStartupMilliseconds(13_500));
    }
}
