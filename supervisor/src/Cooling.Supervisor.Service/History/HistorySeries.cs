namespace Cooling.Supervisor.Service.History;

/// <summary>
/// A field that history can be asked for: the contract's name for it, its device kind, its SQLite table and column,
/// and its InfluxDB field (the measurement is the table's name; docs/architecture.md, "Storage").
/// </summary>
public sealed record HistorySeries(string Device, string Field, string Table, string Column, string InfluxField)
{
    public const string Cdu = "cdu";
    public const string Rack = "rack";

    /// <summary>The fields of the store's tables by their contract names (camelCase, unit in the name).</summary>
    public static readonly IReadOnlyList<HistorySeries> All =
    [
        new(Cdu, "supplyTemperatureCelsius", "cdu_telemetry", "supply_c", "supply_temperature_celsius"),
        new(Cdu, "returnTemperatureCelsius", "cdu_telemetry", "return_c", "return_temperature_celsius"),
        new(Cdu, "supplyTemperatureSetpointCelsius", "cdu_telemetry", "setpoint_c", "supply_temperature_setpoint_celsius"),
        new(Cdu, "supplyTemperatureTargetCelsius", "cdu_telemetry", "target_c", "supply_temperature_target_celsius"),
        new(Cdu, "facilitySupplyTemperatureCelsius", "cdu_telemetry", "facility_supply_c", "facility_supply_temperature_celsius"),
        new(Cdu, "facilityReturnTemperatureCelsius", "cdu_telemetry", "facility_return_c", "facility_return_temperature_celsius"),
        new(Cdu, "flowLitersPerMinute", "cdu_telemetry", "flow_lpm", "flow_liters_per_minute"),
        new(Cdu, "deltaPressureKpa", "cdu_telemetry", "dp_kpa", "delta_pressure_kpa"),
        new(Cdu, "valvePositionPercent", "cdu_telemetry", "valve_pct", "valve_position_percent"),
        new(Cdu, "valveCommandPercent", "cdu_telemetry", "valve_command_pct", "valve_command_percent"),
        new(Cdu, "rejectedMessages", "cdu_telemetry", "rejected_messages", "rejected_messages"),
        new(Rack, "inletTemperatureCelsius", "rack_telemetry", "inlet_c", "inlet_temperature_celsius"),
        new(Rack, "outletTemperatureCelsius", "rack_telemetry", "outlet_c", "outlet_temperature_celsius"),
        new(Rack, "flowLitersPerMinute", "rack_telemetry", "flow_lpm", "flow_liters_per_minute"),
        new(Rack, "powerWatts", "rack_telemetry", "power_w", "power_watts"),
        new(Rack, "hottestGpuTemperatureCelsius", "rack_telemetry", "hottest_gpu_c", "hottest_gpu_temperature_celsius"),
        new(Rack, "hottestMemoryTemperatureCelsius", "rack_telemetry", "hottest_memory_c", "hottest_memory_temperature_celsius"),
        new(Rack, "throttledGpus", "rack_telemetry", "throttled_gpus", "throttled_gpu_count"),
    ];

    /// <summary>The SQLite column and the InfluxDB tag that name the device: <c>cdu</c> or <c>rack</c>.</summary>
    public string DeviceColumn => Device == Cdu ? "cdu" : "rack";

    /// <summary>The InfluxDB measurement the field is in (the same name as the SQLite table).</summary>
    public string InfluxMeasurement => Device == Cdu
        ? Storage.Influx.InfluxDbTelemetryStore.CduTelemetryMeasurement
        : Storage.Influx.InfluxDbTelemetryStore.RackTelemetryMeasurement;

    public static HistorySeries? Find(string device, string field) =>
        All.FirstOrDefault(s => s.Device == device && string.Equals(s.Field, field, StringComparison.Ordinal));

    public static IEnumerable<string> FieldsOf(string device) => All.Where(s => s.Device == device).Select(s => s.Field);
}
