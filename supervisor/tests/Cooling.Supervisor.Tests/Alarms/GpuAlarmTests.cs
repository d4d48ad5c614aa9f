using Cooling.Supervisor.Alarms;
using static Cooling.Supervisor.Alarms.HallAlarmRules;

namespace Cooling.Supervisor.Tests.Alarms;

/// <summary>GPU alarms are per GPU: each GPU's own conditions, dwell and clear, judged only on the messages that carry it.</summary>
public sealed class GpuAlarmTests : IAsyncLifetime
{
    private AlarmTestHall _hall = null!;

    public Task InitializeAsync()
    {
        _hall = new AlarmTestHall(AlarmTestHall.Quick());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _hall.DisposeAsync();

    private void Second(params (int Index, double Temperature, double? Memory, bool? Throttled)[] gpus)
    {
        _hall.Rack(AlarmMessages.Gpus(gpus));
        _hall.After(1);
    }

    private static (int, double, double?, bool?) Gpu(int index, double temperature, double? memory = 50, bool? throttled = false) => (index, temperature, memory, throttled);

    [Fact]
    public void Two_hot_GPUs_of_one_rack_raise_and_clear_their_own_alarms()
    {
        for (var s = 0; s < 6; s++) Second(Gpu(0, 60), Gpu(3, 84), Gpu(9, 88));

        Assert.NotNull(_hall.Find(AboveUpperCaution, "hall1/rack/r01/gpu/3"));
        Assert.Null(_hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/3"));
        Assert.NotNull(_hall.Find(AboveUpperCaution, "hall1/rack/r01/gpu/9"));
        var critical = _hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/9")!;
        Assert.Equal(88, critical.Value);
        Assert.Equal("GPU 9 of rack r01 at 88.0 °C (threshold 87.0 °C)", critical.Message);
        Assert.Null(_hall.Find(AboveUpperCaution, "hall1/rack/r01/gpu/0"));
        Assert.Equal(2, _hall.Supervisor.Alarms.GpusWithAlarmsAlive);

        for (var s = 0; s < 4; s++) Second(Gpu(0, 60), Gpu(3, 70), Gpu(9, 88)); // GPU 3 cools (clear dwell 3 s), GPU 9 stays hot

        Assert.False(_hall.Find(AboveUpperCaution, "hall1/rack/r01/gpu/3")!.Active);
        Assert.True(_hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/9")!.Active);
        Assert.Equal(1, _hall.Supervisor.Alarms.GpusWithAlarmsAlive);
    }

    [Fact]
    public void The_hottest_GPU_changing_does_not_carry_an_alarm_from_one_GPU_to_another()
    {
        // Two GPUs take turns at 85 °C: neither stays above the caution threshold for the 5 s dwell.
        for (var s = 0; s < 12; s++) Second(Gpu(1, s % 4 < 2 ? 85 : 75), Gpu(2, s % 4 < 2 ? 75 : 85));

        Assert.Empty(_hall.Open);
    }

    [Fact]
    public void A_GPU_left_out_of_the_latest_message_is_not_judged_on_its_old_value()
    {
        for (var s = 0; s < 3; s++) Second(Gpu(0, 60), Gpu(5, 85));
        for (var s = 0; s < 10; s++) Second(Gpu(0, 60)); // GPU 5 no longer reported (e.g. no power value from DCGM)

        Assert.Null(_hall.Find(AboveUpperCaution, "hall1/rack/r01/gpu/5"));
        var gpus = _hall.Supervisor.Hall.Racks.Single().Gpus;
        Assert.True(gpus.TryGet(5, out var old));
        Assert.False(old.InLatestMessage);
        Assert.Equal(85, old.Reading.TemperatureCelsius);
    }

    [Fact]
    public void Memory_temperature_and_throttling_are_judged_per_GPU_only_when_reported()
    {
        for (var s = 0; s < 11; s++) Second(Gpu(0, 60, memory: 96, throttled: true), Gpu(1, 60, memory: null, throttled: null), Gpu(2, 60, memory: 50, throttled: false));

        Assert.NotNull(_hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/0/memory"));
        Assert.NotNull(_hall.Find(GpuThrottled, "hall1/rack/r01/gpu/0"));
        Assert.Equal(3, _hall.Open.Count); // memory caution and critical, throttling; nothing for GPU 1 (not reported) or 2, no rack coolant alarm (not reported)
        Assert.Null(_hall.Find(GpuThrottledCritical, "hall1/rack/r01/gpus")); // 1 throttling GPU < 8

        for (var s = 0; s < 12; s++) Second(Gpu(0, 60, memory: null, throttled: null)); // the flags go unreported: the alarms hold

        Assert.True(_hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/0/memory")!.Active);
        Assert.True(_hall.Find(GpuThrottled, "hall1/rack/r01/gpu/0")!.Active);

        for (var s = 0; s < 11; s++) Second(Gpu(0, 60, memory: 50, throttled: false));

        Assert.False(_hall.Find(AboveUpperCritical, "hall1/rack/r01/gpu/0/memory")!.Active);
        Assert.False(_hall.Find(GpuThrottled, "hall1/rack/r01/gpu/0")!.Active);
    }

    [Fact]
    public void A_cool_hall_keeps_no_alarm_conditions_however_many_GPUs_it_has()
    {
        for (var rack = 0; rack < 50; rack++)
        {
            _hall.Rack(AlarmMessages.Rack(hottestGpu: 80, gpus: 72), rack: $"r{rack:D2}"); // 80 °C: below caution − hysteresis (81 °C)
        }

        _hall.After(1);
        _hall.Rack(AlarmMessages.Rack(hottestGpu: 82, gpus: 72), rack: "r07"); // inside the hysteresis band: looked at, nothing to time
        _hall.After(1);

        Assert.Equal(50 * 72, _hall.Supervisor.Hall.Racks.Sum(r => r.Gpus.Count));
        Assert.Equal(0, _hall.Engine.ConditionCount);
        Assert.Equal(0, _hall.Supervisor.Alarms.GpusWithAlarmsAlive);

        _hall.Rack(AlarmMessages.Rack(hottestGpu: 84, gpus: 72), rack: "r07");
        _hall.After(1);
        Assert.Equal(1, _hall.Engine.ConditionCount); // GPU 5 of r07 timing its caution
    }

    [Fact]
    public void A_rack_that_stops_reporting_its_inlet_holds_its_inlet_alarm()
    {
        for (var s = 0; s < 31; s++)
        {
            _hall.Rack(AlarmMessages.Rack(inlet: 41));
            _hall.After(1);
        }

        Assert.True(_hall.Find(AboveUpperCaution, "hall1/rack/r01/inlet")!.Active);
        for (var s = 0; s < 40; s++) Second(Gpu(0, 60)); // the rack's publisher now leaves out the coolant values

        Assert.True(_hall.Find(AboveUpperCaution, "hall1/rack/r01/inlet")!.Active); // unknown is not cleared
        for (var s = 0; s < 31; s++)
        {
            _hall.Rack(AlarmMessages.Rack(inlet: 30));
            _hall.After(1);
        }

        Assert.False(_hall.Find(AboveUpperCaution, "hall1/rack/r01/inlet")!.Active);
    }
}
