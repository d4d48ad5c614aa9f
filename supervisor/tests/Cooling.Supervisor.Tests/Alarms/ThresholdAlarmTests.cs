using Cooling.Supervisor.Alarms;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

public sealed class ThresholdAlarmTests : IAsyncLifetime
{
    private const string Gpu = "hall1/rack/r01/gpu/5"; // the hottest GPU of AlarmMessages.Rack
    private AlarmTestHall _hall = null!;

    public Task InitializeAsync()
    {
        _hall = new AlarmTestHall(AlarmTestHall.Quick());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    // Keeps the rack's telemetry fresh at the given hottest-GPU temperature for a number of 1 s steps.
    private void Hold(double hottest, int seconds)
    {
        for (var i = 0; i < seconds; i++)
        {
            _hall.Rack(AlarmMessages.Rack(hottestGpu: hottest));
            _hall.After(1);
        }
    }

    [Fact]
    public void A_GPU_above_caution_raises_a_warning_only_after_the_dwell()
    {
        _hall.Rack(AlarmMessages.Rack(hottestGpu: 84));
        _hall.After(0);
        Hold(84, 4);
        Assert.Null(_hall.Find(AboveUpperCaution, Gpu));

        Hold(84, 1);

        var alarm = _hall.Find(AboveUpperCaution, Gpu);
        Assert.NotNull(alarm);
        Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
        Assert.Equal(84, alarm.Value);
        Assert.Equal(83, alarm.Threshold);
        Assert.Contains("GPU 5 of rack r01 at 84.0 °C", alarm.Message, StringComparison.Ordinal);
        Assert.Null(_hall.Find(AboveUpperCritical, Gpu));
    }

    [Fact]
    public void A_rack_message_is_judged_once_so_one_message_alone_never_outlasts_a_dwell()
    {
        _hall.Rack(AlarmMessages.Rack(throttled: 10, gpus: 12));
        for (var s = 0; s < 8; s++) _hall.After(1); // 8 passes on the same message (stale only after 10 s)
        Assert.Null(_hall.Find(GpuThrottledCritical, "hall1/rack/r01/gpus"));

        for (var s = 0; s < 6; s++)
        {
            _hall.Rack(AlarmMessages.Rack(throttled: 10, gpus: 12));
            _hall.After(1);
        }

        Assert.NotNull(_hall.Find(GpuThrottledCritical, "hall1/rack/r01/gpus"));
    }

    [Fact]
    public void A_dip_below_the_threshold_restarts_the_dwell()
    {
        Hold(84, 4);
        Hold(82.9, 1);
        Hold(84, 4);

        Assert.Null(_hall.Find(AboveUpperCaution, Gpu));
        Hold(84, 2);
        Assert.NotNull(_hall.Find(AboveUpperCaution, Gpu));
    }

    [Fact]
    public void Above_critical_raises_the_critical_alarm_beside_the_caution()
    {
        Hold(88, 6);

        Assert.Equal(AlarmSeverity.Critical, _hall.Find(AboveUpperCritical, Gpu)!.Severity);
        Assert.NotNull(_hall.Find(AboveUpperCaution, Gpu));
        Assert.Equal(AlarmSeverity.Critical, _hall.Open[0].Severity);
    }

    [Fact]
    public void Hysteresis_holds_the_alarm_inside_the_band_and_clears_it_below_after_the_clear_dwell()
    {
        Hold(84, 6);
        var raised = _hall.Find(AboveUpperCaution, Gpu)!;

        Hold(81.5, 30); // below 83 but within 2 K of it
        Assert.True(_hall.Find(AboveUpperCaution, Gpu)!.Active);

        Hold(80.9, 3);
        Assert.True(_hall.Find(AboveUpperCaution, Gpu)!.Active);
        Hold(80.9, 1);

        var cleared = _hall.Find(AboveUpperCaution, Gpu)!; // cleared, but open until acknowledged
        Assert.False(cleared.Active);
        Assert.Equal(raised.Id, cleared.Id);
        Assert.Equal("clearedUnacknowledged", cleared.State);
        Assert.Equal(1, _hall.Engine.ClearedCount);
    }

    [Fact]
    public void Memory_temperature_throttling_inlet_and_outlet_each_raise_their_own_alarm()
    {
        var options = AlarmTestHall.Quick();
        for (var i = 0; i < 31; i++)
        {
            _hall.Rack(AlarmMessages.Rack(hottestGpu: 70, memory: 96, throttled: 8, inlet: 41, outlet: 61));
            _hall.After(1);
        }

        Assert.Equal(AlarmSeverity.Critical, _hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/5/memory")!.Severity);
        Assert.Contains("memory of GPU 5 of rack r01 at 96.0 °C", _hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/5/memory")!.Message, StringComparison.Ordinal);
        Assert.Equal(8, _hall.Find(GpuThrottledCritical, "hall1/rack/r01/gpus")!.Value);
        Assert.All(Enumerable.Range(0, 8), i => Assert.NotNull(_hall.Find(GpuThrottled, $"hall1/rack/r01/gpu/{i}"))); // GPUs 0 … 7 throttle
        Assert.Equal(8, _hall.Open.Count(a => a.Code == GpuThrottled));
        Assert.NotNull(_hall.Find(AboveUpperCaution, "hall1/rack/r01/inlet"));
        Assert.Null(_hall.Find(AboveUpperCritical, "hall1/rack/r01/inlet"));
        Assert.NotNull(_hall.Find(AboveUpperCritical, "hall1/rack/r01/outlet"));
        Assert.Null(_hall.Find(AboveUpperCaution, Gpu));
        Assert.Equal(options.RackInletTemperatureCelsius.Caution, _hall.Find(AboveUpperCaution, "hall1/rack/r01/inlet")!.Threshold);
    }

    [Fact]
    public void A_silent_rack_raises_stale_and_is_not_judged_on_its_old_values()
    {
        Hold(84, 2);
        _hall.After(9);
        Assert.Null(_hall.Find(RackTelemetryStale, "hall1/rack/r01"));
        _hall.After(1);

        Assert.NotNull(_hall.Find(RackTelemetryStale, "hall1/rack/r01"));
        _hall.After(30);
        Assert.Null(_hall.Find(AboveUpperCaution, Gpu)); // 84 °C is 41 s old: not a reason to raise
    }
}
