using Cdu.Firmware.Alarms;
using Cdu.Firmware.Io;
using Cdu.Firmware.Safety;

namespace Cdu.Firmware.Tests.Alarms;

public sealed class AlarmTableTests
{
    private sealed class RecordingSink : IAlarmSink
    {
        public List<(Alarm Alarm, bool Raised, long At)> Changes { get; } = [];

        public void AlarmChanged(Alarm alarm, bool raised, long nowMilliseconds) => Changes.Add((alarm, raised, nowMilliseconds));
    }

    private readonly RecordingSink _sink = new();
    private readonly AlarmTable _table;

    public AlarmTableTests() => _table = new AlarmTable(_sink);

    [Theory]
    [InlineData(AlarmTable.SupplyHigh, AlarmCodes.SupplyTemperatureHigh, "supply", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.SupplyLow, AlarmCodes.SupplyTemperatureLow, "supply", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.DewPointLimit, AlarmCodes.SupplyLimitedByDewPoint, "supply", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.ReservoirLow, AlarmCodes.FluidLevelLow, "reservoir", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.ReservoirLowLow, AlarmCodes.FluidLevelLowLow, "reservoir", AlarmSeverity.Critical)]
    [InlineData(AlarmTable.DryRun, AlarmCodes.FlowRateLow, "secondary", AlarmSeverity.Critical)]
    [InlineData(AlarmTable.Filter, AlarmCodes.FilterRequiresService, "filter", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.NoStandby, AlarmCodes.NoStandbyPump, "pumps", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.LeaseExpired, AlarmCodes.SupervisorLeaseExpired, "supervisor", AlarmSeverity.Warning)]
    [InlineData(AlarmTable.CycleFault, AlarmCodes.ControlCycleFault, "controller", AlarmSeverity.Critical)]
    [InlineData(AlarmTable.ConfigDefaults, AlarmCodes.ConfigurationDefaultsLoaded, "configuration", AlarmSeverity.Warning)]
    public void Each_process_and_safety_slot_has_its_code_source_and_severity(int slot, string code, string source, AlarmSeverity severity)
    {
        var alarm = _table.Get(slot);

        Assert.Equal(code, alarm.Code);
        Assert.Equal(source, alarm.Source);
        Assert.Equal(severity, alarm.Severity);
    }

    [Fact]
    public void Every_leak_zone_has_a_warning_and_a_critical_slot_named_after_the_zone()
    {
        for (var i = 0; i < CduInputs.LeakZoneCount; i++)
        {
            var warning = _table.Get(AlarmTable.LeakWarningFirst + i);
            var critical = _table.Get(AlarmTable.LeakCriticalFirst + i);
            Assert.Equal(AlarmCodes.LeakDetectedWarning, warning.Code);
            Assert.Equal(AlarmCodes.LeakDetectedCritical, critical.Code);
            Assert.Equal("zone" + (i + 1), warning.Source);
            Assert.Equal("zone" + (i + 1), critical.Source);
            Assert.Equal(AlarmSeverity.Warning, warning.Severity);
            Assert.Equal(AlarmSeverity.Critical, critical.Severity);
        }
    }

    [Fact]
    public void Every_pump_and_every_sensor_has_its_own_slot()
    {
        for (var i = 0; i < CduInputs.MaximumPumps; i++)
        {
            var alarm = _table.Get(AlarmTable.PumpFailedFirst + i);
            Assert.Equal(AlarmCodes.PumpFailed, alarm.Code);
            Assert.Equal("pump" + (i + 1), alarm.Source);
            Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
        }

        var suite = new SensorSuite();
        for (var i = 0; i < SensorSuite.ChannelCount; i++)
        {
            var alarm = _table.Get(AlarmTable.SensorFirst + i);
            Assert.Equal(AlarmCodes.SensorFault, alarm.Code);
            Assert.Equal(suite.Channel(i).Name, alarm.Source);
            Assert.Equal(AlarmSeverity.Warning, alarm.Severity);
        }

        Assert.Equal(AlarmTable.SensorFirst + SensorSuite.ChannelCount, AlarmTable.Count);
    }

    [Fact]
    public void Every_slot_starts_inactive_with_an_operator_text_and_no_raise_time()
    {
        var texts = new HashSet<string>();
        for (var i = 0; i < AlarmTable.Count; i++)
        {
            var alarm = _table.Get(i);
            Assert.False(alarm.Active);
            Assert.Equal(-1, alarm.RaisedAtMilliseconds);
            Assert.False(string.IsNullOrWhiteSpace(alarm.Text));
            texts.Add(alarm.Code + ":" + alarm.Text);
        }

        Assert.Equal(0, _table.ActiveCount);
        Assert.False(_table.AnyCritical);
        Assert.Empty(_sink.Changes);
        Assert.Equal(15, texts.Count); // one text per code
    }

    [Fact]
    public void Raising_reaches_the_sink_once_and_records_when()
    {
        _table.Set(AlarmTable.Filter, true, 5_000);
        _table.Set(AlarmTable.Filter, true, 5_100);
        _table.Set(AlarmTable.Filter, true, 5_200);

        var change = Assert.Single(_sink.Changes);
        Assert.Same(_table.Get(AlarmTable.Filter), change.Alarm);
        Assert.True(change.Raised);
        Assert.Equal(5_000, change.At);
        Assert.True(_table.Get(AlarmTable.Filter).Active);
        Assert.Equal(5_000, _table.Get(AlarmTable.Filter).RaisedAtMilliseconds);
        Assert.Equal(1, _table.ActiveCount);
    }

    [Fact]
    public void Clearing_reaches_the_sink_once_and_forgets_the_raise_time()
    {
        _table.Set(AlarmTable.NoStandby, true, 1_000);
        _table.Set(AlarmTable.NoStandby, false, 2_000);
        _table.Set(AlarmTable.NoStandby, false, 3_000);

        Assert.Equal(2, _sink.Changes.Count);
        Assert.False(_sink.Changes[1].Raised);
        Assert.Equal(2_000, _sink.Changes[1].At);
        Assert.False(_table.Get(AlarmTable.NoStandby).Active);
        Assert.Equal(-1, _table.Get(AlarmTable.NoStandby).RaisedAtMilliseconds);
        Assert.Equal(0, _table.ActiveCount);
    }

    [Fact]
    public void Clearing_an_alarm_that_is_not_active_reports_nothing()
    {
        _table.Set(AlarmTable.CycleFault, false, 1_000);

        Assert.Empty(_sink.Changes);
    }

    [Fact]
    public void Any_critical_is_true_only_while_a_critical_alarm_is_active()
    {
        _table.Set(AlarmTable.SupplyHigh, true, 0);
        _table.Set(AlarmTable.SensorFirst + 8, true, 0);
        Assert.False(_table.AnyCritical);
        Assert.Equal(2, _table.ActiveCount);

        _table.Set(AlarmTable.LeakCriticalFirst + 3, true, 0);
        Assert.True(_table.AnyCritical);
        Assert.Equal(3, _table.ActiveCount);

        _table.Set(AlarmTable.LeakCriticalFirst + 3, false, 0);
        Assert.False(_table.AnyCritical);
    }

    [Fact]
    public void The_last_slot_counts_like_any_other()
    {
        _table.Set(AlarmTable.Count - 1, true, 0);

        Assert.Equal(1, _table.ActiveCount);
        Assert.False(_table.AnyCritical);
        _table.Set(AlarmTable.ReservoirLowLow, true, 0);
        Assert.True(_table.AnyCritical);
    }
}
