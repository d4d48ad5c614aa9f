using System.Collections.Concurrent;
using Cooling.Supervisor.Contract;
using Cooling.Supervisor.State;
using Microsoft.Extensions.Logging;

namespace Cooling.Supervisor.Storage.Influx;

/// <summary>
/// The supervisor's records as InfluxDB points (measurements, tags and fields in docs/architecture.md, "Storage"):
/// rack_telemetry, cdu_telemetry, setpoint_request, setpoint_acknowledgement and cdu_event, tagged by site and
/// rack or CDU, at millisecond times. InfluxDB keeps one point per series and time, so two records of one series
/// that arrive in the same millisecond would overwrite each other: the later is moved to the next free millisecond.
/// </summary>
public sealed class InfluxDbTelemetryStore(InfluxDbWriter writer) : ITelemetryStore, IAsyncDisposable
{
    public const string RackTelemetryMeasurement = "rack_telemetry";
    public const string CduTelemetryMeasurement = "cdu_telemetry";
    public const string SetpointRequestMeasurement = "setpoint_request";
    public const string AcknowledgementMeasurement = "setpoint_acknowledgement";
    public const string EventMeasurement = "cdu_event";

    private readonly ConcurrentDictionary<(string Measurement, string Site, string Device), long> _lastTime = new();

    public InfluxDbTelemetryStore(InfluxDbOptions options, TimeProvider time, ILogger logger, HttpMessageHandler? handler = null)
        : this(new InfluxDbWriter(options, time, logger, handler))
    {
    }

    public InfluxDbWriter Writer { get; } = writer;

    public void AddRackTelemetry(string siteId, string rackId, RackTelemetry t, DateTimeOffset receivedAt)
    {
        // The rack agent stamps its message; that is when the GPUs had these values.
        var measuredAt = t.TimestampUnixMilliseconds > 0 ? t.TimestampUnixMilliseconds : receivedAt.ToUnixTimeMilliseconds();
        Writer.TryAdd(new InfluxPoint(RackTelemetryMeasurement, UniqueTime(RackTelemetryMeasurement, siteId, rackId, measuredAt))
            .Tag("site", siteId).Tag("rack", rackId)
            .Field("seq", t.Sequence)
            .Field("inlet_temperature_celsius", t.InletTemperatureCelsius)
            .Field("outlet_temperature_celsius", t.OutletTemperatureCelsius)
            .Field("flow_liters_per_minute", t.FlowLitersPerMinute)
            .Field("power_watts", t.PowerWatts)
            .Field("gpu_power_watts", t.GpuPowerWatts)
            .Field("gpu_count", t.GpuCount)
            .Field("hottest_gpu_temperature_celsius", t.HottestGpuTemperatureCelsius)
            .Field("hottest_gpu_index", t.HottestGpuIndex)
            .Field("hottest_memory_temperature_celsius", t.HottestMemoryTemperatureCelsius)
            .Field("throttled_gpu_count", t.ThrottledGpuCount));
    }

    public void AddCduTelemetry(string siteId, string cduId, CduTelemetry t, DateTimeOffset receivedAt) =>
        Writer.TryAdd(new InfluxPoint(CduTelemetryMeasurement, UniqueTime(CduTelemetryMeasurement, siteId, cduId, receivedAt.ToUnixTimeMilliseconds()))
            .Tag("site", siteId).Tag("cdu", cduId)
            .Field("seq", t.Sequence)
            .Field("uptime_ms", t.UptimeMilliseconds)
            .Field("mode", t.Mode)
            .Field("setpoint_source", t.SetpointSource)
            .Field("supply_temperature_celsius", t.SupplyTemperatureCelsius)
            .Field("return_temperature_celsius", t.ReturnTemperatureCelsius)
            .Field("supply_temperature_setpoint_celsius", t.SupplyTemperatureSetpointCelsius)
            .Field("supply_temperature_target_celsius", t.SupplyTemperatureTargetCelsius)
            .Field("facility_supply_temperature_celsius", t.FacilitySupplyTemperatureCelsius)
            .Field("facility_return_temperature_celsius", t.FacilityReturnTemperatureCelsius)
            .Field("flow_liters_per_minute", t.FlowLitersPerMinute)
            .Field("delta_pressure_kpa", t.DeltaPressureKpa)
            .Field("valve_position_percent", t.ValvePositionPercent)
            .Field("valve_command_percent", t.ValveCommandPercent)
            .Field("pump_speed_percent", t.PumpSpeedPercent)
            .Field("dew_point_celsius", t.DewPointCelsius)
            .Field("last_request_seq", t.LastRequestSequence)
            .Field("lease_remaining_seconds", t.LeaseRemainingSeconds)
            .Field("rejected_messages", t.RejectedMessages)
            .Field("critical_alarm_count", t.CriticalAlarmCount)
            .Field("active_alarms", string.Join(' ', t.ActiveAlarms))
            .Field("firmware_version", t.FirmwareVersion));

    public void AddSetpointRequest(string siteId, string cduId, SetpointRequestRecord r) =>
        Writer.TryAdd(new InfluxPoint(SetpointRequestMeasurement, UniqueTime(SetpointRequestMeasurement, siteId, cduId, r.SentAt.ToUnixTimeMilliseconds()))
            .Tag("site", siteId).Tag("cdu", cduId)
            .Field("seq", r.Sequence)
            .Field("supply_temperature_celsius", r.SupplyTemperatureCelsius)
            .Field("lease_seconds", r.LeaseSeconds));

    public void AddAcknowledgement(string siteId, string cduId, SetpointAcknowledgement a, DateTimeOffset receivedAt) =>
        Writer.TryAdd(new InfluxPoint(AcknowledgementMeasurement, UniqueTime(AcknowledgementMeasurement, siteId, cduId, receivedAt.ToUnixTimeMilliseconds()))
            .Tag("site", siteId).Tag("cdu", cduId).Tag("status", a.Status)
            .Field("seq", a.Sequence)
            .Field("reason", a.Reason)
            .Field("requested_supply_temperature_celsius", a.RequestedSupplyTemperatureCelsius)
            .Field("applied_supply_temperature_celsius", a.AppliedSupplyTemperatureCelsius)
            .Field("lease_seconds", a.LeaseSeconds));

    public void AddEvent(string siteId, string cduId, CduEvent e, DateTimeOffset receivedAt) =>
        Writer.TryAdd(new InfluxPoint(EventMeasurement, UniqueTime(EventMeasurement, siteId, cduId, receivedAt.ToUnixTimeMilliseconds()))
            .Tag("site", siteId).Tag("cdu", cduId).Tag("severity", e.Severity)
            .Field("seq", e.Sequence)
            .Field("name", e.Name)
            .Field("reason", e.Reason));

    private long UniqueTime(string measurement, string site, string device, long milliseconds) =>
        _lastTime.AddOrUpdate((measurement, site, device), milliseconds, (_, last) => milliseconds > last ? milliseconds : last + 1);

    public ValueTask DisposeAsync() => Writer.DisposeAsync();
}
