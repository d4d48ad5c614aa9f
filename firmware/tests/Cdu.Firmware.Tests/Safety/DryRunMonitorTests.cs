using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Safety;

public sealed class DryRunMonitorTests
{
    private const double DryRunFlow = 100;
    private const long Proving = 10_000;
    private const long DryRun = 5_000;

    private readonly DryRunMonitor _monitor = new();

    private void Update(long now, double flow, bool commanded = true, bool valid = true, long startup = 0) =>
        _monitor.Update(commanded, valid, flow, DryRunFlow, now - startup, Proving, DryRun, now);

    [Fact]
    public void Low_flow_after_the_proving_time_latches_exactly_after_the_dry_run_time()
    {
        for (long t = Proving; t < Proving + DryRun; t += 100)
        {
            Update(t, 20);
            Assert.False(_monitor.Latched);
        }

        Update(Proving + DryRun, 20);
        Assert.True(_monitor.Latched);

        Update(Proving + DryRun + 100, 500);
        Assert.True(_monitor.Latched);
    }

    [Fact]
    public void Low_flow_during_the_proving_time_or_with_the_pumps_off_or_an_invalid_reading_does_not_latch()
    {
        for (long t = 0; t < Proving; t += 100) Update(t, 0);
        for (long t = Proving; t < 3 * Proving; t += 100) Update(t, 0, commanded: false);
        for (long t = 3 * Proving; t < 5 * Proving; t += 100) Update(t, 0, valid: false);
        Assert.False(_monitor.Latched);
    }

    [Fact]
    public void Flow_recovering_restarts_the_timer_and_a_reset_clears_the_latch()
    {
        Update(Proving, 20);
        Update(Proving + DryRun - 100, 20);
        Update(Proving + DryRun, 500);
        Update(Proving + DryRun + 100, 20);
        Update(Proving + 2 * DryRun, 20);
        Assert.False(_monitor.Latched);
        Update(Proving + 2 * DryRun + 100, 20);
        Assert.True(_monitor.Latched);

        _monitor.Reset();
        Assert.False(_monitor.Latched);
        Update(Proving + 2 * DryRun + 200, 20);
        Assert.False(_monitor.Latched);
    }
}
